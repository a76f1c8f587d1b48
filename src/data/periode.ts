import type { Knex } from 'knex';
import type { Periode } from '../domain/periode';

export async function findPeriode(db: Knex, tahun: number): Promise<Periode | undefined> {
  return db('periode').where({ tahun }).first('tahun', 'batas_pengajuan');
}

export async function semuaPeriode(db: Knex): Promise<Periode[]> {
  return db('periode').select('tahun', 'batas_pengajuan').orderBy('tahun', 'desc');
}

export interface PeriodeBaris extends Periode {
  updated_at: Date;
  diubah_oleh_nama: string | null;
}

/** Every period with who changed it last. */
export async function daftarPeriode(db: Knex): Promise<PeriodeBaris[]> {
  return db('periode as p')
    .leftJoin('pegawai as g', 'g.id', 'p.diubah_oleh')
    .select('p.tahun', 'p.batas_pengajuan', 'p.updated_at', 'g.nama as diubah_oleh_nama')
    .orderBy('p.tahun', 'desc');
}

export interface RiwayatPeriode {
  id: number;
  tahun: number;
  batas_lama: string | null;
  batas_baru: string;
  alasan: string | null;
  waktu: Date;
  oleh_nama: string | null;
  oleh_nip: string | null;
}

export async function riwayatPeriode(db: Knex, batas = 200): Promise<RiwayatPeriode[]> {
  return db('periode_riwayat as r')
    .leftJoin('pegawai as g', 'g.id', 'r.oleh')
    .select('r.id', 'r.tahun', 'r.batas_lama', 'r.batas_baru', 'r.alasan', 'r.waktu', 'g.nama as oleh_nama', 'g.nip as oleh_nip')
    .orderBy([
      { column: 'r.waktu', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .limit(batas);
}

/** The period of a year, locked for the rest of the transaction. */
export async function kunciPeriode(trx: Knex.Transaction, tahun: number): Promise<Periode | undefined> {
  return trx('periode').where({ tahun }).forUpdate().first('tahun', 'batas_pengajuan');
}

export async function buatPeriode(trx: Knex.Transaction, p: Periode, oleh: number, waktu: Date) {
  const n = await trx('periode')
    .insert({ tahun: p.tahun, batas_pengajuan: p.batas_pengajuan, diubah_oleh: oleh, created_at: waktu, updated_at: waktu })
    .onConflict('tahun')
    .ignore()
    .returning('tahun');
  return n.length === 1;
}

export async function ubahBatas(trx: Knex.Transaction, p: Periode, oleh: number, waktu: Date) {
  await trx('periode').where({ tahun: p.tahun }).update({ batas_pengajuan: p.batas_pengajuan, diubah_oleh: oleh, updated_at: waktu });
}

export async function catatRiwayat(
  trx: Knex.Transaction,
  r: { tahun: number; batas_lama: string | null; batas_baru: string; oleh: number; alasan: string | null; waktu: Date },
) {
  await trx('periode_riwayat').insert(r);
}
