import type { Knex } from 'knex';
import { byteaById } from '../db/index';
import type { PdfFile } from '../domain/berkas';
import type { Tabel } from './tabel';

// Uploads held after a 422 (table berkas_tertahan): found only by token together with the user,
// the session and the form field, and only until they expire.

export interface KunciTertahan {
  token: string;
  pegawaiId: number;
  sid: string;
  kolom: string;
}

export type BerkasTertahanRow = Pick<Tabel['berkas_tertahan'], 'id' | 'nama' | 'tipe' | 'isi'>;

export async function insertBerkasTertahan(db: Knex, kunci: KunciTertahan, file: PdfFile, waktu: Date, kedaluwarsa: Date): Promise<void> {
  await db('berkas_tertahan').insert({
    token: kunci.token,
    pegawai_id: kunci.pegawaiId,
    sid: kunci.sid,
    kolom: kunci.kolom,
    nama: file.nama.slice(0, 255),
    tipe: file.tipe,
    ukuran: file.isi.length,
    isi: file.isi,
    created_at: waktu,
    kedaluwarsa_at: kedaluwarsa,
  });
}

/** Keeps only the newest `sisa` holds of an employee (each may be 5 MB). */
export async function deleteBerkasTertahanLama(db: Knex, pegawaiId: number, sisa: number): Promise<void> {
  const baru = db('berkas_tertahan').where({ pegawai_id: pegawaiId }).orderBy('id', 'desc').limit(sisa).select('id');
  await db('berkas_tertahan').where({ pegawai_id: pegawaiId }).whereNotIn('id', baru).delete();
}

/** The held file of this key, if it has not expired at `now`. */
export async function findBerkasTertahan(db: Knex, kunci: KunciTertahan, now: Date): Promise<BerkasTertahanRow | undefined> {
  const row = await db('berkas_tertahan')
    .where({ token: kunci.token, pegawai_id: kunci.pegawaiId, sid: kunci.sid, kolom: kunci.kolom })
    .where('kedaluwarsa_at', '>', now)
    .first('id', 'nama', 'tipe');
  const isi = row && (await byteaById(db, 'berkas_tertahan', 'isi', row.id));
  return row && isi ? { ...row, isi } : undefined;
}

export async function deleteBerkasTertahan(db: Knex, pegawaiId: number, sid: string, token: string[]): Promise<void> {
  if (token.length) await db('berkas_tertahan').where({ pegawai_id: pegawaiId, sid }).whereIn('token', token).delete();
}

/** Deletes every hold expired at `now`; returns how many. */
export async function deleteBerkasTertahanKedaluwarsa(db: Knex, now: Date): Promise<number> {
  return db('berkas_tertahan').where('kedaluwarsa_at', '<=', now).delete();
}
