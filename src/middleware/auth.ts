import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Pengguna } from '../data/pegawai';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Pengguna {}
  }
}

export function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (req.session && !req.originalUrl.startsWith('/logout')) req.session.kembaliKe = req.originalUrl;
    return res.redirect(303, '/login');
  }
  throw new UnauthorizedError();
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
