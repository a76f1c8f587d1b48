import type { Knex } from 'knex';
import type { Tabel, TabelBaru } from './tabel';
import { polaLike } from './cari';
import { levelKompetensi, type Bentuk, type JenisJabatan, type Kompetensi, type SumberDana } from './master';
import type { SkjItem } from '../domain/kesenjangan';

/** The columns every list of items reads (dates as 'YYYY-MM-DD', money as numeric text). */
export type RincianInti = Pick<
  Tabel['rincian'],
  | 'id'
  | 'pegawai_id'
  | 'tahun'
  | 'jalur'
  | 'bentuk_kode'
  | 'jp'
  | 'tanggal'
  | 'materi'
  | 'anggaran'
  | 'lembaga'
  | 'program_studi'
  | 'jenjang'
  | 'perguruan_tinggi'
  | 'status'
  | 'tanggal_mulai'
  | 'tanggal_selesai'
  | 'tempat'
> & { bentuk_nama: string };

/** An item with every column and the names of its bentuk and sumber dana. */
export type RincianRow = Tabel['rincian'] & { bentuk_nama: string; sumber_dana_nama: string };

type Db = Knex | Knex.Transaction;

function rincianQuery(db: Db) {
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
    const like = polaLike(f.q);
    q.where((w) => w.whereILike('b.nama', like).orWhereILike('r.materi', like).orWhereILike('r.lembaga', like));
  }
  return q;
}

/** One page of the user's items and the total, in one query (count(*) OVER ()). */
export async function listRincian(
  db: Db,
  pegawaiId: number,
  f: FilterDaftar,
  limit: number,
  offset: number,
): Promise<{ rows: RincianRow[]; total: number }> {
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
  return { rows, total: rows.length ? Number(rows[0]!.total) : offset > 0 ? await countRincian(db, pegawaiId, f) : 0 };
}

async function countRincian(db: Db, pegawaiId: number, f: FilterDaftar): Promise<number> {
  const q = db('rincian as r').join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode').count<{ n: string }[]>('* as n');
  terapkanFilter(q, pegawaiId, f);
  const [r] = await q;
  return Number(r?.n ?? 0);
}

export async function findRincian(db: Db, id: number): Promise<RincianRow | undefined> {
  return rincianQuery(db).where('r.id', id).whereNot('r.status', 'dihapus').first();
}

/** Counters, JP planned and JP realised of one employee's year, in one query. */
export async function findRingkasanTahun(db: Db, pegawaiId: number, tahun: number) {
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

/** The years to choose from (every period, and every year the employee has items in), newest first. */
export async function listTahun(db: Db, pegawaiId: number): Promise<number[]> {
  return (await findTahunDanRencana(db, pegawaiId)).tahun;
}

/** listTahun, and whether the employee has ever planned anything (one query). */
export async function findTahunDanRencana(db: Db, pegawaiId: number): Promise<{ tahun: number[]; adaRencana: boolean }> {
  const rows = await db.raw(
    `SELECT tahun, false AS milik FROM periode UNION SELECT DISTINCT tahun, true FROM rincian WHERE pegawai_id = ? ORDER BY tahun DESC`,
    [pegawaiId],
  );
  const list = rows.rows as { tahun: number; milik: boolean }[];
  return { tahun: [...new Set(list.map((r) => r.tahun))], adaRencana: list.some((r) => r.milik) };
}

/** A plan header with its SKJ read (kode, level, standard, gap per kompetensi). */
export type KepalaRow = Omit<Tabel['pengajuan'], 'skj'> & { skj: SkjItem[] };

/** The SKJ column as stored (jsonb: parsed by the driver, or text on some drivers). */
export function bacaSkj(v: unknown): SkjItem[] {
  const x: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(x) ? x : [];
}

const kepala = <T extends { skj: unknown }>(h: T): Omit<T, 'skj'> & { skj: SkjItem[] } => ({ ...h, skj: bacaSkj(h.skj) });

export async function findPengajuan(db: Db, id: number): Promise<(KepalaRow & { jenis_jabatan_nama: string }) | undefined> {
  const h = await db('pengajuan as h')
    .join('jenis_jabatan as j', 'j.kode', 'h.jenis_jabatan_kode')
    .where('h.id', id)
    .first<Tabel['pengajuan'] & { jenis_jabatan_nama: string }>('h.*', 'j.nama as jenis_jabatan_nama');
  return h && kepala(h);
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
export async function findMasterForm(db: Db): Promise<MasterForm> {
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
      level: k.level.map(levelKompetensi),
    })),
    bentuk: json(r.bentuk),
    sumberDana: json(r.sumber_dana),
    standar,
  };
}

/** The plan headers of one employee's year, oldest first (older data may hold several; the first is the plan). */
export async function listKepala(db: Db, pegawaiId: number, tahun: number): Promise<KepalaRow[]> {
  return (await db('pengajuan').where({ pegawai_id: pegawaiId, tahun }).orderBy('id').select('*')).map(kepala);
}

/** listKepala, locked for the rest of the transaction. */
export async function lockKepala(trx: Knex.Transaction, pegawaiId: number, tahun: number): Promise<KepalaRow[]> {
  return (await trx('pengajuan').where({ pegawai_id: pegawaiId, tahun }).orderBy('id').select('*').forUpdate()).map(kepala);
}

/** The recorded changes of a plan's header (audit_log, entitas 'pengajuan'), oldest first. */
export async function listRiwayatKepala(
  db: Db,
  pengajuanId: number,
): Promise<{ aksi: string; data: unknown; waktu: Date; oleh_nama: string | null }[]> {
  return db('audit_log as a')
    .leftJoin('pegawai as p', 'p.id', 'a.oleh')
    .where({ 'a.entitas': 'pengajuan', 'a.entitas_id': String(pengajuanId) })
    .orderBy('a.waktu')
    .orderBy('a.id')
    .select('a.aksi', 'a.data', 'a.waktu', 'p.nama as oleh_nama');
}

/** The header values of a plan that the plan form sets (with its gaps), written to every header row of the year. */
export type NilaiKepala = Pick<
  TabelBaru['pengajuan'],
  'jenis_jabatan_kode' | 'email' | 'penilaian_kinerja' | 'kesenjangan_kinerja' | 'skj' | 'prioritas'
>;

export async function updateKepala(trx: Db, pegawaiId: number, tahun: number, set: NilaiKepala): Promise<void> {
  await trx('pengajuan').where({ pegawai_id: pegawaiId, tahun }).update(set);
}

export async function insertPengajuan(trx: Db, h: TabelBaru['pengajuan']): Promise<number> {
  const [row] = await trx('pengajuan').insert(h).returning('id');
  return row!.id;
}

/** New items; their ids in the order given. */
export async function insertRincian(trx: Db, rows: TabelBaru['rincian'][]): Promise<number[]> {
  return (await trx('rincian').insert(rows).returning('id')).map((r) => r.id);
}

/** How many items (not deleted) an employee has in a year. */
export async function countRincianTahun(db: Db, pegawaiId: number, tahun: number): Promise<number> {
  const [r] = await db('rincian').where({ pegawai_id: pegawaiId, tahun }).whereNot('status', 'dihapus').count<{ n: string }[]>('* as n');
  return Number(r?.n ?? 0);
}

/** The ids of an employee's drafts of a year, oldest first. */
export async function listIdKonsep(db: Db, pegawaiId: number, tahun: number): Promise<number[]> {
  return db('rincian').where({ pegawai_id: pegawaiId, tahun, status: 'konsep' }).orderBy('id').pluck('id');
}

/** An employee's accepted and running items of a year, by date (the dashboard's "Kegiatan Berjalan"). */
export async function listRincianBerjalan(db: Db, pegawaiId: number, tahun: number): Promise<RincianRow[]> {
  return rincianQuery(db)
    .where({ 'r.pegawai_id': pegawaiId, 'r.tahun': tahun })
    .whereIn('r.status', ['diterima', 'berjalan'])
    .orderBy('r.tanggal')
    .limit(50);
}

/** Every item (not deleted) of one plan, in the order they were made. */
export async function listRincianPengajuan(db: Db, pengajuanId: number): Promise<RincianRow[]> {
  return rincianQuery(db).where('r.pengajuan_id', pengajuanId).whereNot('r.status', 'dihapus').orderBy('r.id');
}

/** An item's materi, whatever its state (for messages). */
export async function findMateriRincian(db: Db, id: number): Promise<string | undefined> {
  return (await db('rincian').where({ id }).first('materi'))?.materi;
}

export type RincianTahunRow = Pick<
  Tabel['rincian'],
  'id' | 'status' | 'jalur' | 'materi' | 'tanggal' | 'lembaga' | 'jp' | 'anggaran' | 'dikirim_at'
> & { bentuk_nama: string };

/** An employee's items of a year that left the drafts (not deleted), `kecuali` one, by date. */
export async function listRincianTahun(db: Db, pegawaiId: number, tahun: number, kecuali?: number): Promise<RincianTahunRow[]> {
  const q = db('rincian as r')
    .join('bentuk_pengembangan as bp', 'bp.kode', 'r.bentuk_kode')
    .where({ 'r.pegawai_id': pegawaiId, 'r.tahun': tahun })
    .whereNotIn('r.status', ['konsep', 'dihapus'])
    .select(
      'r.id',
      'r.status',
      'r.jalur',
      'bp.nama as bentuk_nama',
      'r.materi',
      'r.tanggal',
      'r.lembaga',
      'r.jp',
      'r.anggaran',
      'r.dikirim_at',
    )
    .orderBy([{ column: 'r.tanggal' }, { column: 'r.id' }]);
  if (kecuali) q.whereNot('r.id', kecuali);
  return q;
}
