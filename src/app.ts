import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { Knex } from 'knex';
import type { Config } from './config';
import type { Clock } from './domain/waktu';
import type { Services } from './services';
import { csrfProtection, csrfToken } from './middleware/csrf';
import { setUpPassport } from './middleware/passport';
import { createPerangkat } from './middleware/perangkat';
import { wajibGantiPassword } from './middleware/auth';
import { errorHandler, notFound } from './middleware/error';
import { batasWaktuKirim } from './middleware/batas-waktu';
import { tolakKarakterKontrol } from './middleware/kontrol';
import { fmt } from './format';
import { akunRouter } from './routes/akun';
import { pengajuanRouter } from './routes/pengajuan';
import { laporanRouter } from './routes/laporan';
import { verifikasiRouter } from './routes/verifikasi';
import { bawahanRouter } from './routes/bawahan';
import { notifikasiRouter } from './routes/notifikasi';
import { lupaPasswordRouter } from './routes/lupa-password';
import { rekomendasiRouter } from './routes/rekomendasi';
import { bkpsdmRekomendasiRouter } from './routes/bkpsdm/rekomendasi';
import { bkpsdmRouter } from './routes/bkpsdm';
import { pltRouter } from './routes/bkpsdm/plt';
import { unitRouter } from './routes/unit';
import { adminRouter } from './routes/admin';
import { panduanRouter, tautanPanduan } from './routes/panduan';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDeps {
  config: Config;
  db: Knex;
  services: Services;
  clock: Clock;
  logger: Logger;
  sessionSecret: string;
}

export function createApp(deps: AppDeps) {
  const { config, db, services, logger } = deps;
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', path.join(root, 'views'));
  app.set('query parser', 'extended');
  // templates do not change while the process runs: compile each once (restart to see edits)
  app.set('view cache', true);
  app.disable('x-powered-by');
  app.set('trust proxy', ({ true: true, false: false } as Record<string, boolean>)[config.trustProxy] ?? config.trustProxy);
  app.locals.fmt = fmt;
  app.locals.pemerintah = 'Pemerintah Provinsi Kepulauan Bangka Belitung';
  if (process.env.BENCH_COUNT_QUERIES === '1') {
    // bench/run.ts only: running total of the queries made for requests (not the background worker).
    const inRequest = new AsyncLocalStorage<true>();
    let queries = 0;
    db.on('query', () => void (inRequest.getStore() && queries++));
    app.use((_req, res, next) => (res.setHeader('X-Query-Count', String(queries)), inRequest.run(true, next)));
  }

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: config.env === 'production',
    }),
  );
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => /^\/(static|vendor)\//.test(req.url ?? '') },
      // method, path and status only: no headers, cookies or bodies (passwords) in the log
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req) => ({ pegawai: (req as Request).user?.id }),
    }),
  );

  app.use(batasWaktuKirim(config.batasKirimMs));

  // Static assets: ours and the vendor packages', all served by the app (no CDN).
  const statik = { maxAge: config.env === 'production' ? '7d' : 0 };
  app.use('/static', express.static(path.join(root, 'public'), statik));
  app.use('/vendor/bootstrap', express.static(path.join(root, 'node_modules/bootstrap/dist'), statik));
  app.use('/vendor/bootstrap-icons', express.static(path.join(root, 'node_modules/bootstrap-icons/font'), statik));

  app.get('/healthz', async (_req, res) => {
    try {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref());
      await Promise.race([db.raw('select 1'), timeout]);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'error' });
    }
  });

  // Expired sessions are deleted hourly by the store (not in tests: no timers left behind).
  // A session lasts 8 hours from its last change; it is not rewritten on every page view.
  const store = new ConnectSessionKnexStore({
    knex: db,
    tableName: 'sessions',
    createTable: false,
    cleanupInterval: config.env === 'test' ? 0 : 3_600_000,
  });
  (store as { touch?: unknown }).touch = undefined;
  // The store checks its table once at start; if the database is down then, that check must not
  // end the process nor fail every later request: each request then tries the database itself.
  const siap = store as unknown as { ready: Promise<void> };
  siap.ready = siap.ready.catch(() => undefined);
  // The store both calls back with an error and rejects its own promise; the callback is enough,
  // an unobserved rejection would end the process.
  for (const m of ['get', 'set', 'destroy'] as const) {
    const asli = store[m].bind(store) as (...a: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => asli(...a).catch(() => undefined);
  }
  app.use(
    session({
      name: 'bangkom.sid',
      secret: deps.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: 8 * 3600 * 1000 },
    }),
  );
  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));

  const perangkat = createPerangkat(deps.sessionSecret, config.env === 'production');
  const passport = setUpPassport(services, perangkat);
  app.use(passport.initialize());
  app.use(passport.session());

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

  app.use(akunRouter(services, passport, perangkat));
  app.use(lupaPasswordRouter(services));
  app.use(pengajuanRouter(services));
  app.use(laporanRouter(services));
  app.use(verifikasiRouter(services));
  app.use(bawahanRouter(services));
  app.use(notifikasiRouter(services));
  app.use(rekomendasiRouter(services));
  app.use(bkpsdmRekomendasiRouter(services));
  app.use(bkpsdmRouter(services));
  app.use(pltRouter(services));
  app.use(unitRouter(services));
  app.use(adminRouter(services));
  app.use(panduanRouter());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
