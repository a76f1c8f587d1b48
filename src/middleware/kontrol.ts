import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors';
import { KARAKTER_KONTROL } from '../domain/teks';

// Control characters are never part of what a person types into a form: refuse the whole request
// before any service sees it.
const KONTROL = KARAKTER_KONTROL;
export const PESAN_KONTROL = 'Isian berisi karakter yang tidak diizinkan (karakter kontrol). Hapus karakter itu lalu kirim kembali.';

function adaKontrol(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return KONTROL.test(v);
  if (depth > 5 || v === null || typeof v !== 'object') return false;
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => KONTROL.test(k) || adaKontrol(x, depth + 1));
}

export function tolakKarakterKontrol(req: Request, _res: Response, next: NextFunction) {
  if (adaKontrol(req.body) || adaKontrol(req.query)) throw new ValidationError({ _: PESAN_KONTROL }, PESAN_KONTROL);
  next();
}
