import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/index';
import { loadConfig } from '../src/config';
import { createServices } from '../src/services/index';
import { systemClock } from '../src/domain/waktu';
import { JENIS_EKSPOR } from '../src/domain/ekspor';
import type { Pengguna } from '../src/data/pegawai';
import { ukurMuatAwal, type MuatAwal } from './muat-awal';
import { cetakProfil, ringkasProfil, saatProfil, type RingkasanProfil } from './profil-cpu';
import { BKPSDM_ID, KONSEP_PER_PENGIRIM, PASSWORD, generate, manajer, pembaca, pengirim, rushUsers, type Dataset } from './generate';

// npm run bench: a province-sized dataset in a fresh database, the app started as in production in a
// child process, each scenario driven over HTTP by autocannon as logged-in users; the baseline (the
// dashboard template rendered from memory) in the same run; on PostgreSQL also the deadline rush.
// DATABASE_URL set: a new database on that server (dropped at the end); unset: embedded PGlite.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
/** The reverse proxy's header: production cookies are Secure, and the app trusts loopback proxies. */
const H = { 'x-forwarded-proto': 'https' };
const FORM = 'application/x-www-form-urlencoded';
/** Performance II: pages ≥ 40 % of the baseline with p99 ≤ 50 ms; writes p99 ≤ 100 ms; the rekap
 *  page p99 ≤ 200 ms; a stored file (export, letter) p99 ≤ 300 ms. */
const TARGET = { pageP99: 50, reportP99: 200, exportP99: 300, writeP99: 100, baselineShare: 0.4 };

type Kind = 'page' | 'report' | 'export' | 'write' | 'login';
interface Req {
  path: string;
  method?: 'GET' | 'POST';
  cookie?: string;
  body?: string;
}
interface Scenario {
  name: string;
  kind: Kind;
  /** The next request to send (round-robin over the users, or the next item of a queue). */
  next: () => Req;
  ok: number[];
  /** before measuring: e.g. wait until the worker has stored the file; a note for the table */
  sebelum?: () => Promise<string | null>;
}
interface Hasil {
  name: string;
  kind: Kind | 'baseline';
  status: 'ok' | 'missing';
  rps: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  errors: number | null;
  queries: number | null;
  peak_rss_mb: number | null;
  /** the app process's CPU time per request during the run (user + system), and its share of one core */
  cpu_ms_per_req?: number | null;
  cpu_core_pct?: number | null;
}
interface Sesi {
  cookie: string;
  csrf: string;
}

const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A process's CPU time so far (user + system), in ms (Linux: /proc/<pid>/stat fields 14 and 15, in 1/100 s). */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts an entry point as its own node process (the pid is the server's own): the server as in
 * production, compiled (`npm run bench` builds dist/ first); a TypeScript file through tsx.
 */
function start(entry: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess & { stderrTail: string[] } {
  const child = spawn(process.execPath, [...nodeFlags, ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), entry, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  }) as ChildProcess & { stderrTail: string[] };
  child.stderrTail = [];
  child.stderr!.on('data', (d: Buffer) => {
    child.stderrTail.push(d.toString());
    if (child.stderrTail.length > 20) child.stderrTail.shift();
  });
  return child;
}

async function waitReady(base: string, child: ChildProcess & { stderrTail: string[] }, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}): ${child.stderrTail.join('')}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`${base} did not become ready: ${child.stderrTail.join('')}`);
}

/**
 * Waits, sending no request, until the app's worker has stored the province's exports of `tahun` and
 * the year before (`jenis`: only those) at the current data version: it builds them after the data
 * has settled and the app has been idle for a few seconds, and a build under way would take the CPU
 * from the scenario measured next. PostgreSQL: reads the table; the embedded database is the app's
 * alone, so there a fixed quiet spell.
 */
async function tungguEksporTersimpan(ds: Dataset, tahun: number, jenis: readonly string[] = JENIS_EKSPOR): Promise<string | null> {
  const mulai = performance.now();
  if (ds.kind !== 'postgres') {
    await sleep(45_000);
    return 'waited 45 s without requests for the worker to store the files (embedded: not checked)';
  }
  const db = await openDatabase({ url: ds.url, poolMax: 1 });
  try {
    for (let kali = 0; performance.now() - mulai < 120_000; kali++) {
      const r = await db.knex.raw<{ rows: { n: number }[] }>(
        `SELECT count(*)::int AS n FROM ekspor e
          WHERE e.jenis = ANY(?) AND e.tahun IN (?, ?) AND e.instansi_id = 0 AND e.versi = (SELECT sum(nilai) FROM versi_rekap)`,
        [[...jenis], tahun, tahun - 1],
      );
      if (r.rows[0]!.n === jenis.length * 2)
        return kali
          ? `${jenis.join(', ')} stored by the worker ${Math.round((performance.now() - mulai) / 1000)} s after the load stopped`
          : null;
      await sleep(500);
    }
    return `NOT all of ${jenis.join(', ')} stored by the worker within 120 s`;
  } finally {
    await db.close();
  }
}

/** Idle: two health checks in a row answer within 100 ms. */
async function waitIdle(base: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  let fast = 0;
  while (Date.now() < until) {
    const t = performance.now();
    try {
      await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      fast = performance.now() - t < 100 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    if (fast >= 2) return true;
    await sleep(200);
  }
  return false;
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const sid = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('bangkom.sid='));
const csrfDari = (html: string) => /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** An anonymous session with its CSRF token, as the login page hands it out. */
async function halamanLogin(base: string): Promise<Sesi> {
  const res = await fetch(`${base}/login`, { headers: H });
  const html = await res.text();
  const cookie = sid(res);
  const csrf = csrfDari(html);
  if (!cookie || !csrf) throw new Error(`GET /login: ${res.status} without session or token`);
  return { cookie, csrf };
}

/** Logs in like a browser: GET /login, POST /login with _csrf, then a page for the new session's token. */
async function masuk(base: string, nip: string): Promise<Sesi> {
  const anon = await halamanLogin(base);
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...H, cookie: anon.cookie, 'content-type': FORM },
    body: new URLSearchParams({ _csrf: anon.csrf, nip, password: PASSWORD }).toString(),
  });
  const cookie = sid(res);
  if (res.status !== 303 || !cookie) throw new Error(`login ${nip}: ${res.status}`);
  const page = await fetch(`${base}/akun/password`, { headers: { ...H, cookie } });
  const csrf = csrfDari(await page.text());
  if (!csrf) throw new Error(`login ${nip}: no token after login`);
  return { cookie, csrf };
}

async function semua<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]!);
      }
    }),
  );
  return out;
}

async function kirimSatu(base: string, r: Req): Promise<Response> {
  return fetch(`${base}${r.path}`, {
    method: r.method ?? 'GET',
    redirect: 'manual',
    headers: { ...H, ...(r.cookie ? { cookie: r.cookie } : {}), ...(r.body !== undefined ? { 'content-type': FORM } : {}) },
    body: r.body,
  });
}

const hitungQuery = async (base: string) => Number((await fetch(`${base}/healthz`)).headers.get('x-query-count'));

/**
 * The database queries of one request alone: the app's running total before and after it (minus
 * the probes' own). The total counts the background worker's queries too: first wait (up to 10 s)
 * for a spell in which only the probe itself queries.
 */
async function queriesPerRequest(base: string, r: Req): Promise<{ status: number; body: string; queries: number }> {
  for (let i = 0; i < 20; i++) {
    const q0 = await hitungQuery(base);
    await sleep(200);
    if ((await hitungQuery(base)) - q0 === 1) break; // the first probe's own ping, nothing else
    await sleep(300);
  }
  const before = await hitungQuery(base);
  const res = await kirimSatu(base, r);
  const body = await res.text();
  await sleep(30); // the session store writes after the response has started
  const after = await hitungQuery(base);
  return { status: res.status, body, queries: after - before - 1 };
}

async function ukur(base: string, pid: number, s: Scenario, url = base): Promise<Hasil> {
  const kosong = { rps: null, p50_ms: null, p99_ms: null, errors: null, queries: null, peak_rss_mb: null };
  // Probe twice: is the route there, and how many queries does one request cost (the smaller count: the
  // background worker may query in between).
  const a = await queriesPerRequest(url, s.next());
  if (a.status === 404 || a.body.includes('Halaman ini belum tersedia'))
    return { name: s.name, kind: s.kind, status: 'missing', ...kosong };
  const b = await queriesPerRequest(url, s.next());
  if (!s.ok.includes(a.status)) log(`  ${s.name}: probe answered ${a.status}`);
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  const cpu = (n: number) => {
    const ms = cpuMs(pid) - cpu0;
    return {
      cpu_ms_per_req: n > 0 && Number.isFinite(ms) ? Math.round((ms / n) * 100) / 100 : null,
      cpu_core_pct: Number.isFinite(ms) ? Math.round((ms / (performance.now() - t0)) * 100) : null,
    };
  };
  if (s.kind === 'export') {
    const h = await unduhBerulang(url, s);
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    return {
      name: s.name,
      kind: s.kind,
      status: 'ok',
      ...h,
      queries: Math.min(a.queries, b.queries),
      peak_rss_mb: peak,
      ...cpu((h.rps ?? 0) * DURATION),
    };
  }
  const u = new URL(url);
  const result = await autocannon({
    url: url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => {
          const r = s.next();
          return {
            ...req,
            method: r.method ?? 'GET',
            path: r.path,
            headers: {
              ...H,
              host: `${u.hostname}:${u.port}`,
              ...(r.cookie ? { cookie: r.cookie } : {}),
              ...(r.body !== undefined ? { 'content-type': FORM } : {}),
            },
            body: r.body ?? '',
          };
        },
      },
    ],
  });
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(pid));
  const cpuRun = cpu((result as { requests: { total: number } }).requests.total);
  await sleep(300); // let stragglers finish before the next scenario
  const r = result as {
    errors: number;
    timeouts: number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
  };
  if (r.requests.total === 0) {
    // nothing answered within the run: latency unknown, every connection's request counted as failed
    return {
      name: s.name,
      kind: s.kind,
      status: 'ok',
      rps: 0,
      p50_ms: null,
      p99_ms: null,
      errors: CONNECTIONS,
      queries: Math.min(a.queries, b.queries),
      peak_rss_mb: peak,
    };
  }
  const errors = r.errors + r.timeouts + r['4xx'] + r['5xx'] + (s.ok.includes(200) ? 0 : r['2xx']) + (s.ok.includes(303) ? 0 : r['3xx']);
  if (errors)
    log(
      `  ${s.name}: ${errors} errors (connection ${r.errors}, timeout ${r.timeouts}, 4xx ${r['4xx']}, 5xx ${r['5xx']}, 2xx ${r['2xx']}, 3xx ${r['3xx']})`,
    );
  return {
    name: s.name,
    kind: s.kind,
    status: 'ok',
    rps: Math.round(r.requests.average * 10) / 10,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors,
    queries: Math.min(a.queries, b.queries),
    peak_rss_mb: peak,
    ...cpuRun,
  };
}

/**
 * Downloads (binary bodies) under the same load, with Node's HTTP client: autocannon's response
 * parser is the bottleneck on binary bodies (a static server sending the 3.5 MB rekap.xlsx: 18
 * req/s and p50 51 ms through autocannon at one connection, 150+ req/s and 6–9 ms through Node's
 * client). CONNECTIONS keep-alive connections, each sending its next request when the last ends.
 */
async function unduhBerulang(url: string, s: Scenario): Promise<Pick<Hasil, 'rps' | 'p50_ms' | 'p99_ms' | 'errors'>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const u = new URL(url);
  const lat: number[] = [];
  let errors = 0;
  const sampai = performance.now() + DURATION * 1000;
  const satu = (r: Req) =>
    new Promise<number>((ok) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: r.path,
          method: r.method ?? 'GET',
          agent,
          headers: { ...H, ...(r.cookie ? { cookie: r.cookie } : {}) },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => ok(res.statusCode ?? 0));
          res.on('error', () => ok(0));
        },
      );
      req.setTimeout(30_000, () => req.destroy());
      req.on('error', () => ok(0));
      req.end();
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < sampai) {
        const t = performance.now();
        const status = await satu(s.next());
        lat.push(performance.now() - t);
        if (!s.ok.includes(status)) errors++;
      }
    }),
  );
  agent.destroy();
  return { rps: Math.round((lat.length / DURATION) * 10) / 10, p50_ms: Math.round(pct(lat, 50)), p99_ms: Math.round(pct(lat, 99)), errors };
}

const roundRobin = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length]!;
};

interface Fixtures {
  nip: Map<number, string>;
  /** per reader: one item of the current year and one item with reports */
  item: Map<number, number>;
  laporanItem: Map<number, number>;
  /** kirim users' konsep items in next year */
  konsep: Map<number, number[]>;
  surat: { pegawaiId: number; id: number }[];
  kompetensi: string[];
  baseline: { user: Pengguna; page: Record<string, unknown> };
}

async function fixtures(ds: Dataset): Promise<Fixtures> {
  const db = await openDatabase(ds.url ? { url: ds.url } : { dataDir: ds.dataDir! });
  try {
    const k = db.knex;
    const readers = pembaca();
    const rush = rushUsers();
    const ids = [...readers, ...manajer(), ...pengirim(), ...rush, BKPSDM_ID];
    const suratDibaca = await k('rekomendasi')
      .whereIn('status', ['diterima', 'ditolak'])
      .orderBy('id')
      .limit(8)
      .select('pegawai_id as pegawaiId', 'id');
    const nip = new Map<number, string>(
      (
        await k('pegawai')
          .whereIn('id', [...ids, ...suratDibaca.map((s) => s.pegawaiId)])
          .select('id', 'nip')
      ).map((r) => [r.id, r.nip]),
    );
    const item = new Map<number, number>();
    const laporanItem = new Map<number, number>();
    for (const p of readers) {
      item.set(p, (await k('rincian').where({ pegawai_id: p, tahun: ds.tahun }).orderBy('id').first('id'))!.id);
      const l = await k('rincian').where({ pegawai_id: p }).whereIn('status', ['berjalan', 'selesai']).orderBy('id').first('id');
      if (l) laporanItem.set(p, l.id);
    }
    const konsep = new Map<number, number[]>();
    for (const p of pengirim())
      konsep.set(
        p,
        await k('rincian')
          .where({ pegawai_id: p, tahun: ds.tahun + 1, status: 'konsep' })
          .orderBy('id')
          .pluck('id'),
      );
    const sebelum = await k('rincian')
      .whereIn('pegawai_id', rush)
      .where('tahun', ds.tahun + 1)
      .count<{ n: string }[]>('* as n');
    if (Number(sebelum[0]!.n) !== 0) throw new Error('rush users already have items next year');
    const kompetensi = await k('kompetensi').where({ aktif: true }).orderBy('urutan').pluck('kode');
    const services = createServices({ db: k, clock: systemClock, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }) });
    // Every decision's letter, issued as a decision issues it now: otherwise the app's worker
    // issues the old decisions' letters a batch at a time for minutes, taking the CPU from the scenarios.
    const t = performance.now();
    let surat = 0;
    for (let n; (n = await services.rekomendasi.bekukanSuratLama(100));) surat += n;
    log(`issued ${surat} decision letters in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const user = (await services.akun.pengguna(readers[0]!))!;
    const page = await services.pengajuan.dashboard(user, ds.tahun);
    return {
      nip,
      item,
      laporanItem,
      konsep,
      surat: suratDibaca,
      kompetensi,
      baseline: { user, page: { tahun: ds.tahun, beranda: null, ...JSON.parse(JSON.stringify(page)) } },
    };
  } finally {
    await db.close();
  }
}

/** The plan form's body, built by hand: qs-style clients drop the indices of nested arrays. */
function bodyRencana(csrf: string, tahun: number, kompetensi: string[], n: number): string {
  const f = new URLSearchParams({ _csrf: csrf, tahun: String(tahun), jalur: 'klasikal', jenis_jabatan: 'pelaksana' });
  f.set('email', 'pegawai@bench.example.go.id');
  f.set('penilaian_kinerja', '82,5');
  for (const kode of kompetensi) f.set(`skj[${kode}]`, '1');
  for (let i = 0; i < n; i++) {
    f.set(`pelatihan[${i}][bentuk]`, ['pelatihan-teknis', 'seminar', 'workshop'][i % 3]!);
    f.set(`pelatihan[${i}][jp]`, String(8 + i * 4));
    f.set(`pelatihan[${i}][tanggal]`, `${tahun}-0${3 + i}-1${i}`);
    f.set(`pelatihan[${i}][materi]`, `Materi rencana ${i + 1}`);
    f.set(`pelatihan[${i}][anggaran]`, '2.500.000');
    f.set(`pelatihan[${i}][lembaga]`, 'BPSDM Provinsi');
    f.set(`pelatihan[${i}][sumber_dana]`, 'apbd');
    f.set(`pelatihan[${i}][alasan]`, 'Menutup kesenjangan kompetensi.');
  }
  f.set('persetujuan', '1');
  return f.toString();
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};

/** 500 employees each create a plan of 3 items and send it, all at once; then the rows are checked in SQL. */
async function rush(base: string, ds: Dataset, fx: Fixtures) {
  const users = rushUsers();
  log(`rush: logging in ${users.length} employees`);
  const sesi = await semua(users, 16, (p) => masuk(base, fx.nip.get(p)!));
  const tahun = ds.tahun + 1;
  const lat: number[] = [];
  let errors = 0;
  const timed = async (r: Req, expect: number) => {
    const t = performance.now();
    const res = await kirimSatu(base, r);
    await res.arrayBuffer();
    lat.push(performance.now() - t);
    if (res.status !== expect) errors++;
  };
  log('rush: 500 × (POST /pengajuan with 3 items, POST /pengajuan/kirim-semua)');
  const t0 = performance.now();
  await Promise.all(
    sesi.map(async (s) => {
      await timed({ path: '/pengajuan', method: 'POST', cookie: s.cookie, body: bodyRencana(s.csrf, tahun, fx.kompetensi, 3) }, 303);
      await timed(
        {
          path: '/pengajuan/kirim-semua',
          method: 'POST',
          cookie: s.cookie,
          body: new URLSearchParams({ _csrf: s.csrf, tahun: String(tahun) }).toString(),
        },
        303,
      );
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const db = await openDatabase({ url: ds.url! });
  try {
    const [row] = (
      await db.knex.raw(
        `SELECT count(*)::int AS items,
                count(*) FILTER (WHERE r.status = 'dikirim')::int AS dikirim,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM riwayat_status h WHERE h.rincian_id = r.id AND h.aksi = 'buat' AND h.ke = 'konsep')
                                   AND (SELECT count(*) FROM riwayat_status h WHERE h.rincian_id = r.id AND h.aksi = 'kirim' AND h.ke = 'dikirim') = 1)::int AS with_history
         FROM rincian r WHERE r.tahun = ? AND r.pegawai_id = ANY(?::int[])`,
        [tahun, users],
      )
    ).rows as { items: number; dikirim: number; with_history: number }[];
    const ok = errors === 0 && row!.items === users.length * 3 && row!.dikirim === row!.items && row!.with_history === row!.items;
    return {
      employees: users.length,
      requests: lat.length,
      errors,
      seconds: Math.round(seconds * 100) / 100,
      rps: Math.round((lat.length / seconds) * 10) / 10,
      items_per_s: Math.round(((users.length * 3) / seconds) * 10) / 10,
      p50_ms: Math.round(pct(lat, 50)),
      p99_ms: Math.round(pct(lat, 99)),
      items: row!.items,
      dikirim: row!.dikirim,
      with_history: row!.with_history,
      within_one_minute: seconds <= 60,
      ok,
    };
  } finally {
    await db.close();
  }
}

function tabel(baseline: Hasil, hasil: Hasil[]) {
  const base = baseline.rps ?? 0;
  const rows = [baseline, ...hasil].map((h) => {
    let target = '';
    if (h.status === 'missing') target = 'missing';
    else if (h.kind === 'page')
      target = h.p99_ms! <= TARGET.pageP99 && h.rps! >= TARGET.baselineShare * base && h.errors === 0 ? 'met' : 'NOT met';
    else if (h.kind === 'report') target = h.p99_ms! <= TARGET.reportP99 && h.errors === 0 ? 'met' : 'NOT met';
    else if (h.kind === 'export') target = h.p99_ms! <= TARGET.exportP99 && h.errors === 0 ? 'met' : 'NOT met';
    else if (h.kind === 'write') target = h.p99_ms! <= TARGET.writeP99 && h.errors === 0 ? 'met' : 'NOT met';
    else if (h.kind === 'login') target = h.errors === 0 ? '(none)' : 'errors';
    const f = (v: number | null) => (v === null ? '—' : String(v));
    return [
      h.name,
      h.kind,
      f(h.rps),
      f(h.p50_ms),
      f(h.p99_ms),
      f(h.errors),
      f(h.queries),
      f(h.peak_rss_mb),
      f(h.cpu_ms_per_req ?? null),
      f(h.cpu_core_pct ?? null),
      h.rps !== null && base ? `${Math.round((h.rps / base) * 100)}%` : '—',
      target,
    ];
  });
  const head = [
    'scenario',
    'kind',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'queries',
    'peak RSS MB',
    'CPU ms/req',
    'CPU % core',
    '% baseline',
    'target',
  ];
  const w = head.map((hd, i) => Math.max(hd.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i >= 2 && i <= 10 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(' | ') + ' |';
  return [
    line(head),
    '|' + w.map((n, i) => (i >= 2 && i <= 10 ? '-'.repeat(n + 1) + ':' : '-'.repeat(n + 2))).join('|') + '|',
    ...rows.map(line),
  ].join('\n');
}

/** When each scenario ran, on the profiler's clock, and its name: the profile's summary counts those spans only. */
const jendelaProfil: [number, number, string][] = [];

async function main() {
  const adminUrl = process.env.DATABASE_URL || undefined;
  const started = Date.now();
  log(`generating the province dataset on ${adminUrl ? 'PostgreSQL (a new database)' : 'embedded PGlite (a temp dir)'}`);
  const ds = await generate(adminUrl, new Date());
  log(`dataset ready in ${(ds.ms / 1000).toFixed(1)} s:`, JSON.stringify(ds.counts));
  let app: (ChildProcess & { stderrTail: string[] }) | undefined;
  let baselineProc: (ChildProcess & { stderrTail: string[] }) | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-bench-run-'));
  const stopAll = async () => {
    await stop(app);
    await stop(baselineProc);
  };
  const onSignal = () => void stopAll().then(() => ds.drop().finally(() => process.exit(130)));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const fx = await fixtures(ds);
    const [appPort, basePort] = [
      Number(process.env.BENCH_PORT) || (await freePort()),
      Number(process.env.BENCH_BASELINE_PORT) || (await freePort()),
    ];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(appPort),
      SESSION_SECRET: 'bench-session-secret-yang-cukup-panjang',
      BENCH_COUNT_QUERIES: '1',
      DEMO_DATA: '0',
      BASE_URL: `http://localhost:${appPort}`,
    };
    delete env.SMTP_URL;
    if (ds.kind === 'postgres') Object.assign(env, { NODE_ENV: 'production', DATABASE_URL: ds.url });
    else {
      // the embedded database runs in development mode only (production requires DATABASE_URL)
      delete env.NODE_ENV;
      delete env.DATABASE_URL;
      env.DATA_DIR = ds.dataDir;
    }
    // BENCH_CPU_PROF=1: the app runs under V8's sampling profiler; its summary is printed at the end
    const profDir = path.join(tmp, 'cpu-prof');
    const appFlags = process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
    const modelFile = path.join(tmp, 'baseline-model.json');
    fs.writeFileSync(modelFile, JSON.stringify(fx.baseline));
    app = start('dist/server.js', [], env, appFlags);
    baselineProc = start('bench/baseline.ts', [modelFile], { ...env, PORT: String(basePort) });
    const base = `http://127.0.0.1:${appPort}`;
    const baseUrl = `http://127.0.0.1:${basePort}`;
    await Promise.all([waitReady(base, app), waitReady(baseUrl, baselineProc)]);
    log(
      `app (pid ${app.pid}, ${ds.kind}, NODE_ENV=${env.NODE_ENV ?? 'unset'}) on ${appPort}; baseline (pid ${baselineProc.pid}) on ${basePort}`,
    );

    log('logging in the scenario users');
    const login = (ids: number[]) => semua(ids, 4, (p) => masuk(base, fx.nip.get(p)!));
    const readers = await login(pembaca());
    const managers = await login(manajer());
    const senders = await login(pengirim());
    const [bkpsdm] = await login([BKPSDM_ID]);
    const suratSesi = await login(fx.surat.map((s) => s.pegawaiId));
    // Each login needs a fresh anonymous session (login regenerates it): hand them out from a pool.
    const loginPool = await semua(Array.from({ length: 200 }), 8, () => halamanLogin(base));
    const loginNip = fx.nip.get(pembaca()[0]!)!;

    const Y = ds.tahun;
    const perReader = (f: (i: number) => string) => {
      const list = pembaca().map((p, i) => ({ path: f(p), cookie: readers[i]!.cookie }));
      return roundRobin(list);
    };
    const kirimQueue = pengirim().flatMap((p, i) => fx.konsep.get(p)!.map((id) => ({ id, s: senders[i]! })));
    // interleave the users so that consecutive requests are different people's
    kirimQueue.sort((a, b) => (a.id % KONSEP_PER_PENGIRIM) - (b.id % KONSEP_PER_PENGIRIM) || a.id - b.id);
    let kirimNext = 0;
    let poolNext = 0;
    const scenarios: Scenario[] = [
      { name: 'dashboard', kind: 'page', ok: [200], next: perReader(() => '/') },
      { name: 'daftar pengajuan p1', kind: 'page', ok: [200], next: perReader(() => '/pengajuan') },
      { name: 'daftar pengajuan cari', kind: 'page', ok: [200], next: perReader(() => '/pengajuan?q=kinerja') },
      { name: 'form rencana', kind: 'page', ok: [200], next: perReader(() => `/pengajuan/baru/klasikal?tahun=${Y + 1}`) },
      {
        name: 'verifikasi (25 bawahan)',
        kind: 'page',
        ok: [200],
        next: roundRobin(managers.map((s) => ({ path: '/verifikasi', cookie: s.cookie }))),
      },
      {
        name: 'bawahan langsung',
        kind: 'page',
        ok: [200],
        next: roundRobin(managers.map((s) => ({ path: '/bawahan', cookie: s.cookie }))),
      },
      { name: 'laporan', kind: 'page', ok: [200], next: perReader(() => '/laporan') },
      { name: 'detail rincian', kind: 'page', ok: [200], next: perReader((p) => `/pengajuan/${fx.item.get(p)}`) },
      {
        name: 'laporan detail',
        kind: 'page',
        ok: [200],
        next: roundRobin(
          pembaca()
            .map((p, i) => ({ p, i }))
            .filter(({ p }) => fx.laporanItem.has(p))
            .map(({ p, i }) => ({ path: `/laporan/${fx.laporanItem.get(p)}`, cookie: readers[i]!.cookie })),
        ),
      },
      {
        name: 'kirim',
        kind: 'write',
        ok: [303],
        next: () => {
          const q = kirimQueue[kirimNext++ % kirimQueue.length]!;
          return { path: `/pengajuan/${q.id}/kirim`, method: 'POST', cookie: q.s.cookie, body: `_csrf=${encodeURIComponent(q.s.csrf)}` };
        },
      },
      { name: 'rekap provinsi', kind: 'report', ok: [200], next: () => ({ path: `/bkpsdm/rekap?tahun=${Y}`, cookie: bkpsdm!.cookie }) },
      {
        name: 'rekap.xlsx',
        kind: 'export',
        ok: [200],
        next: () => ({ path: `/bkpsdm/rekap.xlsx?tahun=${Y}`, cookie: bkpsdm!.cookie }),
        // the target is for the stored file: let the worker build it once the writes have settled
        sebelum: () => tungguEksporTersimpan(ds, Y, ['rekap.xlsx']),
      },
      {
        name: 'surat keputusan pdf',
        kind: 'export',
        ok: [200],
        next: roundRobin(fx.surat.map((s, i) => ({ path: `/rekomendasi/${s.id}/surat.pdf`, cookie: suratSesi[i]!.cookie }))),
      },
      {
        name: 'login',
        kind: 'login',
        ok: [303],
        next: () => {
          const s = loginPool[poolNext++ % loginPool.length]!;
          return {
            path: '/login',
            method: 'POST',
            cookie: s.cookie,
            body: new URLSearchParams({ _csrf: s.csrf, nip: loginNip, password: PASSWORD }).toString(),
          };
        },
      },
    ];

    // Warm up (JIT, pools, the worker's first round) before measuring.
    await autocannon({ url: base, connections: 8, duration: 3, headers: { ...H, cookie: readers[0]!.cookie } });
    await autocannon({ url: baseUrl, connections: 8, duration: 2 });

    // the baseline shares the CPU with the app: not while the app's worker builds the exports
    if (ds.kind === 'postgres') log(`  ${(await tungguEksporTersimpan(ds, Y)) ?? 'exports already stored'}`);
    log(`baseline: ${CONNECTIONS} connections × ${DURATION} s`);
    const baseline = await ukur(baseUrl, baselineProc.pid!, {
      name: 'baseline dashboard (memory)',
      kind: 'page',
      ok: [200],
      next: () => ({ path: '/' }),
    });
    baseline.kind = 'baseline';
    baseline.queries = 0;
    const hasil: Hasil[] = [];
    let peakRssAll = 0;
    const catatan: string[] = [];
    // BENCH_ONLY="dashboard,laporan": those scenarios alone (a profile of some pages); the results files are left as they are
    const hanya = process.env.BENCH_ONLY?.split(',').map((n) => n.trim());
    for (const s of scenarios.filter((x) => !hanya || hanya.includes(x.name))) {
      // not while the worker builds the exports the last writes made stale (PostgreSQL: it tells)
      const sebelum = s.sebelum ?? (ds.kind === 'postgres' ? () => tungguEksporTersimpan(ds, Y) : undefined);
      if (sebelum) {
        const n = await sebelum();
        if (n) {
          log(`  ${n}`);
          catatan.push(`${s.name}: ${n}`);
        }
      }
      log(`${s.name}: ${CONNECTIONS} connections × ${DURATION} s`);
      const mulai = saatProfil();
      try {
        hasil.push(await ukur(base, app.pid!, s));
        jendelaProfil.push([mulai, saatProfil(), s.name]);
      } catch (e) {
        log(`  ${s.name} failed: ${(e as Error).message}`);
        hasil.push({
          name: s.name,
          kind: s.kind,
          status: 'ok',
          rps: 0,
          p50_ms: null,
          p99_ms: null,
          errors: CONNECTIONS,
          queries: null,
          peak_rss_mb: null,
        });
      }
      // Requests still running when the load stops (slow exports) would weigh on the next scenario:
      // wait for the app to be idle, or restart it (sessions live in the database, so cookies stay valid).
      const idle = app.exitCode === null && (await waitIdle(base, 20_000));
      if (!idle) {
        const why =
          app.exitCode !== null
            ? `the app exited during "${s.name}": ${app.stderrTail
                .join('')
                .split('\n')
                .filter((l) => /Error|error/.test(l))
                .slice(0, 3)
                .join(' | ')}`
            : `the app was still busy 20 s after "${s.name}" ended: restarted it`;
        log(`  ${why}`);
        catatan.push(why);
        peakRssAll = Math.max(peakRssAll, rssMb(app.pid!, 'VmHWM'), ...hasil.map((h) => h.peak_rss_mb ?? 0));
        await stop(app);
        app = start('dist/server.js', [], env, appFlags);
        await waitReady(base, app);
      }
    }
    if (hanya) {
      console.log(tabel(baseline, hasil));
      await stop(app);
      const profil = ringkasProfil(profDir, jendelaProfil);
      if (profil) console.log(`\n${cetakProfil(profil)}`);
      return;
    }
    const rushResult = ds.kind === 'postgres' ? await rush(base, ds, fx) : null;
    // the dashboard's first load and a repeat visit, in Chromium (compression and caching as a browser does them)
    let muat: MuatAwal | null = null;
    try {
      muat = await ukurMuatAwal(base, loginNip, PASSWORD, H);
    } catch (e) {
      catatan.push(`first load not measured: ${(e as Error).message}`);
    }
    const peakRss = Math.max(peakRssAll, rssMb(app.pid!, 'VmHWM'));
    let profil: RingkasanProfil | null = null;
    if (appFlags.length) {
      await stop(app);
      profil = ringkasProfil(profDir, jendelaProfil);
    }

    const out = {
      database: ds.kind,
      dataset: { ...ds.counts, generate_s: Math.round(ds.ms / 100) / 10 },
      baseline: { name: baseline.name, rps: baseline.rps },
      scenarios: hasil.map((h) => ({
        name: h.name,
        kind: h.kind,
        rps: h.rps,
        p50_ms: h.p50_ms,
        p99_ms: h.p99_ms,
        errors: h.errors,
        queries: h.queries,
        peak_rss_mb: h.peak_rss_mb,
        cpu_ms_per_req: h.cpu_ms_per_req ?? null,
        cpu_core_pct: h.cpu_core_pct ?? null,
        ...(h.status === 'missing' ? { missing: true } : {}),
      })),
      rush: rushResult,
      first_load_kib: muat?.first_load_kib ?? null,
      repeat_load_requests: muat?.repeat_load_requests ?? null,
      notes: catatan,
      ...(profil ? { cpu_profile: profil } : {}),
      app_peak_rss_mb: peakRss,
      connections: CONNECTIONS,
      duration_s: DURATION,
      cpus: os.cpus().length,
      node: process.version,
      finished_at: new Date().toISOString(),
    };
    // PostgreSQL's figures in bench/results.json, the embedded database's beside them
    const berkasHasil = ds.kind === 'postgres' ? 'bench/results.json' : 'bench/results-pglite.json';
    fs.writeFileSync(path.join(root, berkasHasil), JSON.stringify(out, null, 2) + '\n');
    console.log(`\nBangkom bench — ${ds.kind}, ${CONNECTIONS} connections, ${DURATION} s per scenario, ${os.cpus().length} CPUs`);
    console.log(`dataset: ${JSON.stringify(ds.counts)}\n`);
    console.log(tabel(baseline, hasil));
    console.log(`\napp peak RSS: ${peakRss} MB`);
    for (const c of catatan) console.log(`note: ${c}`);
    if (profil) console.log(cetakProfil(profil));
    if (rushResult) console.log(`deadline rush: ${JSON.stringify(rushResult)}`);
    if (muat)
      console.log(
        `dashboard first load: ${muat.first_load_kib} KiB in ${muat.first_load_requests} requests; repeat visit: ${muat.repeat_load_requests}`,
      );
    log(`done in ${Math.round((Date.now() - started) / 1000)} s; wrote ${berkasHasil}`);
  } finally {
    await stopAll();
    if (process.env.BENCH_KEEP === '1') log('kept the database:', ds.url ?? ds.dataDir);
    else await ds.drop();
    // BENCH_CPU_PROF=1: the profiles stay, to open in a viewer (Chrome's DevTools, speedscope)
    if (process.env.BENCH_CPU_PROF === '1') {
      fs.writeFileSync(path.join(tmp, 'cpu-prof', 'scenarios.json'), JSON.stringify(jendelaProfil));
      log("CPU profiles (the main thread: *.0.*.cpuprofile; the scenarios' spans: scenarios.json) in", path.join(tmp, 'cpu-prof'));
    } else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
