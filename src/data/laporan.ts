import type { Knex } from 'knex';
import { STATUS_BERLAPOR } from '../domain/status';
import { selectJpRealisasi } from './jp';
import type { Tabel, TabelBaru } from './tabel';
import { json, pernyataan, KEPALA, pisahKepala, waktuDari } from '../db/pernyataan';

// Queries for Pelaksanaan and Laporan: running/finished items, their reports, realised JP.

/** A running or finished item with what its pages print: the realisation and its owner. */
export type KegiatanRow = Tabel['rincian'] & {
  bentuk_nama: string;
  sumber_dana_nama: string | null;
  pemilik_nama: string;
  pemilik_nip: string;
  pemilik_atasan_id: number | null;
};

/** A report with its certificate's name and size (never its content). */
export type LaporanRow = Tabel['laporan'] & { sertifikat_nama: string | null; sertifikat_ukuran: number | null };

function kegiatanQuery(db: Knex | Knex.Transaction) {
  return db('rincian as r')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .leftJoin('sumber_dana as s', 's.kode', 'r.sumber_dana_kode')
    .join('pegawai as p', 'p.id', 'r.pegawai_id')
    .select(
      'r.*',
      'b.nama as bentuk_nama',
      's.nama as sumber_dana_nama',
      'p.nama as pemilik_nama',
      'p.nip as pemilik_nip',
      'p.atasan_id as pemilik_atasan_id',
    );
}

/** KegiatanRow's columns over KEGIATAN_DARI, and its reports as JSON (see laporanDari). */
const KEGIATAN_KOLOM = `r.*, b.nama AS bentuk_nama, s.nama AS sumber_dana_nama, p.nama AS pemilik_nama, p.nip AS pemilik_nip,
  p.atasan_id AS pemilik_atasan_id,
  (SELECT coalesce(json_agg(json_build_object('id', l.id, 'rincian_id', l.rincian_id, 'tanggal', l.tanggal, 'jp', l.jp,
            'dengan_sertifikat', l.dengan_sertifikat, 'nomor_sertifikat', l.nomor_sertifikat,
            'sertifikat_berkas_id', l.sertifikat_berkas_id, 'sertifikat_nama', f.nama, 'sertifikat_ukuran', f.ukuran,
            'deskripsi', l.deskripsi, 'akhir', l.akhir, 'dibuat_oleh', l.dibuat_oleh, 'created_at', l.created_at)
            ORDER BY l.tanggal, l.id), '[]')
     FROM laporan l LEFT JOIN berkas f ON f.id = l.sertifikat_berkas_id WHERE l.rincian_id = r.id) AS laporan_json`;
const KEGIATAN_DARI = `rincian r JOIN bentuk_pengembangan b ON b.kode = r.bentuk_kode LEFT JOIN sumber_dana s ON s.kode = r.sumber_dana_kode
  JOIN pegawai p ON p.id = r.pegawai_id`;

/** An item read with KEGIATAN_KOLOM and its reports (listLaporan's rows), oldest first. */
function laporanDari<T extends { laporan_json: unknown }>(row: T): Omit<T, 'laporan_json'> & { laporan: LaporanRow[] } {
  const { laporan_json, ...k } = row;
  const laporan = json<(Omit<LaporanRow, 'created_at'> & { created_at: string })[]>(laporan_json).map((l) => ({
    ...l,
    created_at: waktuDari(l.created_at),
  }));
  return { ...k, laporan };
}

const halamanKegiatan = pernyataan<KegiatanRow & { laporan_json: unknown }>(
  `SELECT ${KEGIATAN_KOLOM} FROM ${KEGIATAN_DARI} WHERE r.id = ? AND r.status <> 'dihapus'`,
);

/** An item (not deleted) with its reports, in one query. */
export async function findKegiatanDenganLaporan(db: Knex, id: number): Promise<(KegiatanRow & { laporan: LaporanRow[] }) | undefined> {
  const [row] = await halamanKegiatan(db, [id]);
  return row && laporanDari(row);
}

const halamanLaporan = pernyataan<KegiatanRow & { kepala: unknown; bagian: string; urut: string; laporan_json: unknown }>(
  `WITH milik AS (
     SELECT r.id, r.status, r.tanggal_mulai FROM rincian r
      WHERE r.pegawai_id = ? AND r.status IN (${STATUS_BERLAPOR.map((s) => `'${s}'`).join(', ')}) AND (?::int IS NULL OR r.tahun = ?::int)),
   halaman AS (
     SELECT id, row_number() OVER (ORDER BY CASE WHEN status = 'berjalan' THEN 0 ELSE 1 END, tanggal_mulai DESC, id DESC) AS urut FROM milik
      ORDER BY urut LIMIT ? OFFSET ?),
   berjalan AS (
     SELECT r.id, row_number() OVER (ORDER BY r.tanggal_mulai, r.id) AS urut FROM rincian r
      WHERE r.pegawai_id = ? AND r.status = 'berjalan' ORDER BY urut LIMIT 500),
   pilih AS (SELECT 'halaman' AS bagian, id, urut FROM halaman UNION ALL SELECT 'berjalan', id, urut FROM berjalan)
   SELECT ${KEPALA}, x.*
     FROM (SELECT json_build_object(
             'total', (SELECT count(*) FROM milik),
             'jp', (SELECT coalesce(sum(l.jp), 0) FROM laporan l JOIN rincian r ON r.id = l.rincian_id
                     WHERE r.pegawai_id = ? AND r.tahun = ? AND r.status IN (${STATUS_BERLAPOR.map((s) => `'${s}'`).join(', ')}))) AS kepala) k
     LEFT JOIN LATERAL (
       SELECT pl.bagian, pl.urut, ${KEGIATAN_KOLOM} FROM pilih pl JOIN rincian r ON r.id = pl.id
         JOIN bentuk_pengembangan b ON b.kode = r.bentuk_kode LEFT JOIN sumber_dana s ON s.kode = r.sumber_dana_kode
         JOIN pegawai p ON p.id = r.pegawai_id) x ON true
    ORDER BY x.bagian DESC, x.urut`,
);

/**
 * The Laporan page in one query: one page of the owner's running and finished items (running
 * first, newest first; `tahun` narrows it) and their total; every running item (for the reports
 * due, by start); each with its reports; and the JP realised in `tahunJp`.
 */
export async function findHalamanLaporan(
  db: Knex,
  pegawaiId: number,
  f: FilterKegiatan,
  tahunJp: number,
): Promise<{
  rows: (KegiatanRow & { laporan: LaporanRow[] })[];
  total: number;
  berjalan: (KegiatanRow & { laporan: LaporanRow[] })[];
  jp: number;
}> {
  const tahun = f.tahun ?? null;
  const { kepala, baris } = pisahKepala<
    { total: number; jp: number },
    KegiatanRow & { bagian: string; urut: string; laporan_json: unknown }
  >(await halamanLaporan(db, [pegawaiId, tahun, tahun, f.limit, f.offset, pegawaiId, pegawaiId, tahunJp]));
  const bagian = (b: string) => baris.filter((r) => r.bagian === b).map(({ bagian: _, urut: __, ...r }) => laporanDari(r));
  return { rows: bagian('halaman'), total: kepala.total, berjalan: bagian('berjalan'), jp: kepala.jp };
}

export async function findKegiatan(db: Knex | Knex.Transaction, id: number): Promise<KegiatanRow | undefined> {
  return kegiatanQuery(db).where('r.id', id).whereNot('r.status', 'dihapus').first();
}

/** Locks the item's row for the rest of the transaction (two reports at once: one after the other). */
export async function lockRincian(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('rincian').where({ id }).forUpdate().first('id');
}

export interface FilterKegiatan {
  tahun?: number | undefined;
  limit: number;
  offset: number;
}

/** Every running item of everyone, for the daily reminder. */
export async function listKegiatanBerjalanSemua(
  db: Knex,
): Promise<Pick<KegiatanRow, 'id' | 'pegawai_id' | 'materi' | 'tanggal_mulai' | 'tanggal_selesai' | 'frekuensi_laporan' | 'dimulai_at'>[]> {
  return db('rincian')
    .where('status', 'berjalan')
    .select('id', 'pegawai_id', 'materi', 'tanggal_mulai', 'tanggal_selesai', 'frekuensi_laporan', 'dimulai_at')
    .orderBy('id');
}

/** Reports of some items, oldest first, without the certificate's content. */
export async function listLaporan(db: Knex | Knex.Transaction, rincianIds: number[]): Promise<LaporanRow[]> {
  if (!rincianIds.length) return [];
  return db('laporan as l')
    .leftJoin('berkas as f', 'f.id', 'l.sertifikat_berkas_id')
    .whereIn('l.rincian_id', rincianIds)
    .select(
      'l.id',
      'l.rincian_id',
      'l.tanggal',
      'l.jp',
      'l.dengan_sertifikat',
      'l.nomor_sertifikat',
      'l.sertifikat_berkas_id',
      'f.nama as sertifikat_nama',
      'f.ukuran as sertifikat_ukuran',
      'l.deskripsi',
      'l.akhir',
      'l.dibuat_oleh',
      'l.created_at',
    )
    .orderBy('l.tanggal')
    .orderBy('l.id');
}

export async function sumJpLaporan(trx: Knex | Knex.Transaction, rincianId: number): Promise<number> {
  const row = await trx('laporan').where({ rincian_id: rincianId }).sum<{ n: string | null }>({ n: 'jp' }).first();
  return Number(row?.n ?? 0);
}

export async function insertLaporan(trx: Knex.Transaction, row: TabelBaru['laporan']): Promise<number> {
  const [r] = await trx('laporan').insert(row).returning('id');
  return r!.id;
}

/** The certificate of one report of one item. */
export async function findSertifikat(
  db: Knex,
  rincianId: number,
  laporanId: number,
): Promise<Pick<Tabel['berkas'], 'nama' | 'tipe' | 'ukuran' | 'isi'> | undefined> {
  return db('laporan as l')
    .join('berkas as f', 'f.id', 'l.sertifikat_berkas_id')
    .where('l.id', laporanId)
    .where('l.rincian_id', rincianId)
    .first('f.nama', 'f.tipe', 'f.ukuran', 'f.isi');
}

/** Realised JP of year Y (the plan year of the items) per employee: the sum of their reports' JP. */
export async function jpRealisasi(db: Knex, pegawaiIds: number[], tahun: number): Promise<Map<number, number>> {
  const out = new Map<number, number>(pegawaiIds.map((id) => [id, 0]));
  if (!pegawaiIds.length) return out;
  for (const r of await selectJpRealisasi(db, tahun, pegawaiIds)) out.set(r.pegawai_id, Number(r.jp));
  return out;
}

/** Titles of the notifications already sent for some links (to remind once per report). */
export async function listJudulNotifikasi(db: Knex, tautan: string[]): Promise<Set<string>> {
  if (!tautan.length) return new Set();
  const rows = await db('notifikasi').whereIn('tautan', tautan).select('pegawai_id', 'tautan', 'judul');
  return new Set(rows.map((r) => `${r.pegawai_id}|${r.tautan}|${r.judul}`));
}
