import type { Express, NextFunction, Request, Response } from 'express';
import type { Services } from '../services';
import { setUpPassport, type AppPassport } from '../middleware/passport';
import { createPerangkat, type Perangkat } from '../middleware/perangkat';
import { csrfProtection, csrfToken } from '../middleware/csrf';
import { tolakKarakterKontrol } from '../middleware/kontrol';
import { wajibGantiPassword } from '../middleware/auth';
import { tautanPanduan } from '../routes/panduan';

/**
 * Who is asking (passport on the session, the known-device cookie), what every page's layout
 * needs, and the checks every form passes first: the CSRF token, no control characters, and a
 * one-time password changed before anything else.
 */
export function setUpAuth(
  app: Express,
  services: Services,
  secret: string,
  production: boolean,
): { passport: AppPassport; perangkat: Perangkat } {
  const perangkat = createPerangkat(secret, production);
  const passport = setUpPassport(services, perangkat);
  // the user comes with the session (setUpSession): passport signs in and out, it reads no session
  app.use(passport.initialize());

  app.use((req: Request, res: Response, next: NextFunction) => {
    // a private page must not come back from the browser's cache (Back after logout)
    if (req.user) res.set('Cache-Control', 'no-store');
    res.locals.user = req.user;
    res.locals.csrfToken = csrfToken(req);
    res.locals.path = req.path;
    res.locals.url = req.originalUrl;
    // the header's "?" link: the guide's section about this page
    res.locals.panduan = tautanPanduan(req.path);
    res.locals.flash = req.session.flash;
    res.locals.errors = {};
    res.locals.values = {};
    delete req.session.flash;
    next();
  });
  app.use(csrfProtection);
  app.use(tolakKarakterKontrol);
  app.use(wajibGantiPassword);
  return { passport, perangkat };
}
