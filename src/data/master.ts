import type { Knex } from 'knex';
import type { Tabel } from './tabel';

// Master lists: instansi, bentuk pengembangan, jenis jabatan, kompetensi, sumber dana (settings: data/pengaturan).
// The *Aktif lookups feed the plan form (pengajuan); the admin pages read and edit every row.

type Db = Knex | Knex.Transaction;

export interface JenisJabatan {
  kode: string;
  nama: string;
  kelompok: string;
}
export async function listJenisJabatanAktif(db: Db): Promise<JenisJabatan[]> {
  return db('jenis_jabatan').where({ aktif: true }).orderBy('urutan').select('kode', 'nama', 'kelompok');
}

export interface Bentuk {
  kode: string;
  jalur: string;
  nama: string;
  panduan_jp: string | null;
  jp_per_hari_maks: string | null;
}
export async function listBentukAktif(db: Db, jalur?: string): Promise<Bentuk[]> {
  const q = db('bentuk_pengembangan')
    .where({ aktif: true })
    .orderBy('urutan')
    .select('kode', 'jalur', 'nama', 'panduan_jp', 'jp_per_hari_maks');
  if (jalur) q.where({ jalur });
  return q;
}

export interface SumberDana {
  kode: string;
  nama: string;
}
export async function sumberDanaAktif(db: Db): Promise<SumberDana[]> {
  return db('sumber_dana').where({ aktif: true }).orderBy('urutan').select('kode', 'nama');
}

export interface KompetensiLevel {
  level: number;
  deskripsi: string;
  indikator: string[];
}
export interface Kompetensi {
  kode: string;
  nama: string;
  kelompok: string;
  level: KompetensiLevel[];
}
/** Active competencies, each with its five level texts (indicators one per line in the table). */
export async function listKompetensiDenganLevel(db: Db): Promise<Kompetensi[]> {
  const [komp, level] = await Promise.all([
    db('kompetensi').where({ aktif: true }).orderBy('urutan').select('kode', 'nama', 'kelompok'),
    db('kompetensi_level').orderBy(['kompetensi_kode', 'level']).select('kompetensi_kode', 'level', 'deskripsi', 'indikator'),
  ]);
  return komp.map((k) => ({
    ...k,
    level: level.filter((l) => l.kompetensi_kode === k.kode).map(levelKompetensi),
  }));
}

/** A competency level as the form shows it: the indicators one per line in the table, a list here. */
export function levelKompetensi(l: { level: number | string; deskripsi: string; indikator: string | null }) {
  return {
    level: Number(l.level),
    deskripsi: l.deskripsi,
    indikator: String(l.indikator ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** jenis jabatan → kompetensi → standard level. */
export async function listStandarKompetensi(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = await db('standar_kompetensi').select('jenis_jabatan_kode', 'kompetensi_kode', 'level');
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.jenis_jabatan_kode] ??= {})[r.kompetensi_kode] = Number(r.level);
  return out;
}

// ---- the admin's pages: every row of a list, edited through one table-driven form ----

/** The master tables the admin edits. */
export type TabelMaster = 'instansi' | 'bentuk_pengembangan' | 'jenis_jabatan' | 'kompetensi' | 'sumber_dana';
/** A master row as the admin's form reads and writes it: its columns by name. */
export type BarisMaster = Record<string, string | number | boolean | Date | null>;

/** The table as a plain query of rows (the form decides the columns). */
const tabel = (db: Db, nama: TabelMaster) => db.table<BarisMaster>(nama);

/** How many rows a list has, and how many of them are active. */
export async function countMaster(db: Db, nama: TabelMaster): Promise<{ n: number; aktif: number }> {
  const r = await tabel(db, nama).first<{ n: number; aktif: number } | undefined>(
    db.raw('count(*)::int AS n'),
    db.raw('(count(*) FILTER (WHERE aktif))::int AS aktif'),
  );
  return { n: r?.n ?? 0, aktif: r?.aktif ?? 0 };
}

export async function listMaster(db: Db, nama: TabelMaster, urut: string): Promise<BarisMaster[]> {
  return tabel(db, nama).select('*').orderBy(urut);
}

export async function findMaster(db: Db, nama: TabelMaster, kunci: string, nilai: string | number): Promise<BarisMaster | undefined> {
  return tabel(db, nama).where(kunci, nilai).first();
}

/** Inserts a row; returns its key as text. */
export async function insertMaster(db: Db, nama: TabelMaster, kunci: string, row: BarisMaster): Promise<string> {
  const [r] = await tabel(db, nama).insert(row).returning(kunci);
  return String(r?.[kunci]);
}

/** Updates a row; how many rows changed (0 when it is gone). */
export async function updateMaster(db: Db, nama: TabelMaster, kunci: string, nilai: string | number, row: BarisMaster): Promise<number> {
  return tabel(db, nama).where(kunci, nilai).update(row);
}

/** Whether an instansi other than `kecuali` already has this code. */
export async function existsKodeInstansi(db: Db, kode: string, kecuali?: number): Promise<boolean> {
  const q = db('instansi').where('kode', kode);
  if (kecuali !== undefined) q.whereNot('id', kecuali);
  return !!(await q.first('id'));
}

/** Every jenis jabatan, active or not, in order (the employee form). */
export async function listJenisJabatan(db: Db): Promise<Pick<Tabel['jenis_jabatan'], 'kode' | 'nama' | 'kelompok' | 'aktif'>[]> {
  return db('jenis_jabatan').orderBy('urutan').select('kode', 'nama', 'kelompok', 'aktif');
}

export async function findJenisJabatan(db: Db, kode: string): Promise<Pick<Tabel['jenis_jabatan'], 'kode'> | undefined> {
  return db('jenis_jabatan').where({ kode }).first('kode');
}

export async function findInstansi(db: Db, id: number): Promise<Pick<Tabel['instansi'], 'id'> | undefined> {
  return db('instansi').where({ id }).first('id');
}

/** Codes and names of every instansi and jenis jabatan: what an imported file may name them by. */
export async function listKodeInstansi(db: Db): Promise<Pick<Tabel['instansi'], 'id' | 'kode' | 'nama'>[]> {
  return db('instansi').select('id', 'kode', 'nama');
}
export async function listKodeJenisJabatan(db: Db): Promise<Pick<Tabel['jenis_jabatan'], 'kode' | 'nama'>[]> {
  return db('jenis_jabatan').select('kode', 'nama');
}

/** Every kompetensi, active or not, in order (the standard levels of a jenis jabatan). */
export async function listKompetensi(db: Db): Promise<Pick<Tabel['kompetensi'], 'kode' | 'nama' | 'aktif'>[]> {
  return db('kompetensi').orderBy('urutan').select('kode', 'nama', 'aktif');
}

/** The standard levels of one jenis jabatan. */
export async function listStandarJenisJabatan(
  db: Db,
  jenisJabatanKode: string,
): Promise<Pick<Tabel['standar_kompetensi'], 'kompetensi_kode' | 'level'>[]> {
  return db('standar_kompetensi').where('jenis_jabatan_kode', jenisJabatanKode).select('kompetensi_kode', 'level');
}

/** The level texts of one kompetensi. */
export async function listLevelKompetensi(
  db: Db,
  kompetensiKode: string,
): Promise<Pick<Tabel['kompetensi_level'], 'level' | 'deskripsi' | 'indikator'>[]> {
  return db('kompetensi_level').where('kompetensi_kode', kompetensiKode).orderBy('level').select('level', 'deskripsi', 'indikator');
}

export async function upsertStandarKompetensi(db: Db, rows: Tabel['standar_kompetensi'][]): Promise<void> {
  await db('standar_kompetensi').insert(rows).onConflict(['jenis_jabatan_kode', 'kompetensi_kode']).merge(['level']);
}

export async function upsertKompetensiLevel(db: Db, rows: Tabel['kompetensi_level'][]): Promise<void> {
  await db('kompetensi_level').insert(rows).onConflict(['kompetensi_kode', 'level']).merge(['deskripsi', 'indikator']);
}
