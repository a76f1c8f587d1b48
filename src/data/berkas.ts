import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { byteaById } from '../db/index';

export interface BerkasRow {
  id: number;
  nama: string;
  tipe: string;
  ukuran: number;
  sha256: string;
  isi: Buffer;
}

export async function simpanBerkas(
  trx: Knex | Knex.Transaction,
  file: { nama: string; tipe: string; isi: Buffer },
  oleh: number,
  waktu: Date,
): Promise<number> {
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

export async function ambilBerkas(db: Knex, id: number): Promise<BerkasRow | undefined> {
  const row = await db('berkas').where({ id }).first('id', 'nama', 'tipe', 'ukuran', 'sha256');
  const isi = row && (await byteaById(db, 'berkas', 'isi', id));
  return row && isi ? { ...row, isi } : undefined;
}
