import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { byteaById } from '../db/index';
import type { PdfFile } from '../domain/berkas';
import type { Tabel } from './tabel';

type Db = Knex | Knex.Transaction;

/** A stored file with its content. */
export type BerkasRow = Pick<Tabel['berkas'], 'id' | 'nama' | 'tipe' | 'ukuran' | 'sha256' | 'isi'>;

export async function insertBerkas(trx: Db, file: PdfFile, oleh: number, waktu: Date): Promise<number> {
  const [row] = await trx('berkas')
    .insert({
      nama: file.nama.slice(0, 255),
      tipe: file.tipe,
      ukuran: file.isi.length,
      sha256: crypto.createHash('sha256').update(file.isi).digest('hex'),
      isi: file.isi,
      diunggah_oleh: oleh,
      created_at: waktu,
    })
    .returning('id');
  return row!.id;
}

export async function findBerkas(db: Knex, id: number): Promise<BerkasRow | undefined> {
  const row = await db('berkas').where({ id }).first('id', 'nama', 'tipe', 'ukuran', 'sha256');
  const isi = row && (await byteaById(db, 'berkas', 'isi', id));
  return row && isi ? { ...row, isi } : undefined;
}

/** A file's bytes alone. */
export async function findIsiBerkas(db: Knex, id: number): Promise<Buffer | undefined> {
  return byteaById(db, 'berkas', 'isi', id);
}

/** Deletes files that belong to nothing any more (a replaced letter). */
export async function deleteBerkas(trx: Db, ids: number[]): Promise<void> {
  if (ids.length) await trx('berkas').whereIn('id', ids).del();
}
