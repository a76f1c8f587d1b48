import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export async function insertNotifikasi(
  trx: Db,
  n: { pegawaiId: number; judul: string; pesan: string; tautan: string | null },
  waktu: Date,
): Promise<void> {
  await trx('notifikasi').insert({ pegawai_id: n.pegawaiId, judul: n.judul, pesan: n.pesan, tautan: n.tautan, created_at: waktu });
}

/** Queues an e-mail in the outbox (sent by the worker, retried until it goes). */
export async function insertEmail(trx: Db, e: { kepada: string; subjek: string; isi: string }, waktu: Date): Promise<void> {
  await trx('email_outbox').insert({ ...e, created_at: waktu, coba_lagi_at: waktu });
}

/** Where and how to greet an employee by e-mail: null without an address. */
export async function alamatEmail(trx: Db, pegawaiId: number): Promise<{ email: string; nama: string } | null> {
  const p = await trx('pegawai').where({ id: pegawaiId }).first('email', 'nama');
  return p?.email ? { email: p.email, nama: p.nama } : null;
}
