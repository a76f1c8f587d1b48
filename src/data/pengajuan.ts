import type { Knex } from 'knex';
import type { Bentuk, JenisJabatan, Kompetensi, SumberDana } from './master';

/** The columns every list of items reads (dates as 'YYYY-MM-DD', money as numeric text). */
export interface RincianInti {
  id: number;
  pegawai_id: number;
  tahun: number;
  jalur: string;
  bentuk_kode: string;
  bentuk_nama: string;
  jp: number;
  tanggal: string;
  materi: string;
  anggaran: string;
  lembaga: string;
  program_studi: string | null;
  jenjang: string | null;
  perguruan_tinggi: string | null;
  status: string;
  tanggal_mulai: string | null;
  tanggal_selesai: string | null;
  tempat: string | null;
}

export interface RincianRow extends RincianInti {
  pengajuan_id: number;
  sumber_dana_kode: string;
  sumber_dana_nama: string;
  alasan: string;
  alasan_keputusan: string | null;
  diputuskan_at: Date | null;
  dikirim_at: Date | null;
  frekuensi_laporan: string | null;
}

export function rincianQuery(db: Knex) {
  return db('rincian as r')
    .join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode')
    .join('sumber_dana as s', 's.kode', 'r.sumber_dana_kode')
    .select('r.*', 'b.nama as bentuk_nama', 's.nama as sumber_dana_nama');
}

export interface FilterDaftar {
  tahun?: number;
  jalur?: string;
  status?: string;
  q?: string;
}

function terapkanFilter(q: Knex.QueryBuilder, pegawaiId: number, f: FilterDaftar) {
  q.where('r.pegawai_id', pegawaiId).whereNot('r.status', 'dihapus');
  if (f.tahun) q.where('r.tahun', f.tahun);
  if (f.jalur) q.where('r.jalur', f.jalur);
  if (f.status) q.where('r.status', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    q.where((w) => w.whereILike('b.nama', like).orWhereILike('r.materi', like).orWhereILike('r.lembaga', like));
  }
  return q;
}

/** One page of the user's items and the total, in one query (count(*) OVER ()). */
export async function daftarRincian(db: Knex, pegawaiId: number, f: FilterDaftar, limit: number, offset: number) {
  const q = rincianQuery(db)
    .select(db.raw('count(*) OVER () AS total'))
    .orderBy([
      { column: 'r.tahun', order: 'desc' },
      { column: 'r.tanggal', order: 'asc' },
      { column: 'r.id', order: 'asc' },
    ])
    .limit(limit)
    .offset(offset);
  terapkanFilter(q, pegawaiId, f);
  const rows = (await q) as (RincianRow & { total: string })[];
  return { rows, total: rows.length ? Number(rows[0]!.total) : offset > 0 ? await hitung(db, pegawaiId, f) : 0 };
}

async function hitung(db: Knex, pegawaiId: number, f: FilterDaftar): Promise<number> {
  const q = db('rincian as r').join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode').count<{ n: string }[]>('* as n');
  terapkanFilter(q, pegawaiId, f);
  const [r] = await q;
  return Number(r?.n ?? 0);
}

export async function findRincian(db: Knex, id: number): Promise<RincianRow | undefined> {
  return rincianQuery(db).where('r.id', id).whereNot('r.status', 'dihapus').first();
}

export async function riwayatRincian(db: Knex, id: number) {
  return db('riwayat_status as h')
    .join('pegawai as p', 'p.id', 'h.oleh')
    .leftJoin('pegawai as a', 'a.id', 'h.atas_nama')
    .where('h.rincian_id', id)
    .orderBy('h.waktu')
    .orderBy('h.id')
    .select('h.aksi', 'h.dari', 'h.ke', 'h.alasan', 'h.waktu', 'p.nama as oleh_nama', 'p.nip as oleh_nip', 'a.nama as atas_nama_nama');
}

/** Counters, JP planned and JP realised of one employee's year, in one query. */
export async function ringkasanTahun(db: Knex, pegawaiId: number, tahun: number) {
  const row = await db('rincian as r')
    .where({ 'r.pegawai_id': pegawaiId, 'r.tahun': tahun })
    .first(
      db.raw("count(*) FILTER (WHERE status = 'konsep')::int AS konsep"),
      db.raw("count(*) FILTER (WHERE status = 'dikirim')::int AS dikirim"),
      db.raw("count(*) FILTER (WHERE status = 'ditolak')::int AS ditolak"),
      db.raw("count(*) FILTER (WHERE status = 'diterima')::int AS diterima"),
      db.raw("count(*) FILTER (WHERE status = 'berjalan')::int AS berjalan"),
      db.raw("count(*) FILTER (WHERE status = 'selesai')::int AS selesai"),
      db.raw("coalesce(sum(jp) FILTER (WHERE status IN ('diterima','berjalan','selesai')), 0)::int AS jp_rencana"),
      db.raw(
        '(SELECT coalesce(sum(l.jp), 0) FROM laporan l JOIN rincian x ON x.id = l.rincian_id WHERE x.pegawai_id = ? AND x.tahun = ?)::int AS jp_realisasi',
        [pegawaiId, tahun],
      ),
    );
  return row as Record<'konsep' | 'dikirim' | 'ditolak' | 'diterima' | 'berjalan' | 'selesai' | 'jp_rencana' | 'jp_realisasi', number>;
}

/** Years to offer in the filters: every periode and every year the employee has items. */
/** The years to choose from (every period, and every year the employee has items in), newest first. */
export async function tahunTersedia(db: Knex, pegawaiId: number): Promise<number[]> {
  return (await tahunDanRencana(db, pegawaiId)).tahun;
}

/** tahunTersedia, and whether the employee has ever planned anything (one query). */
export async function tahunDanRencana(db: Knex, pegawaiId: number): Promise<{ tahun: number[]; adaRencana: boolean }> {
  const rows = await db.raw(
    `SELECT tahun, false AS milik FROM periode UNION SELECT DISTINCT tahun, true FROM rincian WHERE pegawai_id = ? ORDER BY tahun DESC`,
    [pegawaiId],
  );
  const list = rows.rows as { tahun: number; milik: boolean }[];
  return { tahun: [...new Set(list.map((r) => r.tahun))], adaRencana: list.some((r) => r.milik) };
}

export async function findPengajuan(db: Knex, id: number) {
  return db('pengajuan as h')
    .join('jenis_jabatan as j', 'j.kode', 'h.jenis_jabatan_kode')
    .where('h.id', id)
    .first('h.*', 'j.nama as jenis_jabatan_nama');
}

export interface MasterForm {
  jenisJabatan: JenisJabatan[];
  kompetensi: Kompetensi[];
  /** every active bentuk (all jalur), in order */
  bentuk: Bentuk[];
  sumberDana: SumberDana[];
  /** jenis jabatan → kompetensi → standard level */
  standar: Record<string, Record<string, number>>;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * Every master list the plan form and its validation need, in one query: the same rows as the
 * lookups of data/master.ts (their shapes too), for the pages that are busiest before the deadline.
 */
export async function masterForm(db: Knex): Promise<MasterForm> {
  const { rows } = await db.raw(`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('kode', kode, 'nama', nama, 'kelompok', kelompok) ORDER BY urutan), '[]')
         FROM jenis_jabatan WHERE aktif) AS jenis_jabatan,
      (SELECT coalesce(json_agg(json_build_object('kode', k.kode, 'nama', k.nama, 'kelompok', k.kelompok, 'level',
                (SELECT coalesce(json_agg(json_build_object('level', l.level, 'deskripsi', l.deskripsi, 'indikator', l.indikator) ORDER BY l.level), '[]')
                   FROM kompetensi_level l WHERE l.kompetensi_kode = k.kode)) ORDER BY k.urutan), '[]')
         FROM kompetensi k WHERE k.aktif) AS kompetensi,
      (SELECT coalesce(json_agg(json_build_object('kode', kode, 'jalur', jalur, 'nama', nama, 'panduan_jp', panduan_jp,
                'jp_per_hari_maks', jp_per_hari_maks::text) ORDER BY urutan), '[]')
         FROM bentuk_pengembangan WHERE aktif) AS bentuk,
      (SELECT coalesce(json_agg(json_build_object('kode', kode, 'nama', nama) ORDER BY urutan), '[]') FROM sumber_dana WHERE aktif) AS sumber_dana,
      (SELECT coalesce(json_agg(json_build_array(jenis_jabatan_kode, kompetensi_kode, level)), '[]') FROM standar_kompetensi) AS standar`);
  const r = rows[0] as Record<string, unknown>;
  const standar: Record<string, Record<string, number>> = {};
  for (const [jj, k, level] of json<[string, string, number][]>(r.standar)) (standar[jj] ??= {})[k] = Number(level);
  return {
    jenisJabatan: json(r.jenis_jabatan),
    kompetensi: json<(Omit<Kompetensi, 'level'> & { level: { level: number; deskripsi: string; indikator: string }[] })[]>(
      r.kompetensi,
    ).map((k) => ({
      ...k,
      level: k.level.map((l) => ({
        level: Number(l.level),
        deskripsi: l.deskripsi,
        indikator: String(l.indikator)
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      })),
    })),
    bentuk: json(r.bentuk),
    sumberDana: json(r.sumber_dana),
    standar,
  };
}

/** The plan headers of one employee's year, oldest first (older data may hold several; the first is the plan). */
export async function kepalaTahun(db: Knex, pegawaiId: number, tahun: number, kunci = false) {
  const q = db('pengajuan').where({ pegawai_id: pegawaiId, tahun }).orderBy('id').select('*');
  return (kunci ? q.forUpdate() : q) as Promise<Record<string, unknown>[]>;
}

/** The recorded changes of a plan's header (audit_log, entitas 'pengajuan'), oldest first. */
export async function riwayatKepala(db: Knex, pengajuanId: number) {
  return db('audit_log as a')
    .leftJoin('pegawai as p', 'p.id', 'a.oleh')
    .where({ 'a.entitas': 'pengajuan', 'a.entitas_id': String(pengajuanId) })
    .orderBy('a.waktu')
    .orderBy('a.id')
    .select('a.aksi', 'a.data', 'a.waktu', 'p.nama as oleh_nama') as Promise<
    { aksi: string; data: unknown; waktu: Date; oleh_nama: string | null }[]
  >;
}
