import type { Knex } from 'knex';
import type { Tabel } from './tabel';
import { json, pernyataan } from '../db/pernyataan';
import { STATUS_BERLAPOR, STATUS_DITERIMA } from '../domain/status';

type Db = Knex | Knex.Transaction;

// Bawahan Langsung: an atasan's direct subordinates.

export type BawahanRow = Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip' | 'jabatan'> & { jenis_jabatan_nama: string | null };

const teks = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

const halamanBawahan = pernyataan<BawahanRow & { jumlah: unknown; jp_rencana: number; jp_realisasi: number }>(
  `SELECT b.id, b.nama, b.nip, b.jabatan, jj.nama AS jenis_jabatan_nama,
     (SELECT json_build_object(
         'dikirim', count(*) FILTER (WHERE r.status = 'dikirim'),
         'diterima', count(*) FILTER (WHERE r.status = 'diterima'),
         'ditolak', count(*) FILTER (WHERE r.status = 'ditolak'),
         'berjalan', count(*) FILTER (WHERE r.status = 'berjalan'),
         'selesai', count(*) FILTER (WHERE r.status = 'selesai'))
        FROM rincian r WHERE r.pegawai_id = b.id AND r.tahun = ?) AS jumlah,
     (SELECT coalesce(sum(r.jp), 0) FROM rincian r
       WHERE r.pegawai_id = b.id AND r.tahun = ? AND r.status IN (${teks(STATUS_DITERIMA)}))::int AS jp_rencana,
     (SELECT coalesce(sum(l.jp), 0) FROM laporan l JOIN rincian r ON r.id = l.rincian_id
       WHERE r.pegawai_id = b.id AND r.tahun = ? AND r.status IN (${teks(STATUS_BERLAPOR)}))::int AS jp_realisasi
   FROM pegawai b LEFT JOIN jenis_jabatan jj ON jj.kode = b.jenis_jabatan_kode
  WHERE b.atasan_id = ? AND b.aktif
  ORDER BY b.nama, b.id`,
);

/**
 * Direct subordinates of an atasan with their items of a year counted by status and their JP of
 * that year, planned (accepted items) and realised (reports), in one query.
 */
export async function listBawahan(
  db: Db,
  atasanId: number,
  tahun: number,
): Promise<
  (BawahanRow & {
    jumlah: Record<'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai', number>;
    jp: { rencana: number; realisasi: number };
  })[]
> {
  const rows = await halamanBawahan(db, [tahun, tahun, tahun, atasanId]);
  return rows.map(({ jp_rencana, jp_realisasi, ...r }) => ({
    ...r,
    jumlah: json(r.jumlah),
    jp: { rencana: jp_rencana, realisasi: jp_realisasi },
  }));
}

/** One direct subordinate of an atasan (active or not); undefined for anyone else. */
export async function findBawahan(db: Db, atasanId: number, pegawaiId: number): Promise<BawahanRow | undefined> {
  return db('pegawai as b')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'b.jenis_jabatan_kode')
    .where({ 'b.id': pegawaiId, 'b.atasan_id': atasanId })
    .first('b.id', 'b.nama', 'b.nip', 'b.jabatan', 'jj.nama as jenis_jabatan_nama');
}
