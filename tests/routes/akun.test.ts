import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonim,
  BCRYPT_COST_UJI,
  buildApp,
  templateDump,
  createTestApp,
  csrfFrom,
  masuk,
  NIP,
  PASSWORD,
  TestClock,
  testConfig,
  type TestApp,
} from '../helpers/app';
import { openDatabase } from '../../src/db/index';
import { prepareDatabase } from '../../src/db/setup';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('answers 303 to / with the right password and shows the name', async () => {
    const a = await anonim(t.app);
    const res = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.andi, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const home = await a.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Andi Pratama');
  });

  it('answers 401 with the message on a wrong password', async () => {
    const a = await anonim(t.app);
    const res = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.dewi, password: 'salah-sekali' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('NIP atau kata sandi salah');
    expect(res.text).toContain(NIP.dewi); // the NIP stays in the form
  });

  it('answers 401 for an unknown NIP and for garbage', async () => {
    const a = await anonim(t.app);
    const r1 = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: '199001012015011999', password: 'x' });
    expect(r1.status).toBe(401);
    const r2 = await a
      .post('/login')
      .type('form')
      .send({ _csrf: a.csrf, 'nip[]': ['a', 'b'], password: '<script>' });
    expect(r2.status).toBe(401);
  });

  it('answers 403 without _csrf', async () => {
    const a = await anonim(t.app);
    const res = await a.post('/login').type('form').send({ nip: NIP.andi, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('kedaluwarsa');
  });

  it('throttles a NIP after 5 wrong passwords for 15 minutes, with the time to retry', async () => {
    const a = await anonim(t.app);
    for (let i = 0; i < 5; i++) {
      const r = await a
        .post('/login')
        .type('form')
        .send({ _csrf: a.csrf, nip: NIP.fajar, password: `salah${i}` });
      expect(r.status).toBe(401);
    }
    const locked = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.fajar, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/Coba lagi setelah .* WIB/);
    t.clock.tambahMenit(16);
    const again = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.fajar, password: PASSWORD });
    expect(again.status).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, regenerated at login', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/login');
    const before = String(page.headers['set-cookie']);
    expect(before).toMatch(/HttpOnly/i);
    expect(before).toMatch(/SameSite=Lax/i);
    expect(before).not.toMatch(/Secure/);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: NIP.rudi, password: PASSWORD });
    const after = String(res.headers['set-cookie']);
    const sid = (s: string) => /bangkom\.sid=([^;]+)/.exec(s)?.[1];
    expect(sid(after)).toBeTruthy();
    expect(sid(after)).not.toBe(sid(before));
  });

  it('marks the cookie Secure in production', async () => {
    const prod = buildApp(t.db, new TestClock(), testConfig({ env: 'production', trustProxy: 'loopback' }));
    const res = await request(prod.app).get('/login').set('X-Forwarded-Proto', 'https');
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('logs out with 303 to /login and the session no longer works', async () => {
    const a = await masuk(t.app, NIP.sari);
    const res = await a.post('/logout').type('form').send({ _csrf: a.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const home = await a.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/login');
  });
});

describe('pages', () => {
  const MENU = [
    '/',
    '/pengajuan',
    '/pengajuan/baru',
    '/rekomendasi',
    '/rekomendasi/baru',
    '/laporan',
    '/verifikasi',
    '/bawahan',
    '/notifikasi',
    '/akun/password',
  ];

  it('redirects every menu page to /login when logged out', async () => {
    for (const url of MENU) {
      const res = await request(t.app).get(url);
      expect([302, 303], url).toContain(res.status);
      expect(res.headers.location, url).toBe('/login');
    }
  });

  it('answers 200 for every menu page when logged in', async () => {
    const a = await masuk(t.app, NIP.andi);
    for (const url of MENU) {
      const res = await a.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text, url).toContain('Pengajuan Rekomendasi');
    }
  });

  it('shows BKPSDM pages to bkpsdm only, Admin pages to admin only', async () => {
    const andi = await masuk(t.app, NIP.andi);
    const hendra = await masuk(t.app, NIP.hendra);
    const maya = await masuk(t.app, NIP.maya);
    for (const url of ['/bkpsdm/periode', '/bkpsdm/rekap', '/bkpsdm/rekomendasi', '/bkpsdm/capaian-jp']) {
      expect((await andi.get(url)).status, url).toBe(403);
      expect((await hendra.get(url)).status, url).toBe(200);
    }
    expect((await andi.get('/admin/pegawai')).status).toBe(403);
    expect((await hendra.get('/admin/pegawai')).status).toBe(403);
    expect((await maya.get('/admin/pegawai')).status).toBe(200);
  });

  it('answers 404 in Indonesian for an unknown page', async () => {
    const a = await masuk(t.app, NIP.andi);
    const res = await a.get('/tidak-ada');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Halaman tidak ditemukan');
  });

  it('serves Bootstrap from the app itself', async () => {
    const res = await request(t.app).get('/vendor/bootstrap/css/bootstrap.min.css');
    expect(res.status).toBe(200);
  });
});

describe('healthz', () => {
  it('answers 200 {"status":"ok"} without login', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('ganti password', () => {
  it('refuses a wrong old password, a short one and a mismatch with 422 and messages', async () => {
    const a = await masuk(t.app, NIP.dewi);
    const res = await a
      .post('/akun/password')
      .type('form')
      .send({ _csrf: a.csrf, password_lama: 'x', password_baru: 'pendek', konfirmasi_password: 'lain' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Kata sandi lama salah.');
    expect(res.text).toContain('paling sedikit 8 karakter');
    expect(res.text).toContain('Konfirmasi kata sandi tidak sama');
  });

  it('changes the password; the old one stops working', async () => {
    const a = await masuk(t.app, NIP.maya);
    const res = await a
      .post('/akun/password')
      .type('form')
      .send({ _csrf: a.csrf, password_lama: PASSWORD, password_baru: 'sandi-baru-123', konfirmasi_password: 'sandi-baru-123' });
    expect(res.status).toBe(303);
    await expect(masuk(t.app, NIP.maya)).rejects.toThrow();
    await masuk(t.app, NIP.maya, 'sandi-baru-123');
  });
});

describe('restart', () => {
  it('keeps data and sessions across a restart on the same database', async () => {
    const clock = new TestClock();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-'));
    const open = async () =>
      process.env.DATABASE_URL
        ? { ...(await openDatabase({ url: t.db.url })), close: async () => {} }
        : openDatabase({ dataDir: dir, loadDataDir: await templateDump() });
    let db = await open();
    await prepareDatabase(db.knex, { demo: true, now: clock.now(), bcryptCost: BCRYPT_COST_UJI });
    const first = buildApp(db, clock);
    const a = await masuk(first.app, NIP.andi);
    await db.close();
    if (!process.env.DATABASE_URL) await db.knex.destroy();

    db = await open();
    const second = buildApp(db, clock);
    const cookie = (a as unknown as { jar: { getCookie(n: string, o: object): { toValueString(): string } } }).jar
      .getCookie('bangkom.sid', { domain: '127.0.0.1', path: '/', script: false, secure: false })
      .toValueString();
    const res = await request(second.app).get('/').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Andi Pratama');
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
