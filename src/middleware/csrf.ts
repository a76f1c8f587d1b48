import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../errors';

// Synchronizer token kept in the session; every POST form carries it as `_csrf`.

export const PESAN_CSRF = 'Formulir sudah kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.';

export function csrfToken(req: Request): string {
  if (!req.session.csrf) req.session.csrf = crypto.randomBytes(24).toString('base64url');
  return req.session.csrf;
}

function valid(req: Request): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?._csrf ?? req.query._csrf;
  const expected = req.session?.csrf;
  if (typeof sent !== 'string' || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function verifyCsrf(req: Request, _res: Response, next: NextFunction) {
  if (!valid(req)) throw new ForbiddenError(PESAN_CSRF);
  next();
}

/**
 * Checks every unsafe request. Multipart bodies are parsed by their route (multer), which then
 * calls verifyCsrf; a token in the query string is checked here, before any upload is read.
 */
export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (req.is('multipart/form-data') && req.query._csrf === undefined) return next();
  verifyCsrf(req, res, next);
}
