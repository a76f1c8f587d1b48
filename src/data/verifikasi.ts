import type { RincianInti } from './pengajuan';
import type { Knex } from 'knex';

// Queries of the atasan's side: the verification queue, Plt stand-ins, subordinates, notifications.

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

/** The atasan ids a user stands in for (Plt) on a given WIB date. */
export async function atasanDiwakili(db: Knex, penggunaId: number, hariIni: string): Promise<number[]> {
  const rows = await db('plt')
    .distinct('atasan_id')
    .where('pengganti_id', penggunaId)
    .where('mulai', '<=', hariIni)
    .where('selesai', '>=', hariIni);
  return rows.map((r) => r.atasan_id as number);
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Items waiting (dikirim) whose owner's atasan is one of `atasanIds`, oldest first. */
export async function antrean(db: Knex, atasanIds: number[], f: FilterAntrean, limit: number, offset: number) {
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
    const like = `%${escapeLike(f.q)}%`;
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

/** Employees whose atasan is one of `atasanIds` (for the filter), with the number of items waiting. */
export async function pegawaiDariAtasan(db: Knex, atasanIds: number[], bukan: number) {
  return db('pegawai as b')
    .whereIn('b.atasan_id', atasanIds.length ? atasanIds : [-1])
    .whereNot('b.id', bukan)
    .where('b.aktif', true)
    .select('b.id', 'b.nama', 'b.nip', 'b.atasan_id')
    .orderBy('b.nama') as Promise<{ id: number; nama: string; nip: string; atasan_id: number }[]>;
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
  skj: unknown;
  prioritas: string;
}

export async function rincianLengkap(db: Knex | Knex.Transaction, id: number): Promise<RincianLengkap | undefined> {
  return db('rincian as r')
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
}

/** The owner and atasan of items, for access checks. */
export async function pemilikRincian(db: Knex | Knex.Transaction, ids: number[]) {
  return db('rincian as r')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .whereIn('r.id', ids)
    .select('r.id', 'r.status', 'r.materi', 'r.pegawai_id', 'b.atasan_id') as Promise<
    { id: number; status: string; materi: string; pegawai_id: number; atasan_id: number | null }[]
  >;
}

/** An employee's other items of a year (not drafts, not deleted). */
export async function rincianTahun(db: Knex, pegawaiId: number, tahun: number, kecuali?: number) {
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
  return q as Promise<
    {
      id: number;
      status: string;
      jalur: string;
      bentuk_nama: string;
      materi: string;
      tanggal: string;
      lembaga: string;
      jp: number;
      anggaran: string;
      dikirim_at: Date | null;
    }[]
  >;
}

/** JP planned (accepted items) and realised (reports) of employees for a year, keyed by employee. */
export async function jpTahun(db: Knex, pegawaiIds: number[], tahun: number) {
  const ids = pegawaiIds.length ? pegawaiIds : [-1];
  const rencana = await db('rincian')
    .whereIn('pegawai_id', ids)
    .where('tahun', tahun)
    .whereIn('status', ['diterima', 'berjalan', 'selesai'])
    .groupBy('pegawai_id')
    .select<{ pegawai_id: number; jp: number }[]>('pegawai_id', db.raw('sum(jp)::int as jp'));
  const realisasi = await db('laporan as l')
    .join('rincian as r', 'r.id', 'l.rincian_id')
    .whereIn('r.pegawai_id', ids)
    .where('r.tahun', tahun)
    .whereIn('r.status', ['berjalan', 'selesai'])
    .groupBy('r.pegawai_id')
    .select<{ pegawai_id: number; jp: number }[]>('r.pegawai_id', db.raw('sum(l.jp)::int as jp'));
  const out = new Map<number, { rencana: number; realisasi: number }>();
  for (const id of pegawaiIds) out.set(id, { rencana: 0, realisasi: 0 });
  for (const r of rencana) out.get(r.pegawai_id)!.rencana = Number(r.jp);
  for (const r of realisasi) out.get(r.pegawai_id)!.realisasi = Number(r.jp);
  return out;
}

/** Direct subordinates of an atasan with their items of a year counted by status. */
export async function bawahanLangsung(db: Knex, atasanId: number, tahun: number) {
  const rows = await db('pegawai as b')
    .leftJoin('jenis_jabatan as jj', 'jj.kode', 'b.jenis_jabatan_kode')
    .where({ 'b.atasan_id': atasanId, 'b.aktif': true })
    .select(
      'b.id',
      'b.nama',
      'b.nip',
      'b.jabatan',
      'jj.nama as jenis_jabatan_nama',
      db.raw(
        `(SELECT json_build_object(
            'dikirim', count(*) FILTER (WHERE r.status = 'dikirim'),
            'diterima', count(*) FILTER (WHERE r.status = 'diterima'),
            'ditolak', count(*) FILTER (WHERE r.status = 'ditolak'),
            'berjalan', count(*) FILTER (WHERE r.status = 'berjalan'),
            'selesai', count(*) FILTER (WHERE r.status = 'selesai'))
          FROM rincian r WHERE r.pegawai_id = b.id AND r.tahun = ?) AS jumlah`,
        [tahun],
      ),
    )
    .orderBy('b.nama');
  return rows.map((r) => ({
    ...r,
    jumlah: (typeof r.jumlah === 'string' ? JSON.parse(r.jumlah) : r.jumlah) as Record<string, number>,
  })) as {
    id: number;
    nama: string;
    nip: string;
    jabatan: string | null;
    jenis_jabatan_nama: string | null;
    jumlah: Record<'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai', number>;
  }[];
}

export async function riwayatRincian(db: Knex, rincianId: number) {
  return db('riwayat_status as h')
    .join('pegawai as o', 'o.id', 'h.oleh')
    .leftJoin('pegawai as a', 'a.id', 'h.atas_nama')
    .where('h.rincian_id', rincianId)
    .select('h.id', 'h.aksi', 'h.dari', 'h.ke', 'h.alasan', 'h.waktu', 'o.nama as oleh_nama', 'a.nama as atas_nama_nama')
    .orderBy([{ column: 'h.waktu' }, { column: 'h.id' }]) as Promise<
    {
      id: string;
      aksi: string;
      dari: string | null;
      ke: string;
      alasan: string | null;
      waktu: Date;
      oleh_nama: string;
      atas_nama_nama: string | null;
    }[]
  >;
}

// ---- Plt ----

export interface PltRow {
  id: number;
  atasan_id: number;
  atasan_nama: string;
  atasan_nip: string;
  pengganti_id: number;
  pengganti_nama: string;
  pengganti_nip: string;
  mulai: string;
  selesai: string;
  keterangan: string | null;
  dibuat_oleh_nama: string;
  created_at: Date;
}

/** Stand-ins that end on or after `sejak`, newest start first. */
export async function daftarPlt(db: Knex, sejak: string, limit: number, id?: number): Promise<PltRow[]> {
  const q = db('plt as t')
    .join('pegawai as a', 'a.id', 't.atasan_id')
    .join('pegawai as g', 'g.id', 't.pengganti_id')
    .join('pegawai as o', 'o.id', 't.dibuat_oleh')
    .where('t.selesai', '>=', sejak)
    .select(
      't.id',
      't.atasan_id',
      'a.nama as atasan_nama',
      'a.nip as atasan_nip',
      't.pengganti_id',
      'g.nama as pengganti_nama',
      'g.nip as pengganti_nip',
      't.mulai',
      't.selesai',
      't.keterangan',
      'o.nama as dibuat_oleh_nama',
      't.created_at',
    )
    .orderBy([
      { column: 't.mulai', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .limit(limit);
  if (id !== undefined) q.where('t.id', id);
  return q;
}

/**
 * Employees stuck without a working atasan: active `pegawai` whose atasan is missing or inactive,
 * and who have items (those with items waiting first).
 */
export async function pegawaiTanpaAtasan(db: Knex) {
  return db('pegawai as p')
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .where({ 'p.aktif': true, 'p.peran': 'pegawai' })
    .where((w) => w.whereNull('p.atasan_id').orWhere('a.aktif', false))
    .whereExists(db('rincian as r').whereRaw('r.pegawai_id = p.id').whereNot('r.status', 'dihapus').select(db.raw('1')))
    .select(
      'p.id',
      'p.nip',
      'p.nama',
      'i.nama as instansi_nama',
      'a.nama as atasan_nama',
      db.raw("(SELECT count(*) FROM rincian r WHERE r.pegawai_id = p.id AND r.status = 'dikirim')::int AS dikirim"),
      db.raw("(SELECT count(*) FROM rincian r WHERE r.pegawai_id = p.id AND r.status <> 'dihapus')::int AS semua"),
    )
    .orderByRaw('dikirim DESC, p.nama')
    .limit(200) as Promise<
    { id: number; nip: string; nama: string; instansi_nama: string; atasan_nama: string | null; dikirim: number; semua: number }[]
  >;
}

// ---- notifikasi ----

export interface NotifikasiRow {
  id: string;
  judul: string;
  pesan: string;
  tautan: string | null;
  dibaca_at: Date | null;
  created_at: Date;
}

export async function daftarNotifikasi(db: Knex, pegawaiId: number, limit: number, offset: number) {
  const [hitung] = await db('notifikasi').where('pegawai_id', pegawaiId).count<{ n: string }[]>('* as n');
  const n = hitung?.n ?? 0;
  const rows: NotifikasiRow[] = await db('notifikasi')
    .where('pegawai_id', pegawaiId)
    .select('id', 'judul', 'pesan', 'tautan', 'dibaca_at', 'created_at')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .offset(offset);
  return { rows, total: Number(n) };
}

/** Marks one notification read; returns it, or undefined when it is not the user's. */
export async function notifikasiMilik(db: Knex, pegawaiId: number, id: number) {
  return db('notifikasi')
    .where({ id: String(id), pegawai_id: pegawaiId })
    .first('id', 'tautan');
}

export async function tandaiDibaca(db: Knex, pegawaiId: number, id: number, waktu: Date) {
  const row = await db('notifikasi')
    .where({ id: String(id), pegawai_id: pegawaiId })
    .first('id', 'tautan', 'dibaca_at');
  if (!row) return undefined;
  if (!row.dibaca_at) await db('notifikasi').where({ id: row.id }).whereNull('dibaca_at').update({ dibaca_at: waktu });
  return { id: row.id, tautan: row.tautan };
}

export async function tandaiSemuaDibaca(db: Knex, pegawaiId: number, waktu: Date) {
  return db('notifikasi').where('pegawai_id', pegawaiId).whereNull('dibaca_at').update({ dibaca_at: waktu });
}
