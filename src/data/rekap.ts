import type { Knex } from 'knex';
import { STATUS_DITERIMA } from '../domain/status';
import { selectJpRealisasi } from './jp';
import type { RincianInti } from './pengajuan';
import type { Tabel } from './tabel';
import { pernyataan } from '../db/pernyataan';

// The compiled plan of a year: aggregates over rincian, per unit and for the province.
// Items belong to the unit the employee worked in that year (see `selectPegawaiTahun`).
// Accepted = STATUS_DITERIMA (domain/status.ts).

/** The accepted statuses as an SQL list, for FILTER clauses (constants, not input). */
const DITERIMA_SQL = `(${STATUS_DITERIMA.map((s) => `'${s}'`).join(',')})`;

export type InstansiRingkas = Pick<Tabel['instansi'], 'id' | 'kode' | 'nama' | 'singkatan'>;

export async function listInstansi(db: Knex): Promise<Pick<Tabel['instansi'], keyof InstansiRingkas | 'aktif'>[]> {
  return db('instansi').select('id', 'kode', 'nama', 'singkatan', 'aktif').orderBy('nama');
}

export async function findInstansi(db: Knex, kunci: string): Promise<InstansiRingkas | undefined> {
  const q = db('instansi').first('id', 'kode', 'nama', 'singkatan');
  return /^\d{1,9}$/.test(kunci) ? q.where('id', Number(kunci)) : q.where('kode', kunci);
}

// --- The employees of a year. A year that has ended is closed once: its employees are recorded
// (pegawai_tahun, with a row in tahun_tutup) and from then on the year counts them, whatever
// happens to the employees later. A year not closed (this year, the next) counts them as they are.

/**
 * The employees as they stood in `tahun`, with the columns of `pegawai` a rekap reads: in a closed
 * year, the recorded unit, job, atasan and active flag (someone added after it closed was not
 * there: inactive, items under their unit of now); otherwise the table as it is.
 */
export function selectPegawaiTahun(db: Knex, tahun: number) {
  const dicatat = (k: string) => db.raw(`CASE WHEN pt.pegawai_id IS NULL THEN p0.${k} ELSE pt.${k} END AS ${k}`);
  return db('pegawai as p0')
    .leftJoin('pegawai_tahun as pt', (j) => j.on('pt.pegawai_id', 'p0.id').andOn('pt.tahun', db.raw('?', [tahun])))
    .leftJoin('tahun_tutup as tt', (j) => j.on('tt.tahun', db.raw('?', [tahun])))
    .select(
      'p0.id',
      'p0.nip',
      'p0.nama',
      dicatat('instansi_id'),
      dicatat('jabatan'),
      dicatat('jenis_jabatan_kode'),
      dicatat('atasan_id'),
      db.raw('CASE WHEN pt.pegawai_id IS NOT NULL THEN pt.aktif WHEN tt.tahun IS NOT NULL THEN false ELSE p0.aktif END AS aktif'),
    );
}

/**
 * Closes the years before `tahunIni` that are not closed yet: last year, every earlier year with a
 * periode, and `juga` (a past year someone asks for). One statement: of two at once, the second
 * waits for the first and finds the years closed. Returns the years closed now.
 */
export async function tutupTahun(db: Knex | Knex.Transaction, tahunIni: number, waktu: Date, juga?: number): Promise<number[]> {
  const lain = [tahunIni - 1, ...(juga !== undefined && juga < tahunIni ? [juga] : [])];
  const r = await db.raw<{ rows: { tahun: number }[] }>(
    `WITH calon AS (
       SELECT tahun FROM periode WHERE tahun < ? UNION SELECT unnest(?::int[])
     ), baru AS (
       INSERT INTO tahun_tutup (tahun, diambil_at)
       SELECT tahun, ? FROM calon WHERE tahun BETWEEN 2000 AND 2100
       ON CONFLICT (tahun) DO NOTHING
       RETURNING tahun
     ), catat AS (
       INSERT INTO pegawai_tahun (tahun, pegawai_id, instansi_id, aktif, jabatan, jenis_jabatan_kode, atasan_id)
       SELECT b.tahun, p.id, p.instansi_id, p.aktif, p.jabatan, p.jenis_jabatan_kode, p.atasan_id FROM baru b CROSS JOIN pegawai p
     )
     SELECT tahun FROM baru ORDER BY tahun`,
    [tahunIni, lain, waktu],
  );
  return r.rows.map((x) => Number(x.tahun));
}

/** Before employees change: closes last year if nobody has yet (then one primary-key read). */
export async function tutupTahunLalu(db: Knex | Knex.Transaction, tahunIni: number, waktu: Date): Promise<void> {
  const lalu = tahunIni - 1;
  if (!(await db('tahun_tutup').where({ tahun: lalu }).first('tahun'))) await tutupTahun(db, tahunIni, waktu);
}

/**
 * The version of everything a rekap reads — moved by trigger, in the writing transaction, by every
 * write to those tables (migration 20261201_003) — and whether `tahun` is closed: one read.
 */
const bacaVersiRekap = pernyataan<{ versi: string | null; tutup: boolean }>(
  'SELECT (SELECT sum(nilai) FROM versi_rekap)::text AS versi, EXISTS (SELECT 1 FROM tahun_tutup WHERE tahun = ?) AS tutup',
);

export async function findVersiRekap(db: Knex, tahun: number): Promise<{ versi: string; tutup: boolean }> {
  const [row] = await bacaVersiRekap(db, [tahun]);
  return { versi: row?.versi ?? '0', tutup: row?.tutup ?? false };
}

export interface RekapUnitRow extends InstansiRingkas {
  jumlah_pegawai: number;
  pegawai_rencana: number;
  pegawai_diterima: number;
  konsep: number;
  dikirim: number;
  diterima: number;
  ditolak: number;
  berjalan: number;
  selesai: number;
  item_diterima: number;
  jp: number;
  anggaran: string;
}

/** One row per unit (active units, and inactive ones that have items or employees that year). */
export async function listRekapUnit(db: Knex, tahun: number, instansiId?: number): Promise<RekapUnitRow[]> {
  const q = db
    .select(
      'i.id',
      'i.kode',
      'i.nama',
      'i.singkatan',
      db.raw('coalesce(pg.n, 0)::int AS jumlah_pegawai'),
      db.raw('coalesce(r.pegawai_rencana, 0)::int AS pegawai_rencana'),
      db.raw('coalesce(r.pegawai_diterima, 0)::int AS pegawai_diterima'),
      ...['konsep', 'dikirim', 'diterima', 'ditolak', 'berjalan', 'selesai'].map((s) => db.raw(`coalesce(r.${s}, 0)::int AS ${s}`)),
      db.raw('coalesce(r.item_diterima, 0)::int AS item_diterima'),
      db.raw('coalesce(r.jp, 0)::int AS jp'),
      db.raw('coalesce(r.anggaran, 0)::numeric(17,2)::text AS anggaran'),
    )
    .from('instansi as i')
    .leftJoin(
      db
        .from(selectPegawaiTahun(db, tahun).as('p'))
        .where('p.aktif', true)
        .groupBy('p.instansi_id')
        .select('p.instansi_id', db.raw('count(*) AS n'))
        .as('pg'),
      'pg.instansi_id',
      'i.id',
    )
    .leftJoin(
      db('rincian as r')
        .join(selectPegawaiTahun(db, tahun).as('p'), 'p.id', 'r.pegawai_id')
        .where('r.tahun', tahun)
        .whereNot('r.status', 'dihapus')
        .groupBy('p.instansi_id')
        .select(
          'p.instansi_id',
          db.raw('count(DISTINCT r.pegawai_id) AS pegawai_rencana'),
          db.raw(`count(DISTINCT r.pegawai_id) FILTER (WHERE r.status IN ${DITERIMA_SQL}) AS pegawai_diterima`),
          ...['konsep', 'dikirim', 'diterima', 'ditolak', 'berjalan', 'selesai'].map((s) =>
            db.raw(`count(*) FILTER (WHERE r.status = '${s}') AS ${s}`),
          ),
          db.raw(`count(*) FILTER (WHERE r.status IN ${DITERIMA_SQL}) AS item_diterima`),
          db.raw(`sum(r.jp) FILTER (WHERE r.status IN ${DITERIMA_SQL}) AS jp`),
          db.raw(`sum(r.anggaran) FILTER (WHERE r.status IN ${DITERIMA_SQL}) AS anggaran`),
        )
        .as('r'),
      'r.instansi_id',
      'i.id',
    )
    .where((w) => w.where('i.aktif', true).orWhereNotNull('r.instansi_id').orWhereNotNull('pg.instansi_id'))
    .orderBy('i.nama');
  if (instansiId) q.where('i.id', instansiId);
  return q;
}

function diterimaDi(db: Knex, tahun: number, instansiId?: number) {
  const q = db('rincian as r')
    .join(selectPegawaiTahun(db, tahun).as('p'), 'p.id', 'r.pegawai_id')
    .where('r.tahun', tahun)
    .whereIn('r.status', STATUS_DITERIMA);
  if (instansiId) q.where('p.instansi_id', instansiId);
  return q;
}

export interface RekapKelompokRow {
  kode: string;
  nama: string;
  jalur?: string;
  jumlah: number;
  jp: number;
  anggaran: string;
}

/** Accepted items by jalur and bentuk. */
export async function listRekapBentuk(db: Knex, tahun: number, instansiId?: number): Promise<RekapKelompokRow[]> {
  return diterimaDi(db, tahun, instansiId)
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .groupBy('r.jalur', 'b.kode', 'b.nama', 'b.urutan')
    .select(
      'r.jalur',
      'b.kode',
      'b.nama',
      db.raw('count(*)::int AS jumlah'),
      db.raw('sum(r.jp)::int AS jp'),
      db.raw('sum(r.anggaran)::numeric(17,2)::text AS anggaran'),
    )
    .orderBy([{ column: 'r.jalur' }, { column: 'b.urutan' }]);
}

/** Accepted items by sumber dana. */
export async function listRekapSumberDana(db: Knex, tahun: number, instansiId?: number): Promise<RekapKelompokRow[]> {
  return diterimaDi(db, tahun, instansiId)
    .join('sumber_dana as s', 's.kode', 'r.sumber_dana_kode')
    .groupBy('s.kode', 's.nama', 's.urutan')
    .select(
      's.kode',
      's.nama',
      db.raw('count(*)::int AS jumlah'),
      db.raw('sum(r.jp)::int AS jp'),
      db.raw('sum(r.anggaran)::numeric(17,2)::text AS anggaran'),
    )
    .orderBy('s.urutan');
}

export type PegawaiUnitRow = Pick<Tabel['pegawai'], 'id' | 'nip' | 'nama' | 'jabatan' | 'aktif'>;

/** Employees of a unit that year: the active ones and anyone with items that year. */
export async function listPegawaiUnit(db: Knex, instansiId: number, tahun: number): Promise<PegawaiUnitRow[]> {
  return db
    .from(selectPegawaiTahun(db, tahun).as('p'))
    .where('p.instansi_id', instansiId)
    .where((w) =>
      w
        .where('p.aktif', true)
        .orWhereExists(db('rincian as r').whereRaw('r.pegawai_id = p.id').where('r.tahun', tahun).whereNot('r.status', 'dihapus')),
    )
    .select('p.id', 'p.nip', 'p.nama', 'p.jabatan', 'p.aktif')
    .orderBy('p.nama');
}

export interface RincianRekapRow extends RincianInti {
  nip: string;
  pegawai_nama: string;
  jabatan: string | null;
  jenis_jabatan: string | null;
  instansi_nama: string;
  atasan_nama: string | null;
  sumber_dana: string;
  alasan: string;
  alasan_keputusan: string | null;
  diputuskan_oleh_nama: string | null;
  diputuskan_at: Date | null;
  detail_materi: string | null;
  frekuensi_laporan: string | null;
  biaya_realisasi: string | null;
  jp_realisasi: number;
}

/** Items of a year with every field; `statuses` narrows them (accepted for the export). */
export async function listRincianRekap(
  db: Knex,
  opts: { tahun: number; instansiId?: number; statuses?: readonly string[]; pegawaiIds?: number[] },
): Promise<RincianRekapRow[]> {
  const q = db('rincian as r')
    .join(selectPegawaiTahun(db, opts.tahun).as('p'), 'p.id', 'r.pegawai_id')
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .join('sumber_dana as s', 's.kode', 'r.sumber_dana_kode')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'p.jenis_jabatan_kode')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .leftJoin('pegawai as d', 'd.id', 'r.diputuskan_oleh')
    .where('r.tahun', opts.tahun)
    .whereNot('r.status', 'dihapus')
    .select(
      'r.id',
      'r.pegawai_id',
      'p.nip',
      'p.nama as pegawai_nama',
      'p.jabatan',
      'jj.nama as jenis_jabatan',
      'i.nama as instansi_nama',
      'a.nama as atasan_nama',
      'r.tahun',
      'r.jalur',
      'r.bentuk_kode',
      'b.nama as bentuk_nama',
      'r.jp',
      'r.tanggal',
      'r.materi',
      'r.anggaran',
      'r.lembaga',
      's.nama as sumber_dana',
      'r.alasan',
      'r.program_studi',
      'r.jenjang',
      'r.perguruan_tinggi',
      'r.status',
      'r.alasan_keputusan',
      'd.nama as diputuskan_oleh_nama',
      'r.diputuskan_at',
      'r.tanggal_mulai',
      'r.tanggal_selesai',
      'r.tempat',
      'r.detail_materi',
      'r.frekuensi_laporan',
      'r.biaya_realisasi',
      db.raw('coalesce((SELECT sum(l.jp) FROM laporan l WHERE l.rincian_id = r.id), 0)::int AS jp_realisasi'),
    )
    .orderBy([{ column: 'i.nama' }, { column: 'p.nama' }, { column: 'r.tanggal' }, { column: 'r.id' }]);
  if (opts.instansiId) q.where('p.instansi_id', opts.instansiId);
  if (opts.statuses) q.whereIn('r.status', opts.statuses);
  if (opts.pegawaiIds) q.whereIn('r.pegawai_id', opts.pegawaiIds);
  return q;
}

// --- Capaian 20 JP: realised JP (data/jp.ts) of the employees of a year against the target.

export interface CapaianUnitRow extends InstansiRingkas {
  pegawai: number;
  tercapai: number;
  jp: number;
}

export async function listCapaianUnit(db: Knex, tahun: number, target: number, instansiId?: number): Promise<CapaianUnitRow[]> {
  const q = db('instansi as i')
    .join(selectPegawaiTahun(db, tahun).as('p'), (j) => j.on('p.instansi_id', 'i.id').andOn('p.aktif', db.raw('true')))
    .leftJoin(selectJpRealisasi(db, tahun).as('x'), 'x.pegawai_id', 'p.id')
    .groupBy('i.id', 'i.kode', 'i.nama', 'i.singkatan')
    .select(
      'i.id',
      'i.kode',
      'i.nama',
      'i.singkatan',
      db.raw('count(p.id)::int AS pegawai'),
      db.raw('(count(*) FILTER (WHERE coalesce(x.jp, 0) >= ?))::int AS tercapai', [target]),
      db.raw('coalesce(sum(x.jp), 0)::int AS jp'),
    )
    .orderBy('i.nama');
  if (instansiId) q.where('i.id', instansiId);
  return q;
}

export interface CapaianPegawaiRow {
  id: number;
  nip: string;
  nama: string;
  jabatan: string | null;
  instansi_nama: string;
  jp: number;
}

/** Employees active that year with their realised JP; `kurang` keeps only those below the target. */
function selectCapaianPegawai(db: Knex, opts: { tahun: number; target: number; instansiId?: number; kurang?: boolean }) {
  const q = db
    .from(selectPegawaiTahun(db, opts.tahun).as('p'))
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin(selectJpRealisasi(db, opts.tahun).as('x'), 'x.pegawai_id', 'p.id')
    .where('p.aktif', true);
  if (opts.instansiId) q.where('p.instansi_id', opts.instansiId);
  if (opts.kurang) q.whereRaw('coalesce(x.jp, 0) < ?', [opts.target]);
  return q;
}

export async function listCapaianPegawai(
  db: Knex,
  opts: { tahun: number; target: number; instansiId?: number; kurang?: boolean; limit?: number; offset?: number },
): Promise<CapaianPegawaiRow[]> {
  const q = selectCapaianPegawai(db, opts)
    .select('p.id', 'p.nip', 'p.nama', 'p.jabatan', 'i.nama as instansi_nama', db.raw('coalesce(x.jp, 0)::int AS jp'))
    .orderBy([{ column: 'i.nama' }, { column: 'p.nama' }, { column: 'p.id' }]);
  if (opts.limit !== undefined) q.limit(opts.limit).offset(opts.offset ?? 0);
  return q;
}

export async function countCapaianPegawai(
  db: Knex,
  opts: { tahun: number; target: number; instansiId?: number; kurang?: boolean },
): Promise<number> {
  const r = await selectCapaianPegawai(db, opts).count<{ n: string }[]>('* as n');
  return Number(r[0]?.n ?? 0);
}

export interface SiasnRow {
  nip: string;
  nama: string;
  materi: string;
  lembaga: string;
  bentuk: string;
  jenis_diklat_siasn: string | null;
  tanggal_mulai: string;
  tanggal_selesai: string;
  jp: number;
  nomor_sertifikat: string | null;
}

/** Finished items of a year that have a final report: what SIASN records for a course. */
export async function listSiasn(db: Knex, tahun: number): Promise<SiasnRow[]> {
  return db('rincian as r')
    .join('pegawai as p', 'p.id', 'r.pegawai_id')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .where('r.tahun', tahun)
    .where('r.status', 'selesai')
    .whereExists(db('laporan as l').whereRaw('l.rincian_id = r.id').where('l.akhir', true))
    .select(
      'p.nip',
      'p.nama',
      'r.materi',
      'r.lembaga',
      'b.nama as bentuk',
      'b.jenis_diklat_siasn',
      'r.tanggal_mulai',
      'r.tanggal_selesai',
      db.raw('coalesce((SELECT sum(l.jp) FROM laporan l WHERE l.rincian_id = r.id), r.jp)::int AS jp'),
      db.raw(
        `(SELECT l.nomor_sertifikat FROM laporan l WHERE l.rincian_id = r.id AND l.nomor_sertifikat IS NOT NULL
           ORDER BY l.akhir DESC, l.id DESC LIMIT 1) AS nomor_sertifikat`,
      ),
    )
    .orderBy([{ column: 'p.nama' }, { column: 'r.tanggal_mulai' }, { column: 'r.id' }]);
}
