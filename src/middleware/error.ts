import type { NextFunction, Request, Response } from 'express';
import { AppError, ValidationError } from '../errors';

const JUDUL: Record<number, string> = {
  400: 'Permintaan tidak valid',
  401: 'Perlu masuk',
  403: 'Akses ditolak',
  404: 'Halaman tidak ditemukan',
  409: 'Tindakan tidak dapat dilakukan',
  413: 'Berkas terlalu besar',
  422: 'Isian tidak valid',
  429: 'Terlalu banyak percobaan',
  500: 'Terjadi kesalahan',
};

export function notFound(_req: Request, res: Response) {
  res
    .status(404)
    .render('error', { judul: JUDUL[404], pesan: 'Halaman yang Anda cari tidak ada atau bukan milik Anda.', status: 404, errors: {} });
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  let status = 500;
  let pesan = 'Maaf, terjadi kesalahan pada sistem. Silakan coba lagi; bila berulang, hubungi admin BKPSDMD.';
  let errors: Record<string, string> = {};
  if (err instanceof AppError) {
    status = err.status;
    pesan = err.message;
    if (err instanceof ValidationError) errors = err.errors;
  } else if (isHttpError(err)) {
    // body-parser and multer errors: bad input, never a 500
    status = err.status === 413 || err.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
    pesan = status === 413 ? 'Data yang dikirim terlalu besar (berkas paling besar 5 MB).' : 'Data yang dikirim tidak dapat dibaca.';
  } else {
    req.log?.error({ err }, 'unhandled error');
    if (process.env.DEBUG_ERR) console.error(err);
  }
  if (res.headersSent) return;
  if (status === 401 && req.method === 'POST' && !req.user) {
    return res.redirect(303, '/login');
  }
  res.status(status);
  if (req.accepts(['html', 'json']) === 'json') return res.json({ error: pesan, errors });
  res.render('error', { judul: JUDUL[status] ?? 'Kesalahan', pesan, status, errors });
}

function isHttpError(err: unknown): err is { status?: number; code?: string } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { status?: unknown; statusCode?: unknown; code?: unknown; name?: unknown };
  return (typeof e.status === 'number' && e.status >= 400 && e.status < 500) || e.name === 'MulterError';
}
