import type { Knex } from 'knex';

// Master lists and settings: instansi, bentuk pengembangan, jenis jabatan, kompetensi, sumber dana, pengaturan.
// The *Aktif lookups feed the plan form (pengajuan); the admin pages read and edit every row.

type Db = Knex | Knex.Transaction;

export interface JenisJabatan {
  kode: string;
  nama: string;
  kelompok: string;
}
export async function jenisJabatanAktif(db: Db): Promise<JenisJabatan[]> {
  return db('jenis_jabatan').where({ aktif: true }).orderBy('urutan').select('kode', 'nama', 'kelompok');
}

export interface Bentuk {
  kode: string;
  jalur: string;
  nama: string;
  panduan_jp: string | null;
  jp_per_hari_maks: string | null;
}
export async function bentukAktif(db: Db, jalur?: string): Promise<Bentuk[]> {
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
export async function kompetensiDenganLevel(db: Db): Promise<Kompetensi[]> {
  const [komp, level] = await Promise.all([
    db('kompetensi').where({ aktif: true }).orderBy('urutan').select('kode', 'nama', 'kelompok'),
    db('kompetensi_level').orderBy(['kompetensi_kode', 'level']).select('kompetensi_kode', 'level', 'deskripsi', 'indikator'),
  ]);
  return komp.map((k) => ({
    ...k,
    level: level
      .filter((l) => l.kompetensi_kode === k.kode)
      .map((l) => ({
        level: Number(l.level),
        deskripsi: l.deskripsi as string,
        indikator: String(l.indikator)
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      })),
  }));
}

/** jenis jabatan → kompetensi → standard level. */
export async function standarKompetensi(db: Db): Promise<Record<string, Record<string, number>>> {
  const rows = await db('standar_kompetensi').select('jenis_jabatan_kode', 'kompetensi_kode', 'level');
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.jenis_jabatan_kode as string] ??= {})[r.kompetensi_kode as string] = Number(r.level);
  return out;
}

/** Settings whose key starts with a prefix ('surat.'), as a plain object. */
export async function pengaturan(db: Db, awalan: string): Promise<Record<string, string>> {
  const rows = await db('pengaturan')
    .where('kunci', 'like', `${awalan.replace(/[%_\\]/g, '\\$&')}%`)
    .select('kunci', 'nilai');
  return Object.fromEntries(rows.map((r) => [r.kunci as string, r.nilai as string]));
}
