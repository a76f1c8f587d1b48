import type { Knex } from 'knex';
import type { Periode } from '../domain/periode';
import type { Tabel, TabelBaru } from './tabel';

type Db = Knex | Knex.Transaction;

export async function findPeriode(db: Db, tahun: number): Promise<Periode | undefined> {
  return db('periode').where({ tahun }).first('tahun', 'batas_pengajuan');
}

export async function listPeriode(db: Db): Promise<Periode[]> {
  return db('periode').select('tahun', 'batas_pengajuan').orderBy('tahun', 'desc');
}

export type PeriodeDiubah = Pick<Tabel['periode'], 'tahun' | 'batas_pengajuan' | 'updated_at'> & { diubah_oleh_nama: string | null };

/** Every period with who changed it last. */
export async function listPeriodeDiubah(db: Db): Promise<PeriodeDiubah[]> {
  return db('periode as p')
    .leftJoin('pegawai as g', 'g.id', 'p.diubah_oleh')
    .select('p.tahun', 'p.batas_pengajuan', 'p.updated_at', 'g.nama as diubah_oleh_nama')
    .orderBy('p.tahun', 'desc');
}

export type RiwayatPeriode = Omit<Tabel['periode_riwayat'], 'oleh'> & { oleh_nama: string | null; oleh_nip: string | null };

export async function listRiwayatPeriode(db: Db, batas = 200): Promise<RiwayatPeriode[]> {
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
export async function lockPeriode(trx: Knex.Transaction, tahun: number): Promise<Periode | undefined> {
  return trx('periode').where({ tahun }).forUpdate().first('tahun', 'batas_pengajuan');
}

/** Creates the period; false when another transaction created it first. */
export async function insertPeriode(trx: Knex.Transaction, p: Periode, oleh: number, waktu: Date): Promise<boolean> {
  const n = await trx('periode')
    .insert({ tahun: p.tahun, batas_pengajuan: p.batas_pengajuan, diubah_oleh: oleh, created_at: waktu, updated_at: waktu })
    .onConflict('tahun')
    .ignore()
    .returning('tahun');
  return n.length === 1;
}

export async function updateBatasPeriode(trx: Knex.Transaction, p: Periode, oleh: number, waktu: Date): Promise<void> {
  await trx('periode').where({ tahun: p.tahun }).update({ batas_pengajuan: p.batas_pengajuan, diubah_oleh: oleh, updated_at: waktu });
}

export async function insertRiwayatPeriode(
  trx: Knex.Transaction,
  r: Pick<TabelBaru['periode_riwayat'], 'tahun' | 'batas_lama' | 'batas_baru' | 'oleh' | 'alasan' | 'waktu'>,
): Promise<void> {
  await trx('periode_riwayat').insert(r);
}
