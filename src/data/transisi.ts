import type { Knex } from 'knex';
import type { Tabel } from './tabel';
import { pernyataan } from '../db/pernyataan';

// The rows whose status services/transisi.ts changes: read under a lock, then updated from the
// state that was read.

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
}

const kunciRincian = pernyataan<Tabel['rincian'] & Konteks>(
  `SELECT r.*, p.atasan_id AS pemilik_atasan_id, pr.batas_pengajuan AS periode_batas
     FROM rincian r JOIN pegawai p ON p.id = r.pegawai_id LEFT JOIN periode pr ON pr.tahun = r.tahun
    WHERE r.id = ? FOR UPDATE OF r`,
);
const kunciRekomendasi = pernyataan<Tabel['rekomendasi'] & Konteks>(
  `SELECT k.*, p.atasan_id AS pemilik_atasan_id, NULL::date AS periode_batas
     FROM rekomendasi k JOIN pegawai p ON p.id = k.pegawai_id
    WHERE k.id = ? FOR UPDATE OF k`,
);

/**
 * The row, locked (SELECT … FOR UPDATE) for the rest of the caller's transaction, with its
 * owner's atasan and its year's deadline read in the same query (those rows are not locked).
 */
export const lockBarisStatus: {
  [T in TabelStatus]: (trx: Knex.Transaction, id: number) => Promise<(BarisStatus[T] & Konteks) | undefined>;
} = {
  rincian: async (trx, id) => (Number.isSafeInteger(id) ? (await kunciRincian(trx, [id]))[0] : undefined),
  rekomendasi: async (trx, id) => (Number.isSafeInteger(id) ? (await kunciRekomendasi(trx, [id]))[0] : undefined),
};

/** Sets the columns on the row while it is still in one of `dari`; undefined when it no longer is. */
export const updateBarisStatus: {
  [T in TabelStatus]: (
    trx: Knex.Transaction,
    id: number,
    dari: readonly string[],
    set: Record<string, unknown>,
  ) => Promise<BarisStatus[T] | undefined>;
} = {
  rincian: async (trx, id, dari, set) => (await trx('rincian').where({ id }).whereIn('status', dari).update(set).returning('*'))[0],
  rekomendasi: async (trx, id, dari, set) => (await trx('rekomendasi').where({ id }).whereIn('status', dari).update(set).returning('*'))[0],
};
