import type { Knex } from 'knex';
import type { Tabel } from './tabel';

// Lupa Kata Sandi: the single-use reset links (table reset_password), stored as a SHA-256 of the token.

type Db = Knex | Knex.Transaction;

export type TautanBerlaku = Pick<Tabel['reset_password'], 'id' | 'pegawai_id'> & Pick<Tabel['pegawai'], 'nama' | 'nip'>;

/** An unused, unexpired link of an active account, with whose it is. */
export async function findResetPasswordBerlaku(db: Db, tokenHash: string, now: Date): Promise<TautanBerlaku | undefined> {
  return db('reset_password as r')
    .join('pegawai as p', 'p.id', 'r.pegawai_id')
    .where('r.token_hash', tokenHash)
    .whereNull('r.dipakai_at')
    .where('r.berlaku_sampai', '>', now)
    .where('p.aktif', true)
    .first<TautanBerlaku | undefined>('r.id', 'r.pegawai_id', 'p.nama', 'p.nip');
}

/** How many links the employee asked for since `sejak`. */
export async function countResetPassword(db: Db, pegawaiId: number, sejak: Date): Promise<number> {
  const [hitung] = await db('reset_password')
    .where('pegawai_id', pegawaiId)
    .where('created_at', '>', sejak)
    .count<{ n: string }[]>('* as n');
  return Number(hitung?.n ?? 0);
}

export async function insertResetPassword(
  db: Db,
  r: Pick<Tabel['reset_password'], 'pegawai_id' | 'token_hash' | 'berlaku_sampai' | 'created_at'>,
): Promise<void> {
  await db('reset_password').insert(r);
}

/** Uses up one link if it is still open; whether it was (only the first of two concurrent uses is). */
export async function updateResetPasswordDipakai(db: Db, id: number, now: Date): Promise<boolean> {
  const n = await db('reset_password').where({ id }).whereNull('dipakai_at').where('berlaku_sampai', '>', now).update({ dipakai_at: now });
  return n === 1;
}
