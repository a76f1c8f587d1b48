import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Peran } from '../domain/pegawai';
import type { Tabel } from './tabel';
import { json, pernyataan } from '../db/pernyataan';

export type PegawaiRow = Omit<Tabel['pegawai'], 'peran' | 'created_at' | 'updated_at'> & { peran: Peran };

/** The logged-in user as every page needs it, with the menu's counters, in one query. */
export interface Pengguna extends Pick<
  Tabel['pegawai'],
  'id' | 'nip' | 'nama' | 'email' | 'jabatan' | 'jenis_jabatan_kode' | 'harus_ganti_password'
> {
  peran: Peran;
  /** changes with the password: a session made before a password change is no longer valid */
  kunci_sesi: string;
  instansi_id: number;
  instansi_nama: string;
  atasan_id: number | null;
  atasan_nama: string | null;
  atasan_nip: string | null;
  jumlah_verifikasi: number;
  jumlah_bawahan: number;
  notifikasi_belum_dibaca: number;
  /** BKPSDM and admin: requests waiting for their decision */
  rekomendasi_menunggu: number;
  rekomendasi: { konsep: number; terkirim: number; diterima: number; ditolak: number };
  /** the atasan this user stands in for today (Plt) */
  diwakili: number[];
  /** the planning years and their deadlines, newest first, as the request began (what pages show; a write reads its year again) */
  periode: { tahun: number; batas_pengajuan: string }[];
}

/** A stamp of the password hash (not the hash): what a session is bound to. */
export const kunciSesi = (passwordHash: string) => crypto.createHash('md5').update(passwordHash).digest('hex').slice(0, 16);
const KUNCI_SESI_SQL = 'left(md5(p.password_hash), 16)';

/**
 * Every change of a password goes through here: the new hash, whether it is a one-time password,
 * and every open reset link of the user used up. Sessions bound to the old password end with it
 * (see kunciSesi); the login throttle of the NIP is cleared.
 */
export async function gantiKataSandi(
  trx: Knex.Transaction,
  p: { id: number; nip: string },
  baru: { hash: string; sementara: boolean },
  waktu: Date,
): Promise<void> {
  await trx('pegawai').where({ id: p.id }).update({ password_hash: baru.hash, harus_ganti_password: baru.sementara, updated_at: waktu });
  await trx('reset_password').where({ pegawai_id: p.id }).whereNull('dipakai_at').update({ dipakai_at: waktu });
  await trx('percobaan_masuk')
    .where({ kunci: `nip:${p.nip}` })
    .delete();
}

export async function findByNip(db: Knex, nip: string): Promise<PegawaiRow | undefined> {
  return db<PegawaiRow>('pegawai').where({ nip }).first();
}

export async function findById(db: Knex, id: number): Promise<PegawaiRow | undefined> {
  return db<PegawaiRow>('pegawai').where({ id }).first();
}

/** The columns every view of an employee shows (of p). */
export const KOLOM_PEGAWAI = ['p.id', 'p.nip', 'p.nama', 'p.email', 'p.jabatan', 'p.jenis_jabatan_kode'] as const;

/** Employees (p) with their instansi (i) and, when they have one, their atasan (a). */
export function pegawaiDenganInstansi(db: Knex | Knex.Transaction) {
  return db('pegawai as p').join('instansi as i', 'i.id', 'p.instansi_id').leftJoin('pegawai as a', 'a.id', 'p.atasan_id');
}

/**
 * The columns of Pengguna over p, i and a (PENGGUNA_DARI) and h.hari (the WIB date of today, for
 * a stand-in's work), with the menu's counters and the planning years. Also read with the session
 * row (see sesi.ts).
 */
export const KOLOM_PENGGUNA = `p.id, p.nip, p.nama, p.email, p.jabatan, p.jenis_jabatan_kode, p.peran, p.harus_ganti_password,
  ${KUNCI_SESI_SQL} AS kunci_sesi, p.instansi_id, i.nama AS instansi_nama, p.atasan_id, a.nama AS atasan_nama, a.nip AS atasan_nip,
  (SELECT coalesce(json_agg(DISTINCT atasan_id), '[]') FROM plt WHERE pengganti_id = p.id AND mulai <= h.hari AND selesai >= h.hari) AS diwakili,
  -- IN (… UNION ALL …) rather than OR: the OR made PostgreSQL scan every waiting item of the province
  (SELECT count(*) FROM rincian r JOIN pegawai b ON b.id = r.pegawai_id
     WHERE r.status = 'dikirim' AND r.pegawai_id <> p.id
       AND b.atasan_id IN (SELECT p.id UNION ALL SELECT atasan_id FROM plt WHERE pengganti_id = p.id AND mulai <= h.hari AND selesai >= h.hari))::int AS jumlah_verifikasi,
  (SELECT count(*) FROM pegawai b WHERE b.atasan_id = p.id AND b.aktif)::int AS jumlah_bawahan,
  (SELECT count(*) FROM notifikasi n WHERE n.pegawai_id = p.id AND n.dibaca_at IS NULL)::int AS notifikasi_belum_dibaca,
  -- BKPSDM's work: requests waiting for a decision (never one's own); nothing to count for others
  (CASE WHEN p.peran IN ('bkpsdm', 'admin')
     THEN (SELECT count(*) FROM rekomendasi k WHERE k.status = 'terkirim' AND k.pegawai_id <> p.id) ELSE 0 END)::int AS rekomendasi_menunggu,
  (SELECT json_build_object(
      'konsep', count(*) FILTER (WHERE status = 'konsep'),
      'terkirim', count(*) FILTER (WHERE status = 'terkirim'),
      'diterima', count(*) FILTER (WHERE status = 'diterima'),
      'ditolak', count(*) FILTER (WHERE status = 'ditolak'))
    FROM rekomendasi k WHERE k.pegawai_id = p.id) AS rekomendasi,
  (SELECT coalesce(json_agg(json_build_object('tahun', tahun, 'batas_pengajuan', batas_pengajuan) ORDER BY tahun DESC), '[]')
     FROM periode) AS periode`;

/** The tables KOLOM_PENGGUNA reads, after the one-row `(SELECT ?::date AS hari) h`. */
export const PENGGUNA_DARI = 'pegawai p JOIN instansi i ON i.id = p.instansi_id LEFT JOIN pegawai a ON a.id = p.atasan_id';

/** A row read with KOLOM_PENGGUNA as Pengguna. */
export function toPengguna(row: Record<string, unknown>): Pengguna {
  return {
    ...row,
    rekomendasi: json(row.rekomendasi),
    diwakili: json(row.diwakili),
    periode: json(row.periode),
  } as Pengguna;
}

const bacaPengguna = pernyataan<Record<string, unknown>>(
  `SELECT ${KOLOM_PENGGUNA} FROM (SELECT ?::date AS hari) h CROSS JOIN ${PENGGUNA_DARI} WHERE p.id = ? AND p.aktif`,
);

export async function loadPengguna(db: Knex, id: number, hariIni: string): Promise<Pengguna | undefined> {
  const [row] = await bacaPengguna(db, [hariIni, id]);
  return row ? toPengguna(row) : undefined;
}

/** Locks an employee's row in the caller's transaction; its password hash as it stands now. */
export async function lockPegawai(trx: Knex.Transaction, id: number): Promise<Pick<Tabel['pegawai'], 'id' | 'password_hash'> | undefined> {
  return trx('pegawai').where({ id }).forUpdate().first('id', 'password_hash');
}

/**
 * Serialises one employee's plan writes (FOR NO KEY UPDATE: rows referring to the employee can
 * still be written by others meanwhile).
 */
export async function lockPegawaiRencana(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('pegawai').where({ id }).forNoKeyUpdate().first('id');
}

/** An employee's atasan: null without one, undefined for an unknown id. */
export async function findAtasanId(db: Knex | Knex.Transaction, pegawaiId: number): Promise<number | null | undefined> {
  const row = await db('pegawai').where({ id: pegawaiId }).first('atasan_id');
  return row ? row.atasan_id : undefined;
}

/** Names and NIPs of employees, to say on whose behalf someone acts. */
export async function listNamaPegawai(
  db: Knex | Knex.Transaction,
  ids: number[],
): Promise<Pick<Tabel['pegawai'], 'id' | 'nama' | 'nip'>[]> {
  return ids.length ? db('pegawai').whereIn('id', ids).select('id', 'nama', 'nip') : [];
}
