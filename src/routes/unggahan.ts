import type { Request } from 'express';
import type { FieldErrors } from '../errors';
import { pengguna } from '../middleware/auth';
import { berkasDari } from '../middleware/csrf';
import { pdfDari } from '../middleware/upload';
import type { PdfFile } from '../domain/berkas';
import { PESAN_TERTAHAN, type BerkasTertahanService } from '../services/berkas-tertahan';
import { teks } from './validasi';

// The PDF fields of a form across a 422: a valid file that came with a form failing for another
// field is held on the server, and the page offers it again by a hidden `<field>_tertahan` token.

/** The hidden field carrying the token of the file held for `kolom`. */
export const namaTertahan = (kolom: string) => `${kolom}_tertahan`;

export interface Unggahan {
  /** each field's file: a new upload, else the held one; undefined when neither */
  berkas: Record<string, PdfFile | undefined>;
  /** not a PDF, too large, or a held file no longer there */
  errors: FieldErrors;
  /** the token of the held file each field used */
  dipakai: Record<string, string>;
  /** every token the form sent */
  dikirim: string[];
}

/** What the page shows for a held file: its name, and the token of the hidden field. */
export type Tertahan = Record<string, { token: string; nama: string }>;

/** What a request's form fields were read as: the handler and the page shown again share one reading. */
const dibaca = new WeakMap<Request, Promise<Unggahan>>();

/** Reads the form's PDF fields (once per request). A new file always wins over a held one. */
export function bacaUnggahan(req: Request, svc: BerkasTertahanService, kolom: string[]): Promise<Unggahan> {
  let u = dibaca.get(req);
  if (!u) {
    u = baca(req, svc, kolom);
    dibaca.set(req, u);
  }
  return u;
}

async function baca(req: Request, svc: BerkasTertahanService, kolom: string[]): Promise<Unggahan> {
  const u: Unggahan = { berkas: {}, errors: {}, dipakai: {}, dikirim: [] };
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const k of kolom) {
    const token = teks(body[namaTertahan(k)]);
    if (token) u.dikirim.push(token);
    const baru = pdfDari(req, k, u.errors);
    const dipilih = (berkasDari(req, k)?.size ?? 0) > 0 || !!req.uploadError?.[k];
    if (baru || dipilih || !token) {
      u.berkas[k] = baru;
      continue;
    }
    const tahan = await svc.ambil(pengguna(req), req.sessionID, k, token);
    if (tahan) {
      u.berkas[k] = tahan;
      u.dipakai[k] = token;
    } else u.errors[k] = PESAN_TERTAHAN.hilang;
  }
  return u;
}

/** The form was saved: its held files are no longer needed. */
export async function selesaiUnggahan(req: Request, svc: BerkasTertahanService, u: Unggahan): Promise<void> {
  await svc.lepas(pengguna(req), req.sessionID, u.dikirim);
}

/**
 * The form came back with `errors`: holds each valid file of a field without an error of its own
 * (a held one keeps its token) and forgets the ones replaced. Returns what the page offers again.
 */
export async function tahanUnggahan(req: Request, svc: BerkasTertahanService, u: Unggahan, errors: FieldErrors): Promise<Tertahan> {
  const user = pengguna(req);
  const out: Tertahan = {};
  for (const [k, file] of Object.entries(u.berkas)) {
    if (!file || errors[k]) continue;
    out[k] = { token: u.dipakai[k] ?? (await svc.tahan(user, req.sessionID, k, file)), nama: file.nama };
  }
  const tetap = new Set(Object.values(out).map((t) => t.token));
  await svc.lepas(
    user,
    req.sessionID,
    u.dikirim.filter((t) => !tetap.has(t)),
  );
  return out;
}

/** The user confirmed the send in the dialog (public/js/app.js): a page that comes back with errors does not ask again. */
export function sudahDikonfirmasi(req: Request): boolean {
  return teks((req.body as Record<string, unknown> | undefined)?.dikonfirmasi) === '1';
}
