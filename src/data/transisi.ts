import type { Knex } from 'knex';
import type { Tabel } from './tabel';

// The rows whose status services/transisi.ts changes: read under a lock, then updated from the
// state that was read.

/** The tables with a status machine, and their rows. */
export interface BarisStatus {
  rincian: Tabel['rincian'];
  rekomendasi: Tabel['rekomendasi'];
}
export type TabelStatus = keyof BarisStatus;

/** The row, locked (SELECT … FOR UPDATE) for the rest of the caller's transaction. */
export const lockBarisStatus: { [T in TabelStatus]: (trx: Knex.Transaction, id: number) => Promise<BarisStatus[T] | undefined> } = {
  rincian: (trx, id) => trx('rincian').where({ id }).forUpdate().first(),
  rekomendasi: (trx, id) => trx('rekomendasi').where({ id }).forUpdate().first(),
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
