import type { RincianInti } from './pengajuan';
import type { Knex } from 'knex';

// Queries for Pelaksanaan and Laporan: running/finished items, their reports, realised JP.

export interface KegiatanRow extends RincianInti {
  sumber_dana_kode: string;
  sumber_dana_nama: string | null;
  detail_materi: string | null;
  frekuensi_laporan: string | null;
  biaya_realisasi: string | null;
  dimulai_at: Date | null;
  selesai_at: Date | null;
  pemilik_nama: string;
  pemilik_nip: string;
  pemilik_atasan_id: number | null;
}

export interface LaporanRow {
  id: number;
  rincian_id: number;
  tanggal: string;
  jp: number;
  dengan_sertifikat: boolean;
  nomor_sertifikat: string | null;
  sertifikat_berkas_id: number | null;
  sertifikat_nama: string | null;
  sertifikat_ukuran: number | null;
  deskripsi: string;
  akhir: boolean;
  dibuat_oleh: number;
  created_at: Date;
}

function kegiatanQuery(db: Knex | Knex.Transaction) {
  return db('rincian as r')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .leftJoin('sumber_dana as s', 's.kode', 'r.sumber_dana_kode')
    .join('pegawai as p', 'p.id', 'r.pegawai_id')
    .select(
      'r.id',
      'r.pegawai_id',
      'r.tahun',
      'r.jalur',
      'r.bentuk_kode',
      'b.nama as bentuk_nama',
      'r.jp',
      'r.tanggal',
      'r.materi',
      'r.anggaran',
      'r.lembaga',
      'r.sumber_dana_kode',
      's.nama as sumber_dana_nama',
      'r.program_studi',
      'r.jenjang',
      'r.perguruan_tinggi',
      'r.status',
      'r.tanggal_mulai',
      'r.tanggal_selesai',
      'r.detail_materi',
      'r.tempat',
      'r.frekuensi_laporan',
      'r.biaya_realisasi',
      'r.dimulai_at',
      'r.selesai_at',
      'p.nama as pemilik_nama',
      'p.nip as pemilik_nip',
      'p.atasan_id as pemilik_atasan_id',
    );
}

export async function findKegiatan(db: Knex | Knex.Transaction, id: number): Promise<KegiatanRow | undefined> {
  return kegiatanQuery(db).where('r.id', id).whereNot('r.status', 'dihapus').first();
}

/** Locks the item's row for the rest of the transaction (two reports at once: one after the other). */
export async function kunciRincian(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('rincian').where({ id }).forUpdate().first('id');
}

export interface FilterKegiatan {
  tahun?: number | undefined;
  limit: number;
  offset: number;
}

/** The owner's running and finished items, newest first, one page. */
export async function daftarKegiatan(db: Knex, pegawaiId: number, f: FilterKegiatan): Promise<{ rows: KegiatanRow[]; total: number }> {
  const base = () => {
    const q = db('rincian as r').where('r.pegawai_id', pegawaiId).whereIn('r.status', ['berjalan', 'selesai']);
    if (f.tahun) q.where('r.tahun', f.tahun);
    return q;
  };
  const [{ n }] = (await base().count<{ n: string }[]>({ n: '*' })) as [{ n: string }];
  const rows = await kegiatanQuery(db)
    .where('r.pegawai_id', pegawaiId)
    .whereIn('r.status', ['berjalan', 'selesai'])
    .modify((q) => {
      if (f.tahun) q.where('r.tahun', f.tahun);
    })
    .orderByRaw("CASE WHEN r.status = 'berjalan' THEN 0 ELSE 1 END")
    .orderBy('r.tanggal_mulai', 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.limit)
    .offset(f.offset);
  return { rows, total: Number(n) };
}

/** Every running item of the owner (for the reports due); few per person. */
export async function kegiatanBerjalan(db: Knex, pegawaiId: number): Promise<KegiatanRow[]> {
  return kegiatanQuery(db).where('r.pegawai_id', pegawaiId).where('r.status', 'berjalan').orderBy('r.tanggal_mulai').limit(500);
}

/** Every running item of everyone, for the daily reminder. */
export async function semuaBerjalan(
  db: Knex,
): Promise<Pick<KegiatanRow, 'id' | 'pegawai_id' | 'materi' | 'tanggal_mulai' | 'tanggal_selesai' | 'frekuensi_laporan' | 'dimulai_at'>[]> {
  return db('rincian')
    .where('status', 'berjalan')
    .select('id', 'pegawai_id', 'materi', 'tanggal_mulai', 'tanggal_selesai', 'frekuensi_laporan', 'dimulai_at')
    .orderBy('id');
}

/** Reports of some items, oldest first, without the certificate's content. */
export async function laporanUntuk(db: Knex | Knex.Transaction, rincianIds: number[]): Promise<LaporanRow[]> {
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

export async function jumlahJpLaporan(trx: Knex | Knex.Transaction, rincianId: number): Promise<number> {
  const row = await trx('laporan').where({ rincian_id: rincianId }).sum<{ n: string | null }>({ n: 'jp' }).first();
  return Number(row?.n ?? 0);
}

export interface LaporanBaru {
  rincian_id: number;
  tanggal: string;
  jp: number;
  dengan_sertifikat: boolean;
  nomor_sertifikat: string | null;
  sertifikat_berkas_id: number | null;
  deskripsi: string;
  akhir: boolean;
  dibuat_oleh: number;
  created_at: Date;
}

export async function insertLaporan(trx: Knex.Transaction, row: LaporanBaru): Promise<number> {
  const [r] = await trx('laporan').insert(row).returning('id');
  return r!.id;
}

/** The certificate of one report of one item. */
export async function sertifikat(db: Knex, rincianId: number, laporanId: number) {
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
  const rows = await db('laporan as l')
    .join('rincian as r', 'r.id', 'l.rincian_id')
    .whereIn('r.pegawai_id', pegawaiIds)
    .where('r.tahun', tahun)
    .whereIn('r.status', ['berjalan', 'selesai'])
    .groupBy('r.pegawai_id')
    .select('r.pegawai_id', db.raw('coalesce(sum(l.jp), 0)::int as jp'));
  for (const r of rows as { pegawai_id: number; jp: number }[]) out.set(r.pegawai_id, Number(r.jp));
  return out;
}

/** Titles of the notifications already sent for some links (to remind once per report). */
export async function judulNotifikasi(db: Knex, tautan: string[]): Promise<Set<string>> {
  if (!tautan.length) return new Set();
  const rows = await db('notifikasi').whereIn('tautan', tautan).select('pegawai_id', 'tautan', 'judul');
  return new Set((rows as { pegawai_id: number; tautan: string; judul: string }[]).map((r) => `${r.pegawai_id}|${r.tautan}|${r.judul}`));
}
