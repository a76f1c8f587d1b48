import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Peran } from '../domain/pegawai';
import type { Tabel } from './tabel';

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
 * The columns of Pengguna over p, i and a as joined by pegawaiDenganInstansi, with the menu's
 * counters (a stand-in's work counted on hariIni). Also read with the session row (see sesi.ts).
 */
export function kolomPengguna(db: Knex, hariIni: string) {
  return [
    ...KOLOM_PEGAWAI,
    'p.peran',
    'p.harus_ganti_password',
    db.raw(`${KUNCI_SESI_SQL} AS kunci_sesi`),
    'p.instansi_id',
    'i.nama as instansi_nama',
    'p.atasan_id',
    'a.nama as atasan_nama',
    'a.nip as atasan_nip',
    db.raw(
      // IN (… UNION ALL …) rather than OR: the OR made PostgreSQL scan every waiting item of the province
      `(SELECT count(*) FROM rincian r JOIN pegawai b ON b.id = r.pegawai_id
           WHERE r.status = 'dikirim' AND r.pegawai_id <> p.id
             AND b.atasan_id IN (SELECT p.id UNION ALL SELECT atasan_id FROM plt WHERE pengganti_id = p.id AND mulai <= ? AND selesai >= ?))::int AS jumlah_verifikasi`,
      [hariIni, hariIni],
    ),
    db.raw('(SELECT count(*) FROM pegawai b WHERE b.atasan_id = p.id AND b.aktif)::int AS jumlah_bawahan'),
    db.raw('(SELECT count(*) FROM notifikasi n WHERE n.pegawai_id = p.id AND n.dibaca_at IS NULL)::int AS notifikasi_belum_dibaca'),
    // BKPSDM's work: requests waiting for a decision (never one's own); nothing to count for others
    db.raw(
      `(CASE WHEN p.peran IN ('bkpsdm', 'admin')
           THEN (SELECT count(*) FROM rekomendasi k WHERE k.status = 'terkirim' AND k.pegawai_id <> p.id) ELSE 0 END)::int AS rekomendasi_menunggu`,
    ),
    db.raw(
      `(SELECT json_build_object(
            'konsep', count(*) FILTER (WHERE status = 'konsep'),
            'terkirim', count(*) FILTER (WHERE status = 'terkirim'),
            'diterima', count(*) FILTER (WHERE status = 'diterima'),
            'ditolak', count(*) FILTER (WHERE status = 'ditolak'))
          FROM rekomendasi k WHERE k.pegawai_id = p.id) AS rekomendasi`,
    ),
  ];
}

/** A row read with kolomPengguna as Pengguna (PGlite may give the JSON counters as text). */
export function toPengguna(row: Record<string, unknown>): Pengguna {
  const rekomendasi: unknown = typeof row.rekomendasi === 'string' ? JSON.parse(row.rekomendasi) : row.rekomendasi;
  return { ...row, rekomendasi } as Pengguna;
}

export async function loadPengguna(db: Knex, id: number, hariIni: string): Promise<Pengguna | undefined> {
  const row = await pegawaiDenganInstansi(db)
    .where('p.id', id)
    .where('p.aktif', true)
    .first(...kolomPengguna(db, hariIni));
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
