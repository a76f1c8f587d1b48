import type { Knex } from 'knex';
import { ConflictError } from '../errors';
import {
  AKSI_REKOMENDASI,
  AKSI_RINCIAN,
  LABEL_STATUS_REKOMENDASI,
  LABEL_STATUS_RINCIAN,
  type AksiRekomendasi,
  type AksiRincian,
  type Transisi,
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

type Baris = Record<string, unknown> & { id: number; status: string; pegawai_id: number };

const MESIN = {
  rincian: {
    aksi: AKSI_RINCIAN as Record<string, Transisi<string>>,
    label: LABEL_STATUS_RINCIAN as Record<string, string>,
    kata: 'pengajuan',
  },
  rekomendasi: {
    aksi: AKSI_REKOMENDASI as Record<string, Transisi<string>>,
    label: LABEL_STATUS_REKOMENDASI as Record<string, string>,
    kata: 'rekomendasi',
  },
};

async function transisi(trx: Knex.Transaction, tabel: keyof typeof MESIN, aksi: string, input: TransisiInput): Promise<Baris> {
  const m = MESIN[tabel];
  const t = m.aksi[aksi]!;
  const current = await trx(tabel).where({ id: input.id }).first('status');
  const [row] = await trx(tabel)
    .where({ id: input.id })
    .whereIn('status', t.dari as readonly string[])
    .update({ ...(input.set ?? {}), ...(t.ke ? { status: t.ke } : {}), updated_at: input.waktu })
    .returning('*');
  if (!row) {
    const label = current ? (m.label[current.status] ?? current.status) : 'tidak ada';
    throw new ConflictError(
      `Tindakan ini tidak dapat dilakukan karena status ${m.kata} sekarang "${label}". Muat ulang halaman untuk melihat keadaan terbaru.`,
    );
  }
  await trx('riwayat_status').insert({
    [`${tabel}_id`]: input.id,
    aksi,
    dari: current?.status ?? null,
    ke: row.status,
    alasan: input.alasan ?? null,
    oleh: input.oleh,
    atas_nama: input.atasNama ?? null,
    waktu: input.waktu,
  });
  return row as Baris;
}

export const transisiRincian = (trx: Knex.Transaction, aksi: AksiRincian, input: TransisiInput) => transisi(trx, 'rincian', aksi, input);
export const transisiRekomendasi = (trx: Knex.Transaction, aksi: AksiRekomendasi, input: TransisiInput) =>
  transisi(trx, 'rekomendasi', aksi, input);

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
