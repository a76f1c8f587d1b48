import { Passport } from 'passport';
import { Strategy as LocalStrategy, type IVerifyOptions } from 'passport-local';
import { AppError } from '../errors';
import type { Pengguna } from '../data/pegawai';
import type { Services } from '../services';
import type { Perangkat } from './perangkat';

const PENGGUNA = Symbol('pengguna');

/** What the session keeps of the login (`sess.passport.user`), and the user the store read with it. */
interface SesiPassport {
  id?: unknown;
  kunci?: unknown;
  [PENGGUNA]?: Pengguna | null;
}

/**
 * Hands the user that the session store read with the session row (null: none, or inactive) to
 * the deserializer below. It sits on the session's login entry under a symbol, not enumerable:
 * express-session copies that entry by reference, and neither saves it nor counts it as a change.
 */
export function lampirkanPengguna(sess: unknown, pengguna: Pengguna | null) {
  if (typeof sess !== 'object' || sess === null || !('passport' in sess)) return;
  const masuk = sess.passport;
  if (typeof masuk !== 'object' || masuk === null || !('user' in masuk)) return;
  const sesi = masuk.user;
  if (typeof sesi === 'object' && sesi !== null) Object.defineProperty(sesi, PENGGUNA, { value: pengguna, enumerable: false });
}

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
  passport.serializeUser((user, done) => done(null, { id: user.id, kunci: user.kunci_sesi }));
  passport.deserializeUser((sesi: SesiPassport, done) => {
    if (typeof sesi?.id !== 'number') return done(null, false);
    const sah = (u: Pengguna | null | undefined) => (u && u.kunci_sesi === sesi.kunci ? u : false);
    // read with the session row by the store (one query for both); otherwise on its own
    if (PENGGUNA in sesi) return done(null, sah(sesi[PENGGUNA]));
    services.akun.pengguna(sesi.id).then((u) => done(null, sah(u)), done);
  });
  return passport;
}

export type AppPassport = ReturnType<typeof setUpPassport>;
