import type { Knex } from 'knex';
import type { Tabel, TabelBaru } from './tabel';
import { polaLike } from './cari';
import { levelKompetensi, type Bentuk, type JenisJabatan, type Kompetensi, type SumberDana } from './master';
import type { SkjItem } from '../domain/kesenjangan';
import { json, kali, pernyataan, KEPALA, pisahKepala, waktuDari } from '../db/pernyataan';
import type { RiwayatRow } from './riwayat';

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

/** An item's columns with the names of its bentuk and sumber dana (RincianRow), over RINCIAN_DARI. */
const RINCIAN_KOLOM = 'r.*, b.nama AS bentuk_nama, s.nama AS sumber_dana_nama';
const RINCIAN_DARI = 'rincian r JOIN bentuk_pengembangan b ON b.kode = r.bentuk_kode JOIN sumber_dana s ON s.kode = r.sumber_dana_kode';
/** The years an employee has items in (any status), as a JSON array. */
const TAHUN_MILIK = `(SELECT coalesce(json_agg(DISTINCT tahun), '[]') FROM rincian WHERE pegawai_id = ?)`;

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

const halamanDaftar = pernyataan<RincianRow & { kepala: unknown; total: string }>(
  `SELECT ${KEPALA}, r.*
     FROM (SELECT json_build_object(
             'tahun_milik', ${TAHUN_MILIK},
             'ada_rencana', EXISTS (SELECT 1 FROM pengajuan WHERE pegawai_id = ? AND tahun = ?)) AS kepala) k
     LEFT JOIN LATERAL (
       SELECT ${RINCIAN_KOLOM}, count(*) OVER () AS total
         FROM ${RINCIAN_DARI}
        WHERE r.pegawai_id = ? AND r.status <> 'dihapus'
          AND (?::int IS NULL OR r.tahun = ?::int)
          AND (?::text IS NULL OR r.jalur = ?::text)
          AND (?::text IS NULL OR r.status = ?::text)
          AND (?::text IS NULL OR b.nama ILIKE ?::text OR r.materi ILIKE ?::text OR r.lembaga ILIKE ?::text)
        ORDER BY r.tahun DESC, r.tanggal, r.id
        LIMIT ? OFFSET ?) r ON true
    ORDER BY r.tahun DESC, r.tanggal, r.id`,
);

/**
 * One page of the user's items and the total (count(*) OVER ()), with the years the user has
 * items in and whether the filtered year has a plan, in one query.
 */
export async function listRincian(
  db: Db,
  pegawaiId: number,
  f: FilterDaftar,
  limit: number,
  offset: number,
): Promise<{ rows: RincianRow[]; total: number; tahunMilik: number[]; adaRencana: boolean }> {
  const tahun = f.tahun ?? null;
  const jalur = f.jalur || null;
  const status = f.status || null;
  const pola = f.q ? polaLike(f.q) : null;
  const { kepala, baris } = pisahKepala<{ tahun_milik: number[]; ada_rencana: boolean }, RincianRow & { total: string }>(
    await halamanDaftar(db, [
      pegawaiId,
      pegawaiId,
      tahun,
      pegawaiId,
      ...kali(2, tahun),
      ...kali(2, jalur),
      ...kali(2, status),
      ...kali(4, pola),
      limit,
      offset,
    ]),
  );
  const total = baris.length ? Number(baris[0]!.total) : offset > 0 ? await countRincian(db, pegawaiId, f) : 0;
  return { rows: baris.map(({ total: _, ...r }) => r), total, tahunMilik: kepala.tahun_milik, adaRencana: kepala.ada_rencana };
}

async function countRincian(db: Db, pegawaiId: number, f: FilterDaftar): Promise<number> {
  const q = db('rincian as r').join('bentuk_pengembangan as b', 'b.kode', 'r.bentuk_kode').count<{ n: string }[]>('* as n');
  terapkanFilter(q, pegawaiId, f);
  const [r] = await q;
  return Number(r?.n ?? 0);
}

const halamanDetail = pernyataan<RincianRow & { pengajuan_json: unknown; riwayat_json: unknown }>(
  `SELECT ${RINCIAN_KOLOM},
     (SELECT json_build_object('id', h.id, 'pegawai_id', h.pegawai_id, 'tahun', h.tahun, 'jalur', h.jalur,
               'jenis_jabatan_kode', h.jenis_jabatan_kode, 'jenis_jabatan_nama', j.nama, 'email', h.email,
               'penilaian_kinerja', h.penilaian_kinerja::text, 'kesenjangan_kinerja', h.kesenjangan_kinerja,
               'skj', h.skj, 'prioritas', h.prioritas, 'created_at', h.created_at)
        FROM pengajuan h JOIN jenis_jabatan j ON j.kode = h.jenis_jabatan_kode WHERE h.id = r.pengajuan_id) AS pengajuan_json,
     (SELECT coalesce(json_agg(json_build_object('id', h.id, 'aksi', h.aksi, 'dari', h.dari, 'ke', h.ke, 'alasan', h.alasan,
               'waktu', h.waktu, 'oleh_nama', o.nama, 'oleh_nip', o.nip, 'atas_nama_nama', a.nama) ORDER BY h.waktu, h.id), '[]')
        FROM riwayat_status h JOIN pegawai o ON o.id = h.oleh LEFT JOIN pegawai a ON a.id = h.atas_nama
       WHERE h.rincian_id = r.id) AS riwayat_json
   FROM ${RINCIAN_DARI}
  WHERE r.id = ? AND r.status <> 'dihapus'`,
);

/** An item (not deleted) with its plan's header and its status history (oldest first), in one query. */
export async function findDetailRincian(
  db: Db,
  id: number,
): Promise<{ rincian: RincianRow; pengajuan: KepalaRow & { jenis_jabatan_nama: string }; riwayat: RiwayatRow[] } | undefined> {
  const [row] = await halamanDetail(db, [id]);
  if (!row) return undefined;
  const { pengajuan_json, riwayat_json, ...rincian } = row;
  const h = json<Omit<KepalaRow, 'created_at'> & { created_at: string; jenis_jabatan_nama: string }>(pengajuan_json);
  return {
    rincian,
    pengajuan: { ...h, skj: bacaSkj(h.skj), created_at: waktuDari(h.created_at) },
    riwayat: json<(Omit<RiwayatRow, 'waktu'> & { waktu: string })[]>(riwayat_json).map((x) => ({ ...x, waktu: waktuDari(x.waktu) })),
  };
}

export async function findRincian(db: Db, id: number): Promise<RincianRow | undefined> {
  return rincianQuery(db).where('r.id', id).whereNot('r.status', 'dihapus').first();
}

export type Ringkasan = Record<
  'konsep' | 'dikirim' | 'ditolak' | 'diterima' | 'berjalan' | 'selesai' | 'jp_rencana' | 'jp_realisasi',
  number
>;

const halamanDashboard = pernyataan<RincianRow & { kepala: unknown }>(
  `SELECT ${KEPALA}, r.*
     FROM (SELECT json_build_object(
             'tahun_milik', ${TAHUN_MILIK},
             'ringkasan', (SELECT json_build_object(
                 'konsep', count(*) FILTER (WHERE status = 'konsep'),
                 'dikirim', count(*) FILTER (WHERE status = 'dikirim'),
                 'ditolak', count(*) FILTER (WHERE status = 'ditolak'),
                 'diterima', count(*) FILTER (WHERE status = 'diterima'),
                 'berjalan', count(*) FILTER (WHERE status = 'berjalan'),
                 'selesai', count(*) FILTER (WHERE status = 'selesai'),
                 'jp_rencana', coalesce(sum(jp) FILTER (WHERE status IN ('diterima', 'berjalan', 'selesai')), 0),
                 'jp_realisasi', (SELECT coalesce(sum(l.jp), 0) FROM laporan l JOIN rincian x ON x.id = l.rincian_id
                                   WHERE x.pegawai_id = ? AND x.tahun = ?))
               FROM rincian WHERE pegawai_id = ? AND tahun = ?)) AS kepala) k
     LEFT JOIN LATERAL (
       SELECT ${RINCIAN_KOLOM} FROM ${RINCIAN_DARI}
        WHERE r.pegawai_id = ? AND r.tahun = ? AND r.status IN ('diterima', 'berjalan')
        ORDER BY r.tanggal, r.id LIMIT 50) r ON true
    ORDER BY r.tanggal, r.id`,
);

/**
 * One employee's dashboard in one query: the year's counters, JP planned and JP realised; its
 * accepted and running items by date ("Kegiatan Berjalan"); the years the employee has items in.
 */
export async function findDashboard(
  db: Db,
  pegawaiId: number,
  tahun: number,
): Promise<{ ringkasan: Ringkasan; berjalan: RincianRow[]; tahunMilik: number[] }> {
  const { kepala, baris } = pisahKepala<{ tahun_milik: number[]; ringkasan: Ringkasan }, RincianRow>(
    await halamanDashboard(db, [pegawaiId, pegawaiId, tahun, pegawaiId, tahun, pegawaiId, tahun]),
  );
  return { ringkasan: kepala.ringkasan, berjalan: baris, tahunMilik: kepala.tahun_milik };
}

/** A plan header with its SKJ read (kode, level, standard, gap per kompetensi). */
export type KepalaRow = Omit<Tabel['pengajuan'], 'skj'> & { skj: SkjItem[] };

/** The SKJ column as stored (jsonb: parsed by the driver, or text on some drivers). */
export function bacaSkj(v: unknown): SkjItem[] {
  const x = json<unknown>(v);
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

/** Every master list the plan form and its validation need, as columns of one row (see toMasterForm). */
const MASTER_FORM = `
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
  (SELECT coalesce(json_agg(json_build_array(jenis_jabatan_kode, kompetensi_kode, level)), '[]') FROM standar_kompetensi) AS standar`;

function toMasterForm(r: Record<string, unknown>): MasterForm {
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

const bacaMasterForm = pernyataan<Record<string, unknown>>(`SELECT ${MASTER_FORM}`);

/**
 * Every master list the plan form and its validation need, in one query: the same rows as the
 * lookups of data/master.ts (their shapes too), for the pages that are busiest before the deadline.
 */
export async function findMasterForm(db: Db): Promise<MasterForm> {
  const [r] = await bacaMasterForm(db, []);
  return toMasterForm(r!);
}

/** What the plan form reads of an existing plan's header. */
export type KepalaForm = Pick<KepalaRow, 'jenis_jabatan_kode' | 'email' | 'penilaian_kinerja' | 'skj'>;

const halamanForm = pernyataan<Record<string, unknown>>(
  `SELECT ${MASTER_FORM},
     (SELECT json_build_object('jenis_jabatan_kode', jenis_jabatan_kode, 'email', email,
               'penilaian_kinerja', penilaian_kinerja::text, 'skj', skj)
        FROM pengajuan WHERE pegawai_id = ? AND tahun = ? ORDER BY id LIMIT 1) AS kepala`,
);

/** The plan form's master lists and the header of the employee's plan of the year (null: none yet), in one query. */
export async function findFormRencana(
  db: Db,
  pegawaiId: number,
  tahun: number,
): Promise<{ master: MasterForm; kepala: KepalaForm | null }> {
  const [r] = await halamanForm(db, [pegawaiId, tahun]);
  const h = json<(Omit<KepalaForm, 'skj'> & { skj: unknown }) | null>(r!.kepala);
  return { master: toMasterForm(r!), kepala: h && { ...h, skj: bacaSkj(h.skj) } };
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
