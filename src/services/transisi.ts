import type { Knex } from 'knex';
import { ConflictError } from '../errors';
import {
  AKSI_REKOMENDASI,
  AKSI_RINCIAN,
  LABEL_STATUS_REKOMENDASI,
  LABEL_STATUS_RINCIAN,
  type AksiRekomendasi,
  type AksiRincian,
} from '../domain/status';

// The one way a rincian or a rekomendasi changes status: a conditional UPDATE on the expected
// states plus its history row, in the caller's transaction. Two concurrent requests: one wins,
// the other finds no row to update and gets 409.

export interface TransisiInput {
  id: number;
  oleh: number;
  /** Plt: the atasan on whose behalf `oleh` acts */
  atasNama?: number | null;
  alasan?: string | null;
  waktu: Date;
  /** other columns to set in the same UPDATE */
  set?: Record<string, unknown>;
}

export async function transisiRincian(trx: Knex.Transaction, aksi: AksiRincian, input: TransisiInput) {
  const t = AKSI_RINCIAN[aksi];
  const current = await trx('rincian').where({ id: input.id }).first('status');
  const [row] = await trx('rincian')
    .where({ id: input.id })
    .whereIn('status', t.dari as readonly string[])
    .update({ ...(input.set ?? {}), ...(t.ke ? { status: t.ke } : {}), updated_at: input.waktu })
    .returning('*');
  if (!row) {
    const label = current ? LABEL_STATUS_RINCIAN[current.status as keyof typeof LABEL_STATUS_RINCIAN] : 'tidak ada';
    throw new ConflictError(
      `Tindakan ini tidak dapat dilakukan karena status pengajuan sekarang "${label}". Muat ulang halaman untuk melihat keadaan terbaru.`,
    );
  }
  await trx('riwayat_status').insert({
    rincian_id: input.id,
    aksi,
    dari: current?.status ?? null,
    ke: row.status,
    alasan: input.alasan ?? null,
    oleh: input.oleh,
    atas_nama: input.atasNama ?? null,
    waktu: input.waktu,
  });
  return row as Record<string, unknown> & { id: number; status: string; pegawai_id: number };
}

export async function transisiRekomendasi(trx: Knex.Transaction, aksi: AksiRekomendasi, input: TransisiInput) {
  const t = AKSI_REKOMENDASI[aksi];
  const current = await trx('rekomendasi').where({ id: input.id }).first('status');
  const [row] = await trx('rekomendasi')
    .where({ id: input.id })
    .whereIn('status', t.dari as readonly string[])
    .update({ ...(input.set ?? {}), ...(t.ke ? { status: t.ke } : {}), updated_at: input.waktu })
    .returning('*');
  if (!row) {
    const label = current ? LABEL_STATUS_REKOMENDASI[current.status as keyof typeof LABEL_STATUS_REKOMENDASI] : 'tidak ada';
    throw new ConflictError(
      `Tindakan ini tidak dapat dilakukan karena status rekomendasi sekarang "${label}". Muat ulang halaman untuk melihat keadaan terbaru.`,
    );
  }
  await trx('riwayat_status').insert({
    rekomendasi_id: input.id,
    aksi,
    dari: current?.status ?? null,
    ke: row.status,
    alasan: input.alasan ?? null,
    oleh: input.oleh,
    atas_nama: input.atasNama ?? null,
    waktu: input.waktu,
  });
  return row as Record<string, unknown> & { id: number; status: string; pegawai_id: number };
}

/** The first history row of a new rincian or rekomendasi. */
export async function catatDibuat(
  trx: Knex.Transaction,
  kolom: 'rincian_id' | 'rekomendasi_id',
  id: number,
  oleh: number,
  waktu: Date,
  ke = 'konsep',
) {
  await trx('riwayat_status').insert({ [kolom]: id, aksi: 'buat', dari: null, ke, oleh, waktu });
}
