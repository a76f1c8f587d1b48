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

// A Buffer goes to PGlite as a binary parameter, as pg sends it: PGlite's own bytea serializer
// builds hex text through an array of one string per byte (~3 s and hundreds of MB for a 5 MB
// file, with the process blocked throughout).
const PGLITE_SERIALIZERS: Record<number, (v: unknown) => string> = {
  // the bytes themselves (typed as text for PGlite's signature): PGlite sends them as binary
  [types.BYTEA]: (v) => v as string,
};

const PGLITE_OPTIONS = { parsers: PGLITE_PARSERS, serializers: PGLITE_SERIALIZERS };

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
    client: ClientPgLite,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    acquireConnectionTimeout: 5_000,
  };
}

/** The embedded database on disk in `dataDir` (locked against a second process), or in memory. */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<{ pglite: PGlite; release: () => void }> {
  if (!dataDir) {
    const pglite = new PGlite(PGLITE_OPTIONS);
    await pglite.waitReady;
    return { pglite, release: () => {} };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const load = loadDataDir && !fs.existsSync(pgdata) ? { loadDataDir } : {};
    const pglite = new PGlite(pgdata, { ...PGLITE_OPTIONS, ...load });
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
  return new PGlite(PGLITE_OPTIONS);
}

/** An in-memory PGlite started from a data directory dumped with `dumpDataDir()` (tests copy a migrated template). */
export function pgliteFromDump(dump: Blob): PGlite {
  return new PGlite({ ...PGLITE_OPTIONS, loadDataDir: dump });
}

/**
 * A bytea value by its row's id, as a Buffer. PGlite answers queries in text only, so a 5 MB file
 * would come back as 10 MB of hex to decode (~0.1–0.3 s with the process blocked): there it comes
 * through COPY … TO '/dev/blob' in binary instead.
 */
export async function byteaById(db: Knex, table: string, column: string, id: number): Promise<Buffer | undefined> {
  if (!(db.client instanceof ClientPgLite)) {
    const row = await db(table).where({ id }).first(column);
    return row?.[column] as Buffer | undefined;
  }
  if (!Number.isSafeInteger(id)) return undefined; // COPY takes no parameters
  const res = await db.raw(`COPY (SELECT ?? FROM ?? WHERE id = ${id}) TO '/dev/blob' WITH (FORMAT binary)`, [column, table]);
  const blob = (res as { blob?: Blob }).blob;
  if (!blob) return undefined;
  // binary COPY: signature (11 bytes), flags, header extension length and extension; then each row:
  // its field count (-1 ends the data), and per field its length (-1 for NULL) and bytes
  const copy = Buffer.from(await blob.arrayBuffer());
  const row = 19 + copy.readInt32BE(15);
  if (copy.readInt16BE(row) !== 1) return undefined;
  const length = copy.readInt32BE(row + 2);
  return length < 0 ? undefined : copy.subarray(row + 6, row + 6 + length);
}

/**
 * Two processes on one PGlite directory silently lose data: refuse the second one. The lock file
 * holds the PID and (on Linux) the process's start time, so that a PID since reused by another
 * process, after a crash or a reboot, is told from a live holder.
 */
export function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, 'bangkom.lock');
  const mine = [process.pid, startTicks(process.pid)].filter((v) => v !== undefined).join(' ');
  try {
    const fd = fs.openSync(lockFile, 'wx');
    fs.writeSync(fd, mine);
    fs.closeSync(fd);
  } catch {
    const pid = lockHolder(fs.readFileSync(lockFile, 'utf8'), fs.statSync(lockFile).mtimeMs);
    if (pid) {
      throw new Error(
        `Database di ${dir} sedang dipakai oleh proses ${pid}. Hentikan proses itu, atau gunakan DATABASE_URL untuk menjalankan beberapa proses.`,
      );
    }
    fs.writeFileSync(lockFile, mine);
  }
  return () => {
    try {
      if (fs.readFileSync(lockFile, 'utf8') === mine) fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

/** The live process that holds a lock file (its text, last written at writtenMs), or undefined when the lock is stale. */
function lockHolder(text: string, writtenMs: number): number | undefined {
  const [first, start] = text.trim().split(/\s+/);
  const pid = Number(first);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || !processAlive(pid)) return undefined;
  const ticks = startTicks(pid);
  if (ticks === undefined) return pid; // no /proc: the PID alone decides
  if (start) return Number(start) === ticks ? pid : undefined;
  // a lock file of an older version (PID only): its writer had started before writing it
  return startedAtMs(ticks) > writtenMs + 1000 ? undefined : pid;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: when a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined elsewhere. */
function startTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // count after the command name, which is in parentheses and may hold spaces: field 22 is the 20th after it
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** The wall-clock moment `ticks` after boot (Linux counts user-space ticks at 100 a second). */
function startedAtMs(ticks: number): number {
  const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
  return btime * 1000 + ticks * 10;
}

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}

export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
