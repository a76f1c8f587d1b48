import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type pg from 'pg';
import ClientPgLite from 'knex-pglite';

// The hot pages' reads as prepared statements: the SQL text is written once, here in a constant,
// and sent by name, so PostgreSQL parses and plans it once per connection (node-postgres keeps the
// names per connection) and no query builder runs per request. Outside a transaction on a
// PostgreSQL server, straight to a pooled connection of knex's pool, with knex's 'query' event
// (the query budget test, the bench's counter); in a transaction and on the embedded database
// (which has no named statements and ignores the name), through knex.raw.

/** A statement: its text (knex's `?` placeholders) and the rows it gives for its bindings. */
export interface Pernyataan<T> {
  readonly sql: string;
  (db: Knex | Knex.Transaction, nilai: readonly Knex.RawBinding[]): Promise<T[]>;
}

/** The parts of knex's client used to run a statement on one of its pooled connections. */
interface KlienKnex {
  acquireConnection(): Promise<unknown>;
  releaseConnection(conn: unknown): Promise<unknown>;
  positionBindings(sql: string): string;
  emit(event: 'query', data: object): void;
}

export function pernyataan<T>(sql: string): Pernyataan<T> {
  const name = `bk_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
  let teks: string | undefined;
  const jalankan = async (db: Knex | Knex.Transaction, nilai: readonly Knex.RawBinding[]) => {
    if (db.isTransaction || db.client instanceof ClientPgLite) {
      const r = await db.raw<{ rows: T[] }>(sql, nilai).options({ name });
      return r.rows;
    }
    const klien = db.client as KlienKnex;
    teks ??= klien.positionBindings(sql);
    const conn = (await klien.acquireConnection()) as pg.Client;
    try {
      klien.emit('query', { sql, bindings: nilai, options: { name }, method: 'raw' });
      const r = await conn.query<T & pg.QueryResultRow>({ name, text: teks, values: nilai as unknown[] });
      return r.rows;
    } finally {
      await klien.releaseConnection(conn);
    }
  };
  return Object.assign(jalankan, { sql });
}

/** A binding used `n` times in a statement (knex's `?` cannot refer to one twice). */
export const kali = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

/** A JSON column as an object: pg parses json, the embedded database may hand over its text. */
export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/**
 * The side facts of a page's statement, on one row only (`row_number() OVER ()`: whichever comes
 * first), not repeated on each of its rows for the driver to parse again:
 *   SELECT ${KEPALA}, r.* FROM (SELECT json_build_object(…) AS kepala) k LEFT JOIN LATERAL (…) r ON true
 */
export const KEPALA = 'CASE WHEN row_number() OVER () = 1 THEN k.kepala END AS kepala';

/**
 * A page's rows and its side facts from one statement shaped as above: the side facts (one JSON
 * value, always there) and the rows without them (none when the lateral part gave none: one row
 * whose `id` is null).
 */
export function pisahKepala<K, R extends { id: unknown }>(rows: (R & { kepala: unknown })[]): { kepala: K; baris: R[] } {
  const kepala = json<K>(rows.find((r) => r.kepala !== null && r.kepala !== undefined)?.kepala);
  const baris = rows.filter((r) => r.id !== null).map(({ kepala: _, ...r }) => r as unknown as R);
  return { kepala, baris };
}

/** A timestamp that came through JSON (text) as a Date again, as the driver gives it in a column. */
export const waktuDari = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));
