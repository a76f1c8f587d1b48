import type { Knex } from 'knex';
import type { Peran } from '../domain/pegawai';
import type { Tabel, TabelBaru } from './tabel';
import { KOLOM_PEGAWAI, pegawaiDenganInstansi } from './pegawai';

// Employees as the admin sees them: search, the form's rows, and the bulk writes of the CSV import.

type Db = Knex | Knex.Transaction;

export type PegawaiAdminRow = Pick<
  Tabel['pegawai'],
  'id' | 'nip' | 'nama' | 'email' | 'jabatan' | 'jenis_jabatan_kode' | 'instansi_id' | 'atasan_id' | 'aktif' | 'harus_ganti_password'
> & {
  peran: Peran;
  jenis_jabatan_nama: string | null;
  instansi_nama: string;
  atasan_nip: string | null;
  atasan_nama: string | null;
};

function basis(db: Db) {
  return pegawaiDenganInstansi(db).leftJoin('jenis_jabatan as j', 'j.kode', 'p.jenis_jabatan_kode');
}
const KOLOM = [
  ...KOLOM_PEGAWAI,
  'j.nama as jenis_jabatan_nama',
  'p.instansi_id',
  'i.nama as instansi_nama',
  'p.atasan_id',
  'a.nip as atasan_nip',
  'a.nama as atasan_nama',
  'p.peran',
  'p.aktif',
  'p.harus_ganti_password',
];

function cari(q: Knex.QueryBuilder, kata: string) {
  if (!kata) return q;
  if (/^\d+$/.test(kata)) return q.where('p.nip', 'like', `${kata}%`);
  const pola = `%${kata.replace(/[%_\\]/g, '\\$&')}%`;
  return q.where((w) => w.whereILike('p.nama', pola).orWhereILike('p.jabatan', pola));
}

export async function listPegawai(db: Db, kata: string, limit: number, offset: number): Promise<PegawaiAdminRow[]> {
  return cari(basis(db), kata).select(KOLOM).orderBy('p.nama').orderBy('p.id').limit(limit).offset(offset);
}

export async function countPegawai(db: Db, kata: string): Promise<number> {
  const r = await cari(db('pegawai as p'), kata).count<{ n: string }[]>('* as n');
  return Number(r[0]?.n ?? 0);
}

export async function findPegawaiAdmin(db: Db, id: number): Promise<PegawaiAdminRow | undefined> {
  return basis(db).where('p.id', id).first(KOLOM);
}

/** The columns of an employee the admin's form writes. */
export type PegawaiForm = Pick<
  TabelBaru['pegawai'],
  'nip' | 'nama' | 'email' | 'jabatan' | 'jenis_jabatan_kode' | 'instansi_id' | 'atasan_id' | 'aktif'
> & { peran: Peran };

/** A new account (with a one-time password hash); undefined when the NIP was taken meanwhile. */
export async function insertPegawai(trx: Db, row: PegawaiForm, passwordHash: string, waktu: Date): Promise<number | undefined> {
  const [r] = await trx('pegawai')
    .insert({ ...row, password_hash: passwordHash, harus_ganti_password: true, created_at: waktu, updated_at: waktu })
    .onConflict('nip')
    .ignore()
    .returning('id');
  return r?.id;
}

export async function updatePegawai(trx: Db, id: number, row: PegawaiForm, waktu: Date): Promise<void> {
  await trx('pegawai')
    .where({ id })
    .update({ ...row, updated_at: waktu });
}

/** The id of the employee with this NIP, if any. */
export async function findIdPegawai(db: Db, nip: string): Promise<number | undefined> {
  return (await db('pegawai').where({ nip }).first('id'))?.id;
}

/** Every employee's NIP, id and supervisor: what the import compares the file against. */
export type PegawaiRingkas = Pick<
  Tabel['pegawai'],
  'id' | 'nip' | 'nama' | 'jabatan' | 'jenis_jabatan_kode' | 'instansi_id' | 'atasan_id' | 'email'
>;
export async function listPegawaiRingkas(db: Db): Promise<PegawaiRingkas[]> {
  return db('pegawai').select('id', 'nip', 'nama', 'jabatan', 'jenis_jabatan_kode', 'instansi_id', 'atasan_id', 'email');
}

/** The supervisor chain upward from an employee (ids), bounded. */
export async function listRantaiAtasan(db: Db, mulaiId: number): Promise<number[]> {
  const rows = await db.raw<{ rows: { id: number }[] }>(
    `WITH RECURSIVE r(id, atasan_id, n) AS (
       SELECT id, atasan_id, 0 FROM pegawai WHERE id = ?
       UNION ALL
       SELECT p.id, p.atasan_id, r.n + 1 FROM pegawai p JOIN r ON p.id = r.atasan_id WHERE r.n < 100
     ) SELECT id FROM r`,
    [mulaiId],
  );
  return rows.rows.map((r) => r.id);
}

/** Array parameters (one per column) for unnest(); both drivers send JS arrays as PostgreSQL arrays. */
const larik = (xs: (Knex.RawBinding | (string | number | null)[])[]) => xs as Knex.RawBinding[];

// Bulk writes pass one array per column (unnest): one statement, a handful of parameters, fast on both databases.

/** The rows 5,000 at a time: one statement each. */
function* potong<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += 5000) yield rows.slice(i, i + 5000);
}

/** The imported columns after the key, one array each, in the order the statements unnest them. */
const kolomImpor = (c: Omit<PegawaiImpor, 'nip'>[]) => [
  c.map((x) => x.nama),
  c.map((x) => x.jabatan),
  c.map((x) => x.jenis_jabatan_kode),
  c.map((x) => x.instansi_id),
  c.map((x) => x.email),
];

export type PegawaiImpor = Pick<Tabel['pegawai'], 'nip' | 'nama' | 'jabatan' | 'jenis_jabatan_kode' | 'instansi_id' | 'email'>;

/** Inserts new employees (role pegawai, the given password hash, must change it); returns nip → id. */
export async function insertPegawaiMassal(
  trx: Knex.Transaction,
  rows: PegawaiImpor[],
  passwordHash: string,
  waktu: Date,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of potong(rows)) {
    const r = await trx.raw<{ rows: { id: number; nip: string }[] }>(
      `INSERT INTO pegawai (nip, nama, jabatan, jenis_jabatan_kode, instansi_id, email, peran, password_hash, harus_ganti_password, created_at, updated_at)
       SELECT v.nip, v.nama, v.jabatan, v.jj, v.instansi_id, v.email, 'pegawai', ?, true, ?, ?
         FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS v(nip, nama, jabatan, jj, instansi_id, email)
       RETURNING id, nip`,
      larik([passwordHash, waktu, waktu, c.map((x) => x.nip), ...kolomImpor(c)]),
    );
    for (const x of r.rows) out.set(x.nip, x.id);
  }
  return out;
}

/** Updates the imported columns of existing employees. */
export async function updatePegawaiMassal(trx: Knex.Transaction, rows: (Omit<PegawaiImpor, 'nip'> & { id: number })[], waktu: Date) {
  for (const c of potong(rows)) {
    await trx.raw(
      `UPDATE pegawai p SET nama = v.nama, jabatan = v.jabatan, jenis_jabatan_kode = v.jj, instansi_id = v.instansi_id, email = v.email, updated_at = ?
         FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS v(id, nama, jabatan, jj, instansi_id, email)
        WHERE p.id = v.id`,
      larik([waktu, c.map((x) => x.id), ...kolomImpor(c)]),
    );
  }
}

/** Sets each employee's supervisor by NIP (null: none), for the given employees' NIPs. */
export async function updateAtasanMassal(trx: Knex.Transaction, rows: { nip: string; nip_atasan: string | null }[]) {
  for (const c of potong(rows)) {
    await trx.raw(
      `UPDATE pegawai p SET atasan_id = a.id
         FROM unnest(?::text[], ?::text[]) AS v(nip, nip_atasan)
         LEFT JOIN pegawai a ON a.nip = v.nip_atasan
        WHERE p.nip = v.nip AND p.atasan_id IS DISTINCT FROM a.id`,
      larik([c.map((x) => x.nip), c.map((x) => x.nip_atasan)]),
    );
  }
}
