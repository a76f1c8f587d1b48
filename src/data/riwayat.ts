import type { Knex } from 'knex';
import type { Tabel, TabelBaru } from './tabel';

type Db = Knex | Knex.Transaction;

// The status history (riwayat_status) of rincian and rekomendasi: one row per change, written by
// services/transisi.ts in the transaction of the change.

/** Writes history rows (one, or several at once). */
export async function insertRiwayat(trx: Db, rows: TabelBaru['riwayat_status'] | TabelBaru['riwayat_status'][]): Promise<void> {
  await trx('riwayat_status').insert(rows);
}

/** A history row as the pages show it: who acted, and for whom when a stand-in (Plt) did. */
export type RiwayatRow = Pick<Tabel['riwayat_status'], 'id' | 'aksi' | 'dari' | 'ke' | 'alasan' | 'waktu'> & {
  oleh_nama: string;
  oleh_nip: string;
  atas_nama_nama: string | null;
};

/** The history of one rincian, oldest first. */
export async function listRiwayatRincian(db: Db, rincianId: number): Promise<RiwayatRow[]> {
  return db('riwayat_status as h')
    .join('pegawai as o', 'o.id', 'h.oleh')
    .leftJoin('pegawai as a', 'a.id', 'h.atas_nama')
    .where('h.rincian_id', rincianId)
    .select(
      'h.id',
      'h.aksi',
      'h.dari',
      'h.ke',
      'h.alasan',
      'h.waktu',
      'o.nama as oleh_nama',
      'o.nip as oleh_nip',
      'a.nama as atas_nama_nama',
    )
    .orderBy([{ column: 'h.waktu' }, { column: 'h.id' }]);
}
