import type { Knex } from 'knex';
import type { Tabel } from './tabel';
import { pernyataan, KEPALA, pisahKepala } from '../db/pernyataan';

type Db = Knex | Knex.Transaction;

const tulisNotifikasi = pernyataan<{ id: string }>(
  `WITH penerima AS (
     SELECT ?::int AS pegawai_id
      UNION
     SELECT pengganti_id FROM plt
      WHERE atasan_id = ?::int AND mulai <= ?::date AND selesai >= ?::date AND pengganti_id IS DISTINCT FROM ?::int),
   n AS (
     INSERT INTO notifikasi (pegawai_id, judul, pesan, tautan, created_at)
     SELECT pegawai_id, ?, ?, ?, ?::timestamptz FROM penerima RETURNING pegawai_id)
   INSERT INTO email_outbox (kepada, subjek, isi, created_at, coba_lagi_at)
   SELECT p.email, ?, 'Yth. ' || p.nama || ?, ?, ?
     FROM n JOIN pegawai p ON p.id = n.pegawai_id
    WHERE ?::boolean AND p.email IS NOT NULL AND p.email <> ''
   RETURNING id`,
);

/**
 * A notification in the app and, when `email` is given and the employee has an address, its
 * e-mail queued in the outbox (greeting the employee by name: "Yth. <nama>" then `email.isi`), in
 * one statement. With `plt`, whoever stands in for the employee on that WIB date gets the same,
 * except `kecuali` (the one whose own case it is). Returns how many e-mails were queued.
 */
export async function insertNotifikasi(
  trx: Db,
  n: { pegawaiId: number; judul: string; pesan: string; tautan: string | null; plt?: { hari: string; kecuali: number } },
  email: { subjek: string; isi: string } | null,
  waktu: Date,
): Promise<number> {
  const rows = await tulisNotifikasi(trx, [
    n.pegawaiId,
    n.plt ? n.pegawaiId : null,
    n.plt?.hari ?? null,
    n.plt?.hari ?? null,
    n.plt?.kecuali ?? null,
    n.judul,
    n.pesan,
    n.tautan,
    waktu,
    email?.subjek ?? '',
    email?.isi ?? '',
    waktu,
    waktu,
    email !== null,
  ]);
  return rows.length;
}

/** Queues an e-mail in the outbox (sent by the worker, retried until it goes). */
export async function insertEmail(trx: Db, e: { kepada: string; subjek: string; isi: string }, waktu: Date): Promise<void> {
  await trx('email_outbox').insert({ ...e, created_at: waktu, coba_lagi_at: waktu });
}

// ---- the user's list (the Notifikasi pages) ----

export type NotifikasiRow = Pick<Tabel['notifikasi'], 'id' | 'judul' | 'pesan' | 'tautan' | 'dibaca_at' | 'created_at'>;

const halamanNotifikasi = pernyataan<NotifikasiRow & { kepala: unknown }>(
  `SELECT ${KEPALA}, n.*
     FROM (SELECT json_build_object('total', (SELECT count(*) FROM notifikasi WHERE pegawai_id = ?)) AS kepala) k
     LEFT JOIN LATERAL (
       SELECT id, judul, pesan, tautan, dibaca_at, created_at FROM notifikasi
        WHERE pegawai_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) n ON true
    ORDER BY n.created_at DESC, n.id DESC`,
);

/** One page of a user's notifications, newest first, and how many there are, in one query. */
export async function listNotifikasi(
  db: Db,
  pegawaiId: number,
  limit: number,
  offset: number,
): Promise<{ rows: NotifikasiRow[]; total: number }> {
  const { kepala, baris } = pisahKepala<{ total: number }, NotifikasiRow>(
    await halamanNotifikasi(db, [pegawaiId, pegawaiId, limit, offset]),
  );
  return { rows: baris, total: kepala.total };
}

/** One of the user's notifications; undefined when it is not theirs. */
export async function findNotifikasi(
  db: Db,
  pegawaiId: number,
  id: number,
): Promise<Pick<Tabel['notifikasi'], 'id' | 'tautan'> | undefined> {
  return db('notifikasi')
    .where({ id: String(id), pegawai_id: pegawaiId })
    .first('id', 'tautan');
}

/** Marks one notification read; returns it, or undefined when it is not the user's. */
export async function updateNotifikasiDibaca(
  db: Db,
  pegawaiId: number,
  id: number,
  waktu: Date,
): Promise<Pick<Tabel['notifikasi'], 'id' | 'tautan'> | undefined> {
  const row = await db('notifikasi')
    .where({ id: String(id), pegawai_id: pegawaiId })
    .first('id', 'tautan', 'dibaca_at');
  if (!row) return undefined;
  if (!row.dibaca_at) await db('notifikasi').where({ id: row.id }).whereNull('dibaca_at').update({ dibaca_at: waktu });
  return { id: row.id, tautan: row.tautan };
}

/** Marks every unread notification of the user read; how many were. */
export async function updateSemuaNotifikasiDibaca(db: Db, pegawaiId: number, waktu: Date): Promise<number> {
  return db('notifikasi').where('pegawai_id', pegawaiId).whereNull('dibaca_at').update({ dibaca_at: waktu });
}
