import type { Knex } from 'knex';
import type { Tabel } from './tabel';

type Db = Knex | Knex.Transaction;

// Bawahan Langsung: an atasan's direct subordinates.

export type BawahanRow = Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip' | 'jabatan'> & { jenis_jabatan_nama: string | null };

/** Direct subordinates of an atasan with their items of a year counted by status. */
export async function listBawahan(
  db: Db,
  atasanId: number,
  tahun: number,
): Promise<(BawahanRow & { jumlah: Record<'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai', number> })[]> {
  const rows = await db('pegawai as b')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'b.jenis_jabatan_kode')
    .where({ 'b.atasan_id': atasanId, 'b.aktif': true })
    .select(
      'b.id',
      'b.nama',
      'b.nip',
      'b.jabatan',
      'jj.nama as jenis_jabatan_nama',
      db.raw(
        `(SELECT json_build_object(
            'dikirim', count(*) FILTER (WHERE r.status = 'dikirim'),
            'diterima', count(*) FILTER (WHERE r.status = 'diterima'),
            'ditolak', count(*) FILTER (WHERE r.status = 'ditolak'),
            'berjalan', count(*) FILTER (WHERE r.status = 'berjalan'),
            'selesai', count(*) FILTER (WHERE r.status = 'selesai'))
          FROM rincian r WHERE r.pegawai_id = b.id AND r.tahun = ?) AS jumlah`,
        [tahun],
      ),
    )
    .orderBy('b.nama');
  return rows.map((r) => ({ ...r, jumlah: typeof r.jumlah === 'string' ? JSON.parse(r.jumlah) : r.jumlah }));
}

/** One direct subordinate of an atasan (active or not); undefined for anyone else. */
export async function findBawahan(db: Db, atasanId: number, pegawaiId: number): Promise<BawahanRow | undefined> {
  return db('pegawai as b')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'b.jenis_jabatan_kode')
    .where({ 'b.id': pegawaiId, 'b.atasan_id': atasanId })
    .first('b.id', 'b.nama', 'b.nip', 'b.jabatan', 'jj.nama as jenis_jabatan_nama');
}
