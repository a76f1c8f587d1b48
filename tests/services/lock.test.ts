import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir, openDatabase } from '../../src/db/index';
import { startApp, type Running } from '../e2e/harness';
import { templateDump } from '../helpers/app';

// Only one process may open an embedded data directory: the lock file DATA_DIR/bangkom.lock names
// it. A lock left by a crashed process whose PID now belongs to another process must not block
// startup; a lock held by a live Bangkom process must.
const EMBEDDED = !process.env.DATABASE_URL;
const LINUX = fs.existsSync('/proc/self/stat');

let dir: string;
let lockFile: string;
let template: Blob;
let lain: ChildProcess; // a live process that is not Bangkom
let app: Running | undefined;

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function mulaiProses(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** Takes the lock of `dir` as opening the database does, and releases it; the lock file is gone afterwards. */
async function bukaTutup() {
  const lepas = lockDataDir(dir);
  expect(fs.readFileSync(lockFile, 'utf8')).toMatch(new RegExp(`^${process.pid}( \\d+)?$`));
  lepas();
  expect(fs.existsSync(lockFile)).toBe(false);
}

describe.runIf(EMBEDDED)('the lock of the embedded data directory', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-lock-'));
    lockFile = path.join(dir, 'bangkom.lock');
    template = await templateDump();
    lain = spawn('sleep', ['120'], { stdio: 'ignore' });
  });
  afterAll(async () => {
    lain?.kill();
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is taken over from a dead process', async () => {
    fs.writeFileSync(lockFile, '2147483646 12345');
    await bukaTutup();
  });

  it.runIf(LINUX)('is taken over when its PID now belongs to another live process (another start time)', async () => {
    fs.writeFileSync(lockFile, `${lain.pid} 1`);
    await bukaTutup();
    fs.writeFileSync(lockFile, `${process.ppid} 1`);
    await bukaTutup();
    // the same PID with that process's own start time is a live holder
    fs.writeFileSync(lockFile, `${lain.pid} ${mulaiProses(lain.pid!)}`);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`sedang dipakai oleh proses ${lain.pid}`);
    fs.unlinkSync(lockFile);
  });

  it.runIf(LINUX)('of an older version (PID only) is taken over when that process started after it was written', async () => {
    fs.writeFileSync(lockFile, String(lain.pid));
    fs.utimesSync(lockFile, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    await bukaTutup();
  });

  it('of an older version (PID only) naming a process that may have written it still refuses', async () => {
    fs.writeFileSync(lockFile, String(lain.pid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`sedang dipakai oleh proses ${lain.pid}`);
    fs.unlinkSync(lockFile);
  });

  it('refuses while a live Bangkom process holds it, and is taken over once that process is killed', async () => {
    app = await startApp({}, { dataDir: dir, template });
    const pid = app.proc.pid!;
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(LINUX ? `${pid} ${mulaiProses(pid)}` : String(pid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      `Database di ${dir} sedang dipakai oleh proses ${pid}. Hentikan proses itu, atau gunakan DATABASE_URL untuk menjalankan beberapa proses.`,
    );
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);

    app.proc.kill('SIGKILL'); // no clean stop: the lock file stays behind
    await app.exited;
    app = undefined;
    expect(fs.readFileSync(lockFile, 'utf8')).toMatch(new RegExp(`^${pid}`));
    await bukaTutup();
  }, 120_000);
});
