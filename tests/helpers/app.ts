import crypto from 'node:crypto';
import fs from 'node:fs';
import knexFactory from 'knex';
import request from 'supertest';
import { inject } from 'vitest';
import { pino } from 'pino';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, pgliteFromDump, type Database } from '../../src/db/index';
import { createServices, type Services } from '../../src/services/index';
import { createApp } from '../../src/app';
import type { Clock } from '../../src/domain/waktu';
import { BCRYPT_COST_UJI, WAKTU_UJI } from './waktu';

export { BCRYPT_COST_UJI, TAHUN_UJI, WAKTU_UJI } from './waktu';

export const NIP = {
  andi: '199203142019031002',
  dewi: '199507222020122011',
  sari: '198105102006042003',
  hendra: '197912122005011002',
  rudi: '198811252012011001',
  fajar: '199612012022031004',
  maya: '198406062009022001',
} as const;
export const PASSWORD = 'bangkom2026';

export class TestClock implements Clock {
  constructor(private t: Date = new Date(WAKTU_UJI)) {}
  now() {
    return new Date(this.t);
  }
  set(d: Date | string) {
    this.t = new Date(d);
  }
  tambahMenit(m: number) {
    this.t = new Date(this.t.getTime() + m * 60_000);
  }
}

/** A fresh database for one test file: in-memory PGlite, or a copy of the template on the server. */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ pglite: pgliteFromDump(await templateDump()) });
  const template = inject('templateDb');
  const name = `bangkom_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString() });
  return {
    ...db,
    url: u.toString(),
    close: async () => {
      await db.close();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** The seeded template as a dumped PGlite data directory (embedded database only). */
export async function templateDump(): Promise<Blob> {
  return new Blob([await fs.promises.readFile(inject('templateDump'))]);
}

export function testConfig(over: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BCRYPT_COST: String(BCRYPT_COST_UJI) }), ...over };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  knex: Knex;
  db: Database & { url?: string };
  services: Services;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
}

/** The session cookie's signing key of every test app. */
export const RAHASIA_SESI_UJI = 'rahasia-uji-yang-cukup-panjang';

export function buildApp(db: Database & { url?: string }, clock: TestClock, config = testConfig()): Omit<TestApp, 'close'> {
  const services = createServices({ db: db.knex, clock, config });
  const app = createApp({
    config,
    db: db.knex,
    services,
    clock,
    logger: pino({ level: 'silent' }),
    sessionSecret: RAHASIA_SESI_UJI,
  });
  return { app, knex: db.knex, db, services, clock, config };
}

export async function createTestApp(opts: { now?: Date | string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const clock = new TestClock(new Date(opts.now ?? WAKTU_UJI));
  const built = buildApp(db, clock, testConfig(opts.config));
  return { ...built, close: () => db.close() };
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no _csrf in page');
  return m[1];
}

export type Agent = ReturnType<typeof request.agent> & { csrf: string };

/** A logged-in browser-like agent (cookie jar) with its CSRF token. */
export async function masuk(app: TestApp['app'], nip: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(app) as Agent;
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), nip, password });
  if (res.status !== 303) throw new Error(`login ${nip} failed: ${res.status}`);
  const after = await agent.get('/akun/password');
  agent.csrf = csrfFrom(after.text);
  return agent;
}

export async function anonim(app: TestApp['app']): Promise<Agent> {
  const agent = request.agent(app) as Agent;
  const page = await agent.get('/login');
  agent.csrf = csrfFrom(page.text);
  return agent;
}

export async function idPegawai(knex: Knex, nip: string): Promise<number> {
  const row = await knex('pegawai').where({ nip }).first('id');
  return row!.id as number;
}

/** supertest parser that keeps a binary body (a PDF, a workbook) as a Buffer: `.buffer(true).parse(biner)`. */
export function biner(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The admin's employee CSV upload (dry run or import). */
export function unggahCsv(a: Agent, csv: string | Buffer, aksi: 'periksa' | 'impor', nama = 'pegawai.csv') {
  return a
    .post('/admin/pegawai/import')
    .field('_csrf', a.csrf)
    .field('aksi', aksi)
    .attach('berkas', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), { filename: nama, contentType: 'text/csv' });
}
