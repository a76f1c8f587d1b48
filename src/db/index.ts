import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { PGlite, types } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import { migrationSource } from '../../migrations/index';

// `date` columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(1082, (v: string) => v);

export type DbKind = 'postgres' | 'pglite';

export interface Database {
  knex: Knex;
  kind: DbKind;
  close(): Promise<void>;
}

// Make PGlite's results match pg's: int8 and numeric as strings, bytea as Buffer, date as text.
const PGLITE_PARSERS = {
  [types.INT8]: (v: string) => v,
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
  // PGlite hands the parser bytea in its text form ('\\x2550…'): decode the hex, or the file comes back as its hex text
  [types.BYTEA]: (v: unknown) =>
    typeof v === 'string' ? Buffer.from(v.startsWith('\\x') ? v.slice(2) : v, 'hex') : Buffer.from(v as Uint8Array),
} as Record<number, (v: string) => unknown>;

export interface OpenOptions {
  /** postgres://… ; unset means the embedded database */
  url?: string | undefined;
  /** embedded: a directory on disk, or null for memory */
  dataDir?: string | null;
  /** an already opened PGlite (tests clone a migrated template) */
  pglite?: PGlite;
  /** embedded on disk: a dumped data directory to start a new directory from (tests) */
  loadDataDir?: Blob;
  poolMax?: number;
}

/** Knex settings for a PostgreSQL server. */
export function pgKnexConfig(url: string, poolMax = 10): Knex.Config {
  return { client: 'pg', connection: url, pool: { min: 0, max: poolMax }, acquireConnectionTimeout: 10_000 };
}

/** Knex settings for an opened PGlite (its pool is the one instance). */
export function pgliteKnexConfig(pglite: PGlite): Knex.Config {
  return {
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    acquireConnectionTimeout: 5_000,
  };
}

/** The embedded database on disk in `dataDir` (locked against a second process), or in memory. */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<{ pglite: PGlite; release: () => void }> {
  if (!dataDir) {
    const pglite = new PGlite({ parsers: PGLITE_PARSERS });
    await pglite.waitReady;
    return { pglite, release: () => {} };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const load = loadDataDir && !fs.existsSync(pgdata) ? { loadDataDir } : {};
    const pglite = new PGlite(pgdata, { parsers: PGLITE_PARSERS, ...load });
    await pglite.waitReady;
    return { pglite, release };
  } catch (e) {
    release();
    throw e;
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const knex = knexFactory(pgKnexConfig(opts.url, opts.poolMax));
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  const { pglite, release } = opts.pglite
    ? { pglite: opts.pglite, release: () => {} }
    : await openPglite(opts.dataDir ?? null, opts.loadDataDir);
  await pglite.waitReady;
  const knex = knexFactory(pgliteKnexConfig(pglite));
  return {
    knex,
    kind: 'pglite',
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}

export function newPglite(): PGlite {
  return new PGlite({ parsers: PGLITE_PARSERS });
}

/** An in-memory PGlite started from a data directory dumped with `dumpDataDir()` (tests copy a migrated template). */
export function pgliteFromDump(dump: Blob): PGlite {
  return new PGlite({ parsers: PGLITE_PARSERS, loadDataDir: dump });
}

/** Two processes on one PGlite directory silently lose data: refuse the second one. */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, 'bangkom.lock');
  try {
    const fd = fs.openSync(lockFile, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  } catch {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new Error(
        `Database di ${dir} sedang dipakai oleh proses ${pid}. Hentikan proses itu, atau gunakan DATABASE_URL untuk menjalankan beberapa proses.`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}

export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
