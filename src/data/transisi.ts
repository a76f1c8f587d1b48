import type { Knex } from 'knex';
import type { Tabel } from './tabel';
import { pernyataan } from '../db/pernyataan';

// The rows whose status services/transisi.ts changes: read under a lock, then updated from the
// state that was read, with their history row in the same statement.

/** The tables with a status machine, and their rows. */
export interface BarisStatus {
  rincian: Tabel['rincian'];
  rekomendasi: Tabel['rekomendasi'];
}
export type TabelStatus = keyof BarisStatus;

/** What the rules need beside the locked row: the owner's atasan now, and the deadline of the row's year. */
export interface Konteks {
  /** the owner's atasan as recorded now (null: none) */
  pemilik_atasan_id: number | null;
  /** the planning deadline of the row's year; null: no period for it (or a rekomendasi) */
  periode_batas: string | null;
  /** a rincian's form of development, as messages name it ("Pelatihan Teknis"); null for a rekomendasi */
  bentuk_nama: string | null;
}

const kunciRincian = pernyataan<Tabel['rincian'] & Konteks>(
  `SELECT r.*, p.atasan_id AS pemilik_atasan_id, pr.batas_pengajuan AS periode_batas, b.nama AS bentuk_nama
     FROM rincian r JOIN pegawai p ON p.id = r.pegawai_id LEFT JOIN periode pr ON pr.tahun = r.tahun
     JOIN bentuk_pengembangan b ON b.kode = r.bentuk_kode
    WHERE r.id = ? FOR UPDATE OF r`,
);
const kunciRekomendasi = pernyataan<Tabel['rekomendasi'] & Konteks>(
  `SELECT k.*, p.atasan_id AS pemilik_atasan_id, NULL::date AS periode_batas, NULL::text AS bentuk_nama
     FROM rekomendasi k JOIN pegawai p ON p.id = k.pegawai_id
    WHERE k.id = ? FOR UPDATE OF k`,
);

/**
 * The row, locked (SELECT … FOR UPDATE) for the rest of the caller's transaction, with its
 * owner's atasan, its year's deadline and its form's name read in the same query (those rows are not
 * locked).
 */
export const lockBarisStatus: {
  [T in TabelStatus]: (trx: Knex.Transaction, id: number) => Promise<(BarisStatus[T] & Konteks) | undefined>;
} = {
  rincian: async (trx, id) => (Number.isSafeInteger(id) ? (await kunciRincian(trx, [id]))[0] : undefined),
  rekomendasi: async (trx, id) => (Number.isSafeInteger(id) ? (await kunciRekomendasi(trx, [id]))[0] : undefined),
};

/** The history row of a change: who, when, why (its `ke` is the status the UPDATE set). */
export interface RiwayatUbah {
  aksi: string;
  /** the status read under the lock */
  dari: string;
  alasan: string | null;
  oleh: number;
  atas_nama: number | null;
  waktu: Date;
}

const kolomRiwayat = { rincian: 'rincian_id', rekomendasi: 'rekomendasi_id' } as const;

/**
 * Sets the columns on the row while it is still in one of `dari`, and writes its history row, in
 * one statement (an UPDATE … RETURNING feeding the INSERT); undefined, and no history, when the
 * row is no longer in `dari`.
 */
export async function ubahBarisStatus<T extends TabelStatus>(
  trx: Knex.Transaction,
  tabel: T,
  id: number,
  dari: readonly string[],
  set: Record<string, unknown>,
  h: RiwayatUbah,
): Promise<BarisStatus[T] | undefined> {
  const rows = (await trx
    .with(
      'u',
      trx<Record<string, unknown>>(tabel as string)
        .where('id', id)
        .whereIn('status', dari)
        .update(set)
        .returning('*'),
    )
    .with(
      'h',
      trx.raw(
        `INSERT INTO riwayat_status (${kolomRiwayat[tabel]}, aksi, dari, ke, alasan, oleh, atas_nama, waktu)
         SELECT id, ?::text, ?::text, status, ?::text, ?::int, ?::int, ?::timestamptz FROM u`,
        [h.aksi, h.dari, h.alasan, h.oleh, h.atas_nama, h.waktu],
      ),
    )
    .select('*')
    .from('u')) as BarisStatus[T][];
  return rows[0];
}
