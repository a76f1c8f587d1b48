import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Pengguna } from '../data/pegawai';
import { bacaCookie } from './rahasia';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Pengguna {}
  }
}

/** The page a visitor asked for before signing in, to go back to after: a cookie, not a session row. */
export const COOKIE_KEMBALI = 'bangkom.kembali';

export function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (req.originalUrl.length <= 2000)
      res.cookie(COOKIE_KEMBALI, req.originalUrl, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 3600_000, path: '/' });
    return res.redirect(303, '/login');
  }
  throw new UnauthorizedError();
}

/** Where to go after signing in: the page asked for (a path of this app only), or the dashboard. */
export function tujuanSetelahMasuk(req: Request, res: Response): string {
  const mentah = bacaCookie(req, COOKIE_KEMBALI);
  if (mentah === undefined) return '/';
  res.clearCookie(COOKIE_KEMBALI, { path: '/' });
  let tujuan: string;
  try {
    tujuan = decodeURIComponent(mentah);
  } catch {
    return '/';
  }
  return /^\/(?![/\\])/.test(tujuan) && !tujuan.startsWith('/logout') ? tujuan : '/';
}

/** The logged-in user; only for handlers behind requireLogin. */
export function pengguna(req: Request): Pengguna {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

export function requireRole(...peran: Pengguna['peran'][]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) throw new UnauthorizedError();
    if (!peran.includes(req.user.peran))
      throw new ForbiddenError('Halaman ini hanya untuk ' + peran.map((p) => p.toUpperCase()).join(' / ') + '.');
    next();
  };
}

export function flash(req: Request, jenis: 'sukses' | 'info' | 'peringatan' | 'bahaya', pesan: string) {
  req.session.flash = { jenis, pesan };
}

/**
 * After an admin reset the user holds a one-time password: until it is changed, every page and
 * action leads to the change form (logging out stays possible).
 */
export function wajibGantiPassword(req: Request, res: Response, next: NextFunction) {
  if (!req.user?.harus_ganti_password || req.path === '/akun/password' || req.path === '/logout') return next();
  if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, '/akun/password');
  throw new ForbiddenError('Anda memakai kata sandi sementara. Buat kata sandi baru terlebih dahulu di halaman Ganti Password.');
}
