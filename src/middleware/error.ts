import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, ValidationError } from '../errors';
import { fieldErrors } from '../routes/validasi';

const JUDUL: Record<number, string> = {
  400: 'Permintaan tidak valid',
  401: 'Perlu masuk',
  403: 'Akses ditolak',
  404: 'Halaman tidak ditemukan',
  408: 'Waktu habis',
  409: 'Tindakan tidak dapat dilakukan',
  413: 'Data terlalu besar',
  415: 'Permintaan tidak valid',
  422: 'Isian tidak valid',
  429: 'Terlalu banyak percobaan',
  500: 'Terjadi kesalahan',
  503: 'Layanan sementara tidak tersedia',
};

const PESAN_500 = 'Maaf, terjadi kesalahan pada sistem. Silakan coba lagi; bila berulang, hubungi admin BKPSDMD.';
const PESAN_503 = 'Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi; bila berulang, hubungi admin BKPSDMD.';

export function notFound(req: Request, res: Response) {
  halamanGalat(req, res, 404, 'Halaman yang Anda cari tidak ada atau bukan milik Anda.');
}

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  let status = 500;
  let pesan = PESAN_500;
  let errors: Record<string, string> = {};
  if (err instanceof AppError) {
    status = err.status;
    pesan = err.message;
    if (err instanceof ValidationError) errors = err.errors;
  } else if (err instanceof ZodError) {
    // a schema parsed outside validate(): still the user's input, never a 500
    status = 422;
    pesan = 'Periksa kembali isian yang ditandai.';
    errors = fieldErrors(err);
  } else if (isHttpError(err)) {
    // body-parser and multer errors, before any route ran: bad input, never a 500
    [status, pesan] = masukanBuruk(err);
  } else if (databaseMati(err)) {
    status = 503;
    pesan = PESAN_503;
    req.log?.error({ err }, 'database tidak dapat dihubungi');
  } else {
    req.log?.error({ err }, 'unhandled error');
    if (process.env.DEBUG_ERR) console.error(err);
  }
  if (res.headersSent) {
    // a download or page already under way cannot become an error page: end the connection so
    // the browser reports a failed transfer instead of waiting for the rest
    res.destroy();
    return;
  }
  if (status === 401 && req.method === 'POST' && !req.user) {
    return res.redirect(303, '/login');
  }
  if (req.accepts(['html', 'json']) === 'json') return res.status(status).json({ error: pesan, errors });
  halamanGalat(req, res, status, pesan, errors);
}

/**
 * The Indonesian error page, however early the error came (before the session, the body or the
 * user were read): what the layout needs is filled in here, and if the page itself cannot be
 * rendered a plain page says the same. Never a stack trace.
 */
export function halamanGalat(req: Request, res: Response, status: number, pesan: string, errors: Record<string, string> = {}) {
  const judul = JUDUL[status] ?? (status >= 500 ? JUDUL[500]! : JUDUL[400]!);
  const awal = { user: req.user, csrfToken: req.session?.token ?? '', path: req.path, url: req.originalUrl, flash: undefined, values: {} };
  for (const [k, v] of Object.entries(awal)) if (!(k in res.locals)) res.locals[k] = v;
  res.status(status);
  res.render('error', { judul, pesan, status, errors }, (e, html) => {
    if (!e) return res.send(html);
    req.log?.error({ err: e }, 'halaman galat gagal dibuat');
    res
      .type('html')
      .send(
        `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${judul} · Bangkom</title></head>` +
          `<body><main><p>Kode ${status}</p><h1>${judul}</h1><p>${escape(pesan)}</p><p><a href="/">Kembali ke beranda</a></p></main></body></html>`,
      );
  });
}

function masukanBuruk(err: { status?: number; code?: string; type?: string }): [number, string] {
  if (err.code === 'LIMIT_FILE_SIZE') return [413, 'Berkas terlalu besar: paling besar 5 MB.'];
  if (err.type === 'parameters.too.many' || err.code === 'LIMIT_FIELD_COUNT')
    return [413, 'Formulir berisi terlalu banyak isian. Muat ulang halaman lalu kirim lagi.'];
  if (err.status === 413 || err.code?.startsWith('LIMIT_')) return [413, 'Data yang dikirim terlalu besar.'];
  if (err.status === 415) return [415, 'Data yang dikirim memakai jenis atau pengodean yang tidak didukung (harus UTF-8).'];
  return [400, 'Data yang dikirim tidak dapat dibaca. Muat ulang halaman lalu kirim lagi.'];
}

function isHttpError(err: unknown): err is { status?: number; code?: string; type?: string } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { status?: unknown; statusCode?: unknown; code?: unknown; name?: unknown };
  return (typeof e.status === 'number' && e.status >= 400 && e.status < 500) || e.name === 'MulterError';
}

/** The database did not answer (refused, timed out, shutting down), as opposed to a bug. */
function databaseMati(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown } | null;
  return (
    (typeof e?.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03'].includes(e.code)) ||
    e?.name === 'KnexTimeoutError'
  );
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
