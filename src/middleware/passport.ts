import { Passport } from 'passport';
import { Strategy as LocalStrategy, type IVerifyOptions } from 'passport-local';
import { AppError } from '../errors';
import type { Services } from '../services';

/** Why a login was refused: the status and the message shown on the login form. */
export interface LoginDitolak {
  status: 401 | 429;
  message: string;
}

/**
 * Passport for one app instance (not the default singleton: two apps in one process would share
 * its strategy). Login is passport-local on the `nip` and `password` fields; the account service
 * checks the password and the throttles. The session keeps only the employee id.
 */
export function setUpPassport(services: Services) {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'nip', passwordField: 'password', passReqToCallback: true }, (req, nip, password, done) => {
      services.akun.login(nip, password, req.ip ?? '').then(
        (id) => done(null, { id } as Express.User),
        (e: unknown) => {
          if (!(e instanceof AppError && (e.status === 401 || e.status === 429))) return done(e);
          const ditolak: LoginDitolak & IVerifyOptions = { status: e.status, message: e.message };
          done(null, false, ditolak);
        },
      );
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: number, done) => {
    services.akun.pengguna(id).then((u) => done(null, u ?? false), done);
  });
  return passport;
}

export type AppPassport = ReturnType<typeof setUpPassport>;
