import type { Knex } from 'knex';
import { STATUS_BERLAPOR } from '../domain/status';

/**
 * Realised JP of year Y per employee: the sum of the JP of their reports on the items planned for
 * Y (reports exist on running and finished items only). A subquery of (pegawai_id, jp); `pegawaiIds`
 * narrows it to some employees.
 */
export function selectJpRealisasi(db: Knex | Knex.Transaction, tahun: number, pegawaiIds?: readonly number[]) {
  const q = db('laporan as l')
    .join('rincian as r', 'r.id', 'l.rincian_id')
    .where('r.tahun', tahun)
    .whereIn('r.status', STATUS_BERLAPOR)
    .groupBy('r.pegawai_id')
    .select<{ pegawai_id: number; jp: number }[]>('r.pegawai_id', db.raw('sum(l.jp)::int AS jp'));
  if (pegawaiIds) q.whereIn('r.pegawai_id', pegawaiIds);
  return q;
}
