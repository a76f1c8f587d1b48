import type { Knex } from 'knex';
import { kolomPengguna, toPengguna, type Pengguna } from './pegawai';

/** A session row as express-session stored it, and the user it names as every page needs them. */
export interface SesiPengguna {
  sess: unknown;
  /** null: no user in the session, or one that is no longer active (or no longer exists) */
  pengguna: Pengguna | null;
}

/**
 * Who is asking, in one round trip: the session row (the table of connect-session-knex, not
 * expired at `sekarang`) with the user named in it (`sess.passport.user.id`, as passport wrote it)
 * and the menu's counters. Whether the session's password stamp still matches is the caller's to
 * check (kunci_sesi). Undefined when there is no such session.
 */
export async function findSesiPengguna(db: Knex, sid: string, sekarang: Date, hariIni: string): Promise<SesiPengguna | undefined> {
  const row: Record<string, unknown> | undefined = await db('sessions as s')
    .joinRaw(`LEFT JOIN pegawai p ON p.id = (s.sess -> 'passport' -> 'user' ->> 'id')::int AND p.aktif`)
    .leftJoin('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .where('s.sid', sid)
    .where('s.expired', '>=', sekarang)
    .first('s.sess', ...kolomPengguna(db, hariIni));
  if (!row) return undefined;
  const { sess, ...kolom } = row;
  return {
    sess: typeof sess === 'string' ? JSON.parse(sess) : sess,
    pengguna: kolom.id === null || kolom.id === undefined ? null : toPengguna(kolom),
  };
}
