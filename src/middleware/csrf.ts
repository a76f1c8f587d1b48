import multer from 'multer';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, ValidationError } from '../errors';
import { samaPersis } from './rahasia';

// A token bound to the session: derived from its id (src/app/sesi.ts), so a visitor who has not
// signed in needs no row for it, and a new id at login gives a new token. Every POST form carries it
// as `_csrf` in its body, never in the address (it would land in history and proxy logs).

export const PESAN_CSRF = 'Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.';
/** Every upload in the app: PDFs and the employee CSV. */
export const MAKS_BERKAS = 5 * 1024 * 1024;
export const PESAN_TERLALU_BESAR = 'Berkas paling besar 5 MB.';

export function csrfToken(req: Request): string {
  return req.session.token;
}

function valid(req: Request): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?._csrf;
  if (typeof sent !== 'string' || !req.session) return false;
  return samaPersis(sent, req.session.token);
}

export function verifyCsrf(req: Request, _res: Response, next: NextFunction) {
  if (!valid(req)) throw new ForbiddenError(PESAN_CSRF);
  next();
}

// One parser for every multipart body, whatever the route: the fields arrive first (the forms put
// `_csrf` first), and a file is refused before a byte of it is kept unless the token came with them.
const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAKS_BERKAS, files: 2, fields: 100, fieldSize: 100_000, parts: 120 },
  fileFilter: (req, _file, cb) => (valid(req) ? cb(null, true) : cb(new ForbiddenError(PESAN_CSRF))),
}).any();

/**
 * Checks every unsafe request, whatever its content type, before any handler runs. A file past
 * the size limit ends the upload; the route then answers with the message beside its field.
 */
export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (!req.is('multipart/form-data')) return verifyCsrf(req, res, next);
  multipart(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
      req.uploadError = { [err.field ?? '_']: PESAN_TERLALU_BESAR };
      req.body ??= {};
    } else if (err instanceof multer.MulterError) {
      return next(valid(req) ? new ValidationError({ _: 'Unggahan tidak valid: ' + err.code }) : new ForbiddenError(PESAN_CSRF));
    } else if (err) return next(err);
    try {
      verifyCsrf(req, res, next);
    } catch (e) {
      next(e);
    }
  });
}

/** The uploaded file of a field (multipart bodies are parsed by csrfProtection). */
export function berkasDari(req: Request, field: string): Express.Multer.File | undefined {
  const files = req.files as Express.Multer.File[] | undefined;
  return Array.isArray(files) ? files.find((f) => f.fieldname === field) : undefined;
}

declare module 'express-serve-static-core' {
  interface Request {
    uploadError?: Record<string, string>;
  }
}
