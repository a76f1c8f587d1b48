import type { Knex } from 'knex';
import { bacaSkj, type RincianInti } from './pengajuan';
import type { SkjItem } from '../domain/kesenjangan';
import { polaLike } from './cari';
import type { Tabel } from './tabel';
import { STATUS_DITERIMA } from '../domain/status';
import { selectJpRealisasi } from './jp';
import { kali, pernyataan, KEPALA, pisahKepala, waktuDari } from '../db/pernyataan';

// Queries of the atasan's side: the verification queue and the item as the atasan sees it.
// (Stand-ins: data/plt.ts; subordinates: data/bawahan.ts.)

export interface AntreanRow {
  id: number;
  pegawai_id: number;
  pegawai_nama: string;
  pegawai_nip: string;
  atasan_id: number;
  tahun: number;
  jalur: string;
  bentuk_nama: string;
  tanggal: string;
  lembaga: string;
  materi: string;
  jp: number;
  anggaran: string;
  dikirim_at: Date | null;
}

export interface FilterAntrean {
  jalur?: string | undefined;
  q?: string | undefined;
  pegawaiId?: number | undefined;
  /** only these items (bulk decisions) */
  ids?: number[] | undefined;
  /** the one who verifies: their own items are never in their queue (a Plt for their own atasan) */
  bukan: number;
}

/** Items waiting (dikirim) whose owner's atasan is one of `atasanIds`, oldest first. */
export async function listAntrean(db: Knex | Knex.Transaction, atasanIds: number[], f: FilterAntrean, limit: number, offset: number) {
  const base = db('rincian as r')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .join('bentuk_pengembangan as bp', 'bp.kode', 'r.bentuk_kode')
    .where('r.status', 'dikirim')
    .whereIn('b.atasan_id', atasanIds.length ? atasanIds : [-1])
    .whereNot('r.pegawai_id', f.bukan);
  if (f.jalur) base.where('r.jalur', f.jalur);
  if (f.pegawaiId) base.where('r.pegawai_id', f.pegawaiId);
  if (f.ids) base.whereIn('r.id', f.ids.length ? f.ids : [-1]);
  if (f.q) {
    const like = polaLike(f.q);
    base.where((w) =>
      w
        .whereRaw('r.materi ILIKE ?', [like])
        .orWhereRaw('r.lembaga ILIKE ?', [like])
        .orWhereRaw('bp.nama ILIKE ?', [like])
        .orWhereRaw('b.nama ILIKE ?', [like])
        .orWhere('b.nip', f.q),
    );
  }
  const [hitung] = await base.clone().count<{ n: string }[]>('* as n');
  const n = hitung?.n ?? 0;
  const rows: AntreanRow[] = await base
    .select(
      'r.id',
      'r.pegawai_id',
      'b.nama as pegawai_nama',
      'b.nip as pegawai_nip',
      'b.atasan_id',
      'r.tahun',
      'r.jalur',
      'bp.nama as bentuk_nama',
      'r.tanggal',
      'r.lembaga',
      'r.materi',
      'r.jp',
      'r.anggaran',
      'r.dikirim_at',
    )
    .orderBy([{ column: 'r.dikirim_at', order: 'asc' }, { column: 'r.id' }])
    .limit(limit)
    .offset(offset);
  return { rows, total: Number(n) };
}

/** Ids as a PostgreSQL array literal, one binding of a prepared statement ('{1,2,3}'). */
export const larikId = (ids: readonly number[]) => `{${ids.filter(Number.isSafeInteger).join(',')}}`;

const halamanAntrean = pernyataan<AntreanRow & { kepala: unknown; total: string }>(
  `SELECT ${KEPALA}, r.*
     FROM (SELECT json_build_object(
             'pegawai', (SELECT coalesce(json_agg(json_build_object('id', b.id, 'nama', b.nama, 'nip', b.nip, 'atasan_id', b.atasan_id)
                                                  ORDER BY b.nama, b.id), '[]')
                           FROM pegawai b WHERE b.atasan_id = ANY(?::int[]) AND b.id <> ? AND b.aktif),
             'plt', (SELECT coalesce(json_agg(json_build_object('id', id, 'nama', nama, 'nip', nip) ORDER BY nama, id), '[]')
                       FROM pegawai WHERE id = ANY(?::int[]))) AS kepala) k
     LEFT JOIN LATERAL (
       SELECT r.id, r.pegawai_id, b.nama AS pegawai_nama, b.nip AS pegawai_nip, b.atasan_id, r.tahun, r.jalur,
              bp.nama AS bentuk_nama, r.tanggal, r.lembaga, r.materi, r.jp, r.anggaran, r.dikirim_at, count(*) OVER () AS total
         FROM rincian r JOIN pegawai b ON b.id = r.pegawai_id JOIN bentuk_pengembangan bp ON bp.kode = r.bentuk_kode
        WHERE r.status = 'dikirim' AND b.atasan_id = ANY(?::int[]) AND r.pegawai_id <> ?
          AND (?::text IS NULL OR r.jalur = ?::text)
          AND (?::int IS NULL OR r.pegawai_id = ?::int)
          AND (?::text IS NULL OR r.materi ILIKE ?::text OR r.lembaga ILIKE ?::text OR bp.nama ILIKE ?::text
               OR b.nama ILIKE ?::text OR b.nip = ?::text)
        ORDER BY r.dikirim_at, r.id
        LIMIT ? OFFSET ?) r ON true
    ORDER BY r.dikirim_at, r.id`,
);

type PegawaiAntrean = Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip' | 'atasan_id'>;

/**
 * The verification queue's page in one query: a page of listAntrean (by `atasanIds`, never the
 * items of `f.bukan`) and its total, the active employees of those atasan but `f.bukan` (the
 * filter's choices, by name) and the names of the atasan in `plt`.
 */
export async function findHalamanAntrean(
  db: Knex,
  atasanIds: number[],
  plt: number[],
  f: Omit<FilterAntrean, 'ids'>,
  limit: number,
  offset: number,
): Promise<{ rows: AntreanRow[]; total: number; pegawai: PegawaiAntrean[]; plt: Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip'>[] }> {
  const atasan = larikId(atasanIds);
  const jalur = f.jalur ?? null;
  const pegawaiId = f.pegawaiId ?? null;
  const q = f.q ?? null;
  const pola = f.q ? polaLike(f.q) : null;
  const { kepala, baris } = pisahKepala<
    { pegawai: PegawaiAntrean[]; plt: Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip'>[] },
    AntreanRow & { total: string }
  >(
    await halamanAntrean(db, [
      atasan,
      f.bukan,
      larikId(plt),
      atasan,
      f.bukan,
      ...kali(2, jalur),
      ...kali(2, pegawaiId),
      q,
      ...kali(4, pola),
      q,
      limit,
      offset,
    ]),
  );
  const total = baris.length ? Number(baris[0]!.total) : offset > 0 ? (await listAntrean(db, atasanIds, f, 1, 0)).total : 0;
  return {
    rows: baris.map(({ total: _, ...r }) => ({ ...r, dikirim_at: r.dikirim_at && waktuDari(r.dikirim_at) })),
    total,
    pegawai: kepala.pegawai,
    plt: kepala.plt,
  };
}

export interface RincianLengkap extends RincianInti {
  pengajuan_id: number;
  sumber_dana_nama: string;
  alasan: string;
  alasan_keputusan: string | null;
  diputuskan_at: Date | null;
  diputuskan_oleh_nama: string | null;
  dikirim_at: Date | null;
  biaya_realisasi: string | null;
  pegawai_nama: string;
  pegawai_nip: string;
  pegawai_jabatan: string | null;
  pegawai_atasan_id: number | null;
  pegawai_aktif: boolean;
  instansi_nama: string;
  jenis_jabatan_nama: string | null;
  penilaian_kinerja: string;
  kesenjangan_kinerja: string;
  skj: SkjItem[];
  prioritas: string;
}

export async function findRincianLengkap(db: Knex | Knex.Transaction, id: number): Promise<RincianLengkap | undefined> {
  const r = await db('rincian as r')
    .join('pengajuan as h', 'h.id', 'r.pengajuan_id')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .join('instansi as i', 'i.id', 'b.instansi_id')
    .join('bentuk_pengembangan as bp', 'bp.kode', 'r.bentuk_kode')
    .join('sumber_dana as sd', 'sd.kode', 'r.sumber_dana_kode')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'h.jenis_jabatan_kode')
    .leftJoin('pegawai as d', 'd.id', 'r.diputuskan_oleh')
    .where('r.id', id)
    .first(
      'r.id',
      'r.pengajuan_id',
      'r.pegawai_id',
      'r.tahun',
      'r.jalur',
      'r.bentuk_kode',
      'bp.nama as bentuk_nama',
      'r.jp',
      'r.tanggal',
      'r.materi',
      'r.anggaran',
      'r.lembaga',
      'sd.nama as sumber_dana_nama',
      'r.alasan',
      'r.program_studi',
      'r.jenjang',
      'r.perguruan_tinggi',
      'r.status',
      'r.alasan_keputusan',
      'r.diputuskan_at',
      'd.nama as diputuskan_oleh_nama',
      'r.dikirim_at',
      'r.tanggal_mulai',
      'r.tanggal_selesai',
      'r.tempat',
      'r.biaya_realisasi',
      'b.nama as pegawai_nama',
      'b.nip as pegawai_nip',
      'b.jabatan as pegawai_jabatan',
      'b.atasan_id as pegawai_atasan_id',
      'b.aktif as pegawai_aktif',
      'i.nama as instansi_nama',
      'jj.nama as jenis_jabatan_nama',
      'h.penilaian_kinerja',
      'h.kesenjangan_kinerja',
      'h.skj',
      'h.prioritas',
    );
  return r && { ...r, skj: bacaSkj(r.skj) };
}

/** The owner and atasan of items, for access checks. */
export async function listPemilikRincian(
  db: Knex | Knex.Transaction,
  ids: number[],
): Promise<(Pick<Tabel['rincian'], 'id' | 'status' | 'materi' | 'pegawai_id'> & { atasan_id: number | null })[]> {
  return db('rincian as r')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .whereIn('r.id', ids)
    .select('r.id', 'r.status', 'r.materi', 'r.pegawai_id', 'b.atasan_id');
}

/** JP planned (accepted items) and realised (reports) of employees for a year, keyed by employee. */
export async function jpTahun(db: Knex, pegawaiIds: number[], tahun: number) {
  const ids = pegawaiIds.length ? pegawaiIds : [-1];
  const rencana = await db('rincian')
    .whereIn('pegawai_id', ids)
    .where('tahun', tahun)
    .whereIn('status', STATUS_DITERIMA)
    .groupBy('pegawai_id')
    .select<{ pegawai_id: number; jp: number }[]>('pegawai_id', db.raw('sum(jp)::int as jp'));
  const realisasi = await selectJpRealisasi(db, tahun, ids);
  const out = new Map<number, { rencana: number; realisasi: number }>();
  for (const id of pegawaiIds) out.set(id, { rencana: 0, realisasi: 0 });
  for (const r of rencana) out.get(r.pegawai_id)!.rencana = Number(r.jp);
  for (const r of realisasi) out.get(r.pegawai_id)!.realisasi = Number(r.jp);
  return out;
}

/** Per atasan: how many items have waited since before `batas`, and since when (the daily digest). */
export async function listAntreanTerlambat(db: Knex, batas: Date) {
  return db('rincian as r')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .join('pegawai as a', 'a.id', 'b.atasan_id')
    .where('r.status', 'dikirim')
    .where('r.dikirim_at', '<', batas)
    .groupBy('b.atasan_id', 'a.nama', 'a.aktif')
    .select<{ atasan_id: number; nama: string; aktif: boolean; n: number; tertua: Date }[]>(
      'b.atasan_id',
      'a.nama',
      'a.aktif',
      db.raw('count(*)::int as n'),
      db.raw('min(r.dikirim_at) as tertua'),
    );
}
