import type { Knex } from 'knex';
import { STATUS_BERLAPOR } from '../domain/status';
import { selectJpRealisasi } from './jp';
import type { Tabel, TabelBaru } from './tabel';

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

/** The owner's running and finished items, newest first, one page. */
export async function listKegiatan(db: Knex, pegawaiId: number, f: FilterKegiatan): Promise<{ rows: KegiatanRow[]; total: number }> {
  const milik = (q: Knex.QueryBuilder) => {
    q.where('r.pegawai_id', pegawaiId).whereIn('r.status', STATUS_BERLAPOR);
    if (f.tahun) q.where('r.tahun', f.tahun);
  };
  const [{ n }] = (await db('rincian as r').modify(milik).count<{ n: string }[]>({ n: '*' })) as [{ n: string }];
  const rows = await kegiatanQuery(db)
    .modify(milik)
    .orderByRaw("CASE WHEN r.status = 'berjalan' THEN 0 ELSE 1 END")
    .orderBy('r.tanggal_mulai', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.limit)
    .offset(f.offset);
  return { rows, total: Number(n) };
}

/** Every running item of the owner (for the reports due); few per person. */
export async function listKegiatanBerjalan(db: Knex, pegawaiId: number): Promise<KegiatanRow[]> {
  return kegiatanQuery(db).where('r.pegawai_id', pegawaiId).where('r.status', 'berjalan').orderBy('r.tanggal_mulai').limit(500);
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
