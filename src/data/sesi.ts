import type { Knex } from 'knex';
import { json, pernyataan } from '../db/pernyataan';
import { KOLOM_PENGGUNA, PENGGUNA_DARI, toPengguna, type Pengguna } from './pegawai';

/** A session row as express-session stored it, and the user it names as every page needs them. */
export interface SesiPengguna {
  sess: unknown;
  /** null: no user in the session, or one that is no longer active (or no longer exists) */
  pengguna: Pengguna | null;
}

const bacaSesi = pernyataan<Record<string, unknown>>(
  `SELECT s.sess, ${KOLOM_PENGGUNA}
     FROM (SELECT ?::date AS hari) h
     CROSS JOIN sessions s
     LEFT JOIN (${PENGGUNA_DARI}) ON p.id = (s.sess -> 'passport' -> 'user' ->> 'id')::int AND p.aktif
    WHERE s.sid = ? AND s.expired >= ?`,
);

/**
 * Who is asking, in one round trip: the session row (the table of connect-session-knex, not
 * expired at `sekarang`) with the user named in it (`sess.passport.user.id`, as passport wrote it),
 * the menu's counters and the planning years. Whether the session's password stamp still matches
 * is the caller's to check (kunci_sesi). Undefined when there is no such session.
 */
export async function findSesiPengguna(db: Knex, sid: string, sekarang: Date, hariIni: string): Promise<SesiPengguna | undefined> {
  const [row] = await bacaSesi(db, [hariIni, sid, sekarang]);
  if (!row) return undefined;
  const { sess, ...kolom } = row;
  return {
    sess: json(sess),
    pengguna: kolom.id === null || kolom.id === undefined ? null : toPengguna(kolom),
  };
}

const sesiBaru = pernyataan('INSERT INTO sessions (sid, sess, expired) VALUES (?, ?::json, ?) ON CONFLICT (sid) DO NOTHING RETURNING sid');
const sesiUbah = pernyataan('UPDATE sessions SET sess = ?::json, expired = ? WHERE sid = ? RETURNING sid');
const hapus = pernyataan('DELETE FROM sessions WHERE sid = ?');

/**
 * Writes a session (its JSON text) to last until `kedaluwarsa`: a new one is inserted, one already
 * in the table only updated, so that a session deleted meanwhile (a logout, by another request of the
 * same browser) is never written back. Whether it was written.
 */
export async function saveSesi(db: Knex, sid: string, sess: string, kedaluwarsa: Date, baru: boolean): Promise<boolean> {
  const rows = baru ? await sesiBaru(db, [sid, sess, kedaluwarsa]) : await sesiUbah(db, [sess, kedaluwarsa, sid]);
  return rows.length > 0;
}

export async function deleteSesi(db: Knex, sid: string): Promise<void> {
  await hapus(db, [sid]);
}

/** Sessions past their end (the worker's sweep). */
export async function deleteSesiKedaluwarsa(db: Knex, sekarang: Date): Promise<void> {
  await db('sessions').where('expired', '<', sekarang).delete();
}
