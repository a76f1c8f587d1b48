import type { z } from 'zod';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors';

/** A single text value from a form: arrays, objects and missing values become ''. Trimmed. */
export function teks(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** zod issues → one message per field (the first), keyed by the field's form name: a.0.b → a[0][b]. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [first, ...rest] = issue.path.map(String);
    const key = first === undefined ? '_' : first + rest.map((p) => `[${p}]`).join('');
    out[key] ??= issue.message;
  }
  return out;
}

/** Parses a form with its schema; throws ValidationError (422) with messages beside each field. */
export function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}

const INT4_MAKS = 2_147_483_647;

/**
 * A record id from the path: decimal digits without a leading zero, within the column's range
 * (int4 unless told); anything else (0x1, 99999999999, -1, 1e3) is a page that does not exist.
 */
export function idDari(v: unknown, maks: number = INT4_MAKS): number {
  const s = typeof v === 'string' ? v : '';
  const n = /^[1-9]\d{0,15}$/.test(s) ? Number(s) : 0;
  if (n < 1 || n > maks) throw new NotFoundError();
  return n;
}
