import type { Knex } from 'knex';
import { awalHariWIB, tambahHari } from '../domain/waktu';
import { STATUS_TERKIRIM, type JalurRekomendasi, type SumberBiaya } from '../domain/rekomendasi';
import type { StatusRekomendasi } from '../domain/status';
import { polaLike } from './cari';
import type { Tabel } from './tabel';
import { json, pernyataan, waktuDari } from '../db/pernyataan';

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
  /** the issued letter's number and its file (the bytes as issued; never changed) */
  surat_nomor: string | null;
  surat_berkas_id: number | null;
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

export interface RiwayatRow {
  aksi: string;
  dari: string | null;
  ke: string;
  alasan: string | null;
  waktu: Date;
  oleh_nama: string;
}

/** A request with its owner, unit, decision, letters and the item it is for, over REKOMENDASI_DARI. */
const REKOMENDASI_KOLOM = `k.*, p.nama AS pegawai_nama, p.nip AS pegawai_nip, p.jabatan AS pegawai_jabatan, p.atasan_id AS pegawai_atasan_id,
  p.instansi_id, i.nama AS instansi_nama, i.jabatan_pimpinan AS instansi_pimpinan, s.kode AS surat_kode,
  s.sha256 AS surat_sha256, s.nomor AS surat_nomor, s.berkas_id AS surat_berkas_id, r.materi AS rincian_materi, r.tahun AS rincian_tahun, d.nama AS pemutus_nama,
  bu.nama AS usulan_nama, bu.ukuran AS usulan_ukuran, bp.nama AS pemanggilan_nama, bp.ukuran AS pemanggilan_ukuran`;
const REKOMENDASI_DARI = `rekomendasi k
  JOIN pegawai p ON p.id = k.pegawai_id
  JOIN instansi i ON i.id = p.instansi_id
  LEFT JOIN rincian r ON r.id = k.rincian_id
  LEFT JOIN pegawai d ON d.id = k.diputuskan_oleh
  LEFT JOIN berkas bu ON bu.id = k.surat_usulan_id
  LEFT JOIN berkas bp ON bp.id = k.surat_pemanggilan_id
  LEFT JOIN surat s ON s.rekomendasi_id = k.id`;

const bacaRekomendasi = pernyataan<RekomendasiLengkap>(`SELECT ${REKOMENDASI_KOLOM} FROM ${REKOMENDASI_DARI} WHERE k.id = ?`);

export async function findRekomendasi(db: Db, id: number): Promise<RekomendasiLengkap | undefined> {
  if (!Number.isSafeInteger(id)) return undefined;
  const [row] = await bacaRekomendasi(db, [id]);
  return row;
}

const halamanRekomendasi = pernyataan<RekomendasiLengkap & { riwayat_json: unknown }>(
  `SELECT ${REKOMENDASI_KOLOM},
          (SELECT coalesce(json_agg(json_build_object('aksi', h.aksi, 'dari', h.dari, 'ke', h.ke, 'alasan', h.alasan,
                    'waktu', h.waktu, 'oleh_nama', o.nama) ORDER BY h.waktu, h.id), '[]')
             FROM riwayat_status h JOIN pegawai o ON o.id = h.oleh WHERE h.rekomendasi_id = k.id) AS riwayat_json
     FROM ${REKOMENDASI_DARI}
    WHERE k.id = ?`,
);

/** A request as findRekomendasi reads it, with its status history (oldest first), in one query. */
export async function findRekomendasiDenganRiwayat(
  db: Knex,
  id: number,
): Promise<{ r: RekomendasiLengkap; riwayat: RiwayatRow[] } | undefined> {
  const [row] = await halamanRekomendasi(db, [id]);
  if (!row) return undefined;
  const { riwayat_json, ...r } = row;
  return {
    r,
    riwayat: json<(Omit<RiwayatRow, 'waktu'> & { waktu: string })[]>(riwayat_json).map((h) => ({ ...h, waktu: waktuDari(h.waktu) })),
  };
}

/**
 * The employee's own requests, newest first; status null = every status but deleted; `cari` in
 * the training's name or its organiser; `jalur` one of the two.
 */
const bacaRekomendasiMilik = pernyataan<RekomendasiRow>(
  `SELECT * FROM rekomendasi
    WHERE pegawai_id = ?
      AND (CASE WHEN ?::text IS NULL THEN status <> 'dihapus' ELSE status = ?::text END)
      AND (?::text IS NULL OR jalur = ?::text)
      AND (?::text IS NULL OR nama_pelatihan ILIKE ?::text OR lembaga ILIKE ?::text)
    ORDER BY updated_at DESC, id DESC
    LIMIT 500`,
);

export async function listRekomendasiMilik(
  db: Db,
  pegawaiId: number,
  f: { status: string | null; cari: string | null; jalur: string | null },
): Promise<RekomendasiRow[]> {
  const status = f.status || null;
  const jalur = f.jalur || null;
  const pola = f.cari ? polaLike(f.cari) : null;
  return bacaRekomendasiMilik(db, [pegawaiId, status, status, jalur, jalur, pola, pola, pola]);
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
