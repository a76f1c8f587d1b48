import type { Knex } from 'knex';

// Employees as the admin sees them: search, the form's rows, and the bulk writes of the CSV import.

type Db = Knex | Knex.Transaction;

export interface PegawaiAdminRow {
  id: number;
  nip: string;
  nama: string;
  email: string | null;
  jabatan: string | null;
  jenis_jabatan_kode: string | null;
  jenis_jabatan_nama: string | null;
  instansi_id: number;
  instansi_nama: string;
  atasan_id: number | null;
  atasan_nip: string | null;
  atasan_nama: string | null;
  peran: 'pegawai' | 'bkpsdm' | 'admin' | 'operator';
  aktif: boolean;
  harus_ganti_password: boolean;
}

function basis(db: Db) {
  return db('pegawai as p')
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .leftJoin('jenis_jabatan as j', 'j.kode', 'p.jenis_jabatan_kode');
}
const KOLOM = [
  'p.id',
  'p.nip',
  'p.nama',
  'p.email',
  'p.jabatan',
  'p.jenis_jabatan_kode',
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

export async function cariPegawai(db: Db, kata: string, limit: number, offset: number): Promise<PegawaiAdminRow[]> {
  return cari(basis(db), kata).select(KOLOM).orderBy('p.nama').orderBy('p.id').limit(limit).offset(offset);
}

export async function hitungPegawai(db: Db, kata: string): Promise<number> {
  const r = await cari(db('pegawai as p'), kata).count<{ n: string }[]>('* as n');
  return Number(r[0]?.n ?? 0);
}

export async function pegawaiAdmin(db: Db, id: number): Promise<PegawaiAdminRow | undefined> {
  return basis(db).where('p.id', id).first(KOLOM);
}

/** Every employee's NIP, id and supervisor: what the import compares the file against. */
export interface PegawaiRingkas {
  id: number;
  nip: string;
  nama: string;
  jabatan: string | null;
  jenis_jabatan_kode: string | null;
  instansi_id: number;
  atasan_id: number | null;
  email: string | null;
}
export async function semuaPegawaiRingkas(db: Db): Promise<PegawaiRingkas[]> {
  return db('pegawai').select('id', 'nip', 'nama', 'jabatan', 'jenis_jabatan_kode', 'instansi_id', 'atasan_id', 'email');
}

/** The supervisor chain upward from an employee (ids), bounded. */
export async function rantaiAtasan(db: Db, mulaiId: number): Promise<number[]> {
  const rows = await db.raw(
    `WITH RECURSIVE r(id, atasan_id, n) AS (
       SELECT id, atasan_id, 0 FROM pegawai WHERE id = ?
       UNION ALL
       SELECT p.id, p.atasan_id, r.n + 1 FROM pegawai p JOIN r ON p.id = r.atasan_id WHERE r.n < 100
     ) SELECT id FROM r`,
    [mulaiId],
  );
  return (rows.rows as { id: number }[]).map((r) => r.id);
}

/** Array parameters (one per column) for unnest(); both drivers send JS arrays as PostgreSQL arrays. */
const larik = (xs: (Knex.RawBinding | (string | number | null)[])[]) => xs as Knex.RawBinding[];

// Bulk writes pass one array per column (unnest): one statement, a handful of parameters, fast on both databases.

export interface PegawaiImpor {
  nip: string;
  nama: string;
  jabatan: string | null;
  jenis_jabatan_kode: string | null;
  instansi_id: number;
  email: string | null;
}

/** Inserts new employees (role pegawai, the given password hash, must change it); returns nip → id. */
export async function sisipkanPegawai(
  trx: Knex.Transaction,
  rows: PegawaiImpor[],
  passwordHash: string,
  waktu: Date,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 5000) {
    const c = rows.slice(i, i + 5000);
    const r = await trx.raw(
      `INSERT INTO pegawai (nip, nama, jabatan, jenis_jabatan_kode, instansi_id, email, peran, password_hash, harus_ganti_password, created_at, updated_at)
       SELECT v.nip, v.nama, v.jabatan, v.jj, v.instansi_id, v.email, 'pegawai', ?, true, ?, ?
         FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS v(nip, nama, jabatan, jj, instansi_id, email)
       RETURNING id, nip`,
      larik([
        passwordHash,
        waktu,
        waktu,
        c.map((x) => x.nip),
        c.map((x) => x.nama),
        c.map((x) => x.jabatan),
        c.map((x) => x.jenis_jabatan_kode),
        c.map((x) => x.instansi_id),
        c.map((x) => x.email),
      ]),
    );
    for (const x of r.rows as { id: number; nip: string }[]) out.set(x.nip, x.id);
  }
  return out;
}

/** Updates the imported columns of existing employees. */
export async function perbaruiPegawaiMassal(trx: Knex.Transaction, rows: (Omit<PegawaiImpor, 'nip'> & { id: number })[], waktu: Date) {
  for (let i = 0; i < rows.length; i += 5000) {
    const c = rows.slice(i, i + 5000);
    await trx.raw(
      `UPDATE pegawai p SET nama = v.nama, jabatan = v.jabatan, jenis_jabatan_kode = v.jj, instansi_id = v.instansi_id, email = v.email, updated_at = ?
         FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS v(id, nama, jabatan, jj, instansi_id, email)
        WHERE p.id = v.id`,
      larik([
        waktu,
        c.map((x) => x.id),
        c.map((x) => x.nama),
        c.map((x) => x.jabatan),
        c.map((x) => x.jenis_jabatan_kode),
        c.map((x) => x.instansi_id),
        c.map((x) => x.email),
      ]),
    );
  }
}

/** Sets each employee's supervisor by NIP (null: none), for the given employees' NIPs. */
export async function aturAtasanMassal(trx: Knex.Transaction, rows: { nip: string; nip_atasan: string | null }[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const c = rows.slice(i, i + 5000);
    await trx.raw(
      `UPDATE pegawai p SET atasan_id = a.id
         FROM unnest(?::text[], ?::text[]) AS v(nip, nip_atasan)
         LEFT JOIN pegawai a ON a.nip = v.nip_atasan
        WHERE p.nip = v.nip AND p.atasan_id IS DISTINCT FROM a.id`,
      larik([c.map((x) => x.nip), c.map((x) => x.nip_atasan)]),
    );
  }
}
