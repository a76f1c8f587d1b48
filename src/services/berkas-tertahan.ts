import crypto from 'node:crypto';
import * as data from '../data/berkas-tertahan';
import type { PdfFile } from '../domain/berkas';
import type { Deps } from './deps';

/** How long an uploaded file is held for a form that came back with errors. */
export const MASA_TAHAN_MS = 3600_000;
/** At most this many held files per employee (each up to 5 MB); older ones go first. */
const TAHAN_MAKS = 10;
const POLA_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export const PESAN_TERTAHAN = {
  hilang: 'Berkas yang tadi diunggah sudah tidak tersimpan (disimpan paling lama satu jam). Pilih berkasnya lagi.',
};

interface Pemilik {
  id: number;
}

/**
 * A valid PDF uploaded with a form that failed for another field is held on the server, so the
 * user need not choose it again. The page carries only a random token; the file is found by that
 * token together with the same user, the same session and the same form field, within the hour.
 * The worker deletes expired holds (deleteBerkasTertahanKedaluwarsa).
 */
export function createBerkasTertahanService({ db, clock }: Deps) {
  return {
    /** Holds a file; returns its token for the page. */
    async tahan(u: Pemilik, sid: string, kolom: string, file: PdfFile): Promise<string> {
      const token = crypto.randomBytes(24).toString('base64url');
      const now = clock.now();
      await data.insertBerkasTertahan(db, { token, pegawaiId: u.id, sid, kolom }, file, now, new Date(now.getTime() + MASA_TAHAN_MS));
      await data.deleteBerkasTertahanLama(db, u.id, TAHAN_MAKS);
      return token;
    },

    /** The held file of a token, or undefined when it is not this user's and session's, another field's, or expired. */
    async ambil(u: Pemilik, sid: string, kolom: string, token: string): Promise<PdfFile | undefined> {
      if (!POLA_TOKEN.test(token) || !sid) return undefined;
      const row = await data.findBerkasTertahan(db, { token, pegawaiId: u.id, sid, kolom }, clock.now());
      return row && { nama: row.nama, tipe: row.tipe, isi: row.isi };
    },

    /** Forgets this user's and session's held files once used or replaced. */
    async lepas(u: Pemilik, sid: string, token: string[]): Promise<void> {
      await data.deleteBerkasTertahan(
        db,
        u.id,
        sid,
        token.filter((t) => POLA_TOKEN.test(t)),
      );
    },
  };
}

export type BerkasTertahanService = ReturnType<typeof createBerkasTertahanService>;
