import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BCRYPT_COST_UJI, WAKTU_UJI } from '../helpers/waktu';
import { openPglite } from '../../src/db/index';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { tambahHari, tanggalWIB } from '../../src/domain/waktu';

// Starts Bangkom as a real process on a free port with a fresh embedded database, and Chromium.

export const SCREENSHOTS = path.resolve('tests/e2e/screenshots');
export const PASSWORD = 'bangkom2026';

/**
 * A port for an app of this test worker: from the worker's own hundred below the kernel's ephemeral
 * range (32768–60999), checked free. A port the kernel hands out (listen on 0) may be handed again,
 * between the check and the app's own bind, to another worker's app or to an outgoing connection:
 * the health check then answers from the wrong process.
 */
let naik = 0;
async function freePort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID) || 1;
  for (let i = 0; i < 100; i++) {
    const port = 20000 + (worker % 100) * 100 + (naik++ % 100);
    if (await bebas(port)) return port;
  }
  throw new Error(`no free port for worker ${worker}`);
}

function bebas(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export interface Running {
  base: string;
  dataDir: string;
  proc: ChildProcess;
  /** resolves when the process has ended, however it ended */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}, opts: { dataDir?: string; template?: Blob } = {}): Promise<Running> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-e2e-'));
  if (opts.template) {
    // start from the suite's seeded template instead of creating and seeding a database
    const { pglite, release } = await openPglite(dataDir, opts.template);
    await pglite.close();
    release();
  }
  // the compiled server, as in production (the test run's global setup builds dist/ when stale)
  const proc = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      // the app's clock starts at the tests' moment, never today's date
      BANGKOM_WAKTU: WAKTU_UJI,
      BCRYPT_COST: String(BCRYPT_COST_UJI),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // listen at once: a process killed by a signal keeps exitCode null, and a late listener never fires
  let hidup = true;
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      hidup = false;
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!hidup) throw new Error(`app exited with ${proc.exitCode ?? proc.signalCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error('app did not start within 90 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    dataDir,
    proc,
    exited,
    async stop() {
      if (hidup) {
        proc.kill('SIGTERM');
        await exited;
      }
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Compiles the server to dist/ when it is missing or older than the source (npm start does the same). */
export function buildServer() {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
}

/** Chromium with a fresh profile (playwright's default) and no background traffic. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function context(browser: Browser, opts: { phone?: boolean; javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
    javaScriptEnabled: opts.javaScript ?? true,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
}

let urut = 0;
/** Keeps a screenshot of the page, and fails if a phone-sized page scrolls sideways. */
export async function foto(page: Page, nama: string) {
  const lebar = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  if (lebar[1]! < 500 && lebar[0]! > lebar[1]! + 1) throw new Error(`${nama}: page is ${lebar[0]} px wide on a ${lebar[1]} px phone`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${String(++urut).padStart(3, '0')}-${nama}.png`), fullPage: true });
}

/** Logs in through the login page, as a person would. */
export async function login(page: Page, base: string, nip: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('NIP').fill(nip);
  await page.getByLabel('Kata Sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'LOGIN' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function logout(page: Page) {
  await page.locator('header .dropdown-toggle').click();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/** A WIB calendar date n days from the app's (test-set) today. */
export const hari = (n: number) => tambahHari(tanggalWIB(new Date(WAKTU_UJI)), n);

/** A small real PDF on disk, to upload through a file input. */
export async function pdfUji(judul: string): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-pdf-')), `${judul}.pdf`);
  await new Promise<void>((resolve) => {
    const doc = new PDFDocument();
    const out = fs.createWriteStream(file);
    out.on('finish', () => resolve());
    doc.pipe(out);
    doc.text(judul);
    doc.end();
  });
  return file;
}
