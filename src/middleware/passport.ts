import { Passport } from 'passport';
import { Strategy as LocalStrategy, type IVerifyOptions } from 'passport-local';
import { AppError } from '../errors';
import type { Services } from '../services';
import type { Perangkat } from './perangkat';

/** Why a login was refused: the status and the message shown on the login form. */
export interface LoginDitolak {
  status: 401 | 429;
  message: string;
}

/**
 * Passport for one app instance (not the default singleton: two apps in one process would share
 * its strategy). Login is passport-local on the `nip` and `password` fields; the account service
 * checks the password and the throttles. The session keeps the employee id and a stamp of the
 * password: after any change of password (own, by link, by an admin) older sessions are void.
 */
export function setUpPassport(services: Services, perangkat: Perangkat) {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'nip', passwordField: 'password', passReqToCallback: true }, (req, nip, password, done) => {
      const asal = { alamat: req.ip ?? '', perangkat: perangkat.baca(req, nip) };
      services.akun.login(nip, password, asal).then(
        (u) => done(null, u as Express.User),
        (e: unknown) => {
          if (!(e instanceof AppError && (e.status === 401 || e.status === 429))) return done(e);
          const ditolak: LoginDitolak & IVerifyOptions = { status: e.status, message: e.message };
          done(null, false, ditolak);
        },
      );
    }),
  );
  // what the session keeps of the login (`sess.passport.user`), with when it was made (the real
  // clock, as the session's hours are real hours); setUpSession reads it back with the user
  passport.serializeUser((user, done) => done(null, { id: user.id, kunci: user.kunci_sesi, masuk: Date.now() }));
  return passport;
}

export type AppPassport = ReturnType<typeof setUpPassport>;
