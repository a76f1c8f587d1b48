import type { Knex } from 'knex';
import { awalHariWIB, tambahHari } from '../domain/waktu';
import { STATUS_TERKIRIM, type JalurRekomendasi, type SumberBiaya } from '../domain/rekomendasi';
import type { StatusRekomendasi } from '../domain/status';
import { polaLike } from './cari';
import type { Tabel } from './tabel';

type Db = Knex | Knex.Transaction;

/** A request as read, its closed lists narrowed (the table's CHECKs hold them). */
export type RekomendasiRow = Omit<Tabel['rekomendasi'], 'jalur' | 'sumber_biaya' | 'status'> & {
  jalur: JalurRekomendasi;
  /** `biaya` is the total; for `pd_bkpsdm` the sum of the shares `biaya_pd` and `biaya_bkpsdm` (set for it only) */
  sumber_biaya: SumberBiaya;
  status: StatusRekomendasi;
};

/** A request with everything its pages and its letter print: the employee, unit, linked plan item, files. */
export interface RekomendasiLengkap extends RekomendasiRow {
  pegawai_nama: string;
  pegawai_nip: string;
  pegawai_jabatan: string | null;
  pegawai_atasan_id: number | null;
  instansi_id: number;
  instansi_nama: string;
  /** the title of the unit's head, when it is not "Kepala <unit>" */
  instansi_pimpinan: string | null;
  /** the issued letter's verification code and SHA-256, once issued */
  surat_kode: string | null;
  surat_sha256: string | null;
  rincian_materi: string | null;
  rincian_tahun: number | null;
  pemutus_nama: string | null;
  usulan_nama: string | null;
  usulan_ukuran: number | null;
  pemanggilan_nama: string | null;
  pemanggilan_ukuran: number | null;
}

export type RekomendasiBaru = Omit<
  RekomendasiRow,
  | 'id'
  | 'status'
  | 'alasan_keputusan'
  | 'diputuskan_oleh'
  | 'diputuskan_at'
  | 'nomor_surat'
  | 'tanggal_surat'
  | 'dikirim_at'
  | 'updated_at'
  | 'biaya'
  | 'biaya_pd'
  | 'biaya_bkpsdm'
> & { biaya: number; biaya_pd: number | null; biaya_bkpsdm: number | null };

export async function insertRekomendasi(trx: Db, row: RekomendasiBaru): Promise<number> {
  const [r] = await trx('rekomendasi')
    .insert({ ...row, status: 'konsep', updated_at: row.created_at })
    .returning('id');
  return r!.id;
}

function lengkap(db: Db) {
  return db('rekomendasi as k')
    .join('pegawai as p', 'p.id', 'k.pegawai_id')
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin('rincian as r', 'r.id', 'k.rincian_id')
    .leftJoin('pegawai as d', 'd.id', 'k.diputuskan_oleh')
    .leftJoin('berkas as bu', 'bu.id', 'k.surat_usulan_id')
    .leftJoin('berkas as bp', 'bp.id', 'k.surat_pemanggilan_id')
    .leftJoin('surat as s', 's.rekomendasi_id', 'k.id')
    .select(
      'k.*',
      'p.nama as pegawai_nama',
      'p.nip as pegawai_nip',
      'p.jabatan as pegawai_jabatan',
      'p.atasan_id as pegawai_atasan_id',
      'p.instansi_id',
      'i.nama as instansi_nama',
      'i.jabatan_pimpinan as instansi_pimpinan',
      's.kode as surat_kode',
      's.sha256 as surat_sha256',
      'r.materi as rincian_materi',
      'r.tahun as rincian_tahun',
      'd.nama as pemutus_nama',
      'bu.nama as usulan_nama',
      'bu.ukuran as usulan_ukuran',
      'bp.nama as pemanggilan_nama',
      'bp.ukuran as pemanggilan_ukuran',
    );
}

export async function findRekomendasi(db: Db, id: number): Promise<RekomendasiLengkap | undefined> {
  return lengkap(db).where('k.id', id).first();
}

export interface RiwayatRow {
  aksi: string;
  dari: string | null;
  ke: string;
  alasan: string | null;
  waktu: Date;
  oleh_nama: string;
}

export async function listRiwayatRekomendasi(db: Db, id: number): Promise<RiwayatRow[]> {
  return db('riwayat_status as h')
    .join('pegawai as p', 'p.id', 'h.oleh')
    .where('h.rekomendasi_id', id)
    .orderBy([{ column: 'h.waktu' }, { column: 'h.id' }])
    .select('h.aksi', 'h.dari', 'h.ke', 'h.alasan', 'h.waktu', 'p.nama as oleh_nama');
}

/**
 * The employee's own requests, newest first; status null = every status but deleted; `cari` in
 * the training's name or its organiser; `jalur` one of the two.
 */
export async function listRekomendasiMilik(
  db: Db,
  pegawaiId: number,
  f: { status: string | null; cari: string | null; jalur: string | null },
): Promise<RekomendasiRow[]> {
  const q = db('rekomendasi').select<RekomendasiRow[]>('*').where('pegawai_id', pegawaiId);
  if (f.status) q.where('status', f.status);
  else q.whereNot('status', 'dihapus');
  if (f.jalur) q.where('jalur', f.jalur);
  if (f.cari) {
    const like = polaLike(f.cari);
    q.where((w) => w.whereILike('nama_pelatihan', like).orWhereILike('lembaga', like));
  }
  return q
    .orderBy([
      { column: 'updated_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(500);
}

export interface FilterBkpsdm {
  status: string | null;
  instansiId: number | null;
  jalur: string | null;
  /** sent on or after this WIB date */
  dari: string | null;
  /** sent on or before this WIB date */
  sampai: string | null;
  halaman: number;
  perHalaman: number;
  /** the officer looking: his own requests are decided by another officer, never listed to him */
  bukan: number;
}

function filterBkpsdm(db: Db, f: Omit<FilterBkpsdm, 'status' | 'halaman' | 'perHalaman'>) {
  // drafts are the employee's own business: BKPSDM sees sent requests only
  const q = db('rekomendasi as k')
    .join('pegawai as p', 'p.id', 'k.pegawai_id')
    .whereIn('k.status', STATUS_TERKIRIM)
    .whereNot('k.pegawai_id', f.bukan);
  if (f.instansiId) q.where('p.instansi_id', f.instansiId);
  if (f.jalur) q.where('k.jalur', f.jalur);
  if (f.dari) q.where('k.dikirim_at', '>=', awalHariWIB(f.dari));
  if (f.sampai) q.where('k.dikirim_at', '<', awalHariWIB(tambahHari(f.sampai, 1)));
  return q;
}

export interface BarisBkpsdm extends RekomendasiRow {
  pegawai_nama: string;
  pegawai_nip: string;
  instansi_nama: string;
}

/** One page of every unit's sent requests (waiting ones first, oldest first), the total and the count per status. */
export async function listRekomendasiBkpsdm(db: Db, f: FilterBkpsdm) {
  const base = () => filterBkpsdm(db, f);
  const q = base().join('instansi as i', 'i.id', 'p.instansi_id');
  if (f.status) q.where('k.status', f.status);
  const [rows, jumlahRows] = await Promise.all([
    q
      .clone()
      .select('k.*', 'p.nama as pegawai_nama', 'p.nip as pegawai_nip', 'i.nama as instansi_nama')
      .orderByRaw("CASE WHEN k.status = 'terkirim' THEN 0 ELSE 1 END")
      .orderByRaw("CASE WHEN k.status = 'terkirim' THEN k.dikirim_at END ASC")
      .orderBy([
        { column: 'k.diputuskan_at', order: 'desc' },
        { column: 'k.id', order: 'desc' },
      ])
      .limit(f.perHalaman)
      .offset((f.halaman - 1) * f.perHalaman) as Promise<BarisBkpsdm[]>,
    base().groupBy('k.status').select('k.status', db.raw('count(*)::int as n')) as Promise<{ status: string; n: number }[]>,
  ]);
  const jumlah = { terkirim: 0, diterima: 0, ditolak: 0 } as Record<string, number>;
  for (const r of jumlahRows) jumlah[r.status] = Number(r.n);
  const total = f.status ? (jumlah[f.status] ?? 0) : Object.values(jumlah).reduce((a, b) => a + b, 0);
  return { rows, total, jumlah };
}

export async function listInstansiAktif(db: Db): Promise<{ id: number; nama: string }[]> {
  return db('instansi').where({ aktif: true }).orderBy('nama').select('id', 'nama');
}

export interface RincianPilihan {
  id: number;
  tahun: number;
  materi: string;
  bentuk_nama: string;
  tanggal: string;
  lembaga: string;
  status: string;
}

/** The employee's accepted or running plan items of the given years, to link a request to. */
export async function listRincianRencana(db: Db, pegawaiId: number, tahun: number[]): Promise<RincianPilihan[]> {
  return db('rincian as r')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .where('r.pegawai_id', pegawaiId)
    .whereIn('r.tahun', tahun)
    .whereIn('r.status', ['diterima', 'berjalan'])
    .orderBy([{ column: 'r.tahun' }, { column: 'r.tanggal' }, { column: 'r.id' }])
    .select('r.id', 'r.tahun', 'r.materi', 'b.nama as bentuk_nama', 'r.tanggal', 'r.lembaga', 'r.status');
}

export async function findRincianMilik(db: Db, id: number, pegawaiId: number) {
  return db('rincian').where({ id, pegawai_id: pegawaiId }).first('id', 'status', 'tahun');
}

export async function listNamaBentuk(db: Db, jalur: string): Promise<string[]> {
  const rows: { nama: string }[] = await db('bentuk_pengembangan').where({ jalur, aktif: true }).orderBy('urutan').select('nama');
  return rows.map((r) => r.nama);
}

/**
 * The next letter number of a year. The upsert takes the row lock of that year, so concurrent
 * decisions queue on it and each gets its own number; a rolled-back decision gives its number back.
 */
export async function nextNomorSurat(trx: Knex.Transaction, tahun: number): Promise<number> {
  const [row] = await trx('nomor_surat_urut')
    .insert({ tahun, terakhir: 1 })
    .onConflict('tahun')
    .merge({ terakhir: trx.raw('nomor_surat_urut.terakhir + 1') })
    .returning('terakhir');
  return row!.terakhir;
}

/** Locks the request's row for the rest of the transaction (one letter per request). */
export async function lockRekomendasi(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('rekomendasi').where({ id }).forUpdate().first('id');
}

/** Gives a decided request its letter number and date. */
export async function updateNomorSurat(trx: Knex.Transaction, id: number, nomor: string, tanggal: string): Promise<void> {
  await trx('rekomendasi').where({ id }).update({ nomor_surat: nomor, tanggal_surat: tanggal });
}

/** The active operators of a unit but one person: they learn of every letter issued to it. */
export async function listOperatorUnit(db: Db, instansiId: number, bukan: number): Promise<number[]> {
  return db('pegawai').where({ instansi_id: instansiId, peran: 'operator', aktif: true }).whereNot({ id: bukan }).pluck('id');
}
