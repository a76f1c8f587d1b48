// Trust rules a user cannot see but an attacker on the intranet would try.
import crypto from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import knex from 'knex';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services/index';
import { anonim, buildApp, createTestApp, idPegawai, masuk, NIP, testConfig, type TestApp } from '../helpers/app';
import { loadConfig } from '../../src/config';
import { buatRincian } from '../helpers/data';
import { daftarRute } from '../helpers/routes';

// Every state-changing request carries the session's token in its body, whatever its content type:
// a multipart body without it is refused before any handler, and before any file is kept.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('private pages', () => {
  it('are never stored by the browser, so Back after logout shows nothing', async () => {
    const andi = await masuk(t.app, NIP.andi);
    for (const url of ['/', '/pengajuan', '/notifikasi', '/akun/password']) {
      const res = await andi.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });
});

describe('CSRF on multipart bodies', () => {
  it('refuses a multipart post without the token on routes that take no file, and changes nothing', async () => {
    const maya = await masuk(t.app, NIP.maya);
    const andiId = await idPegawai(t.knex, NIP.andi);
    const hashSebelum = (await t.knex('pegawai').where({ id: andiId }).first())!.password_hash;
    const reset = await maya.post(`/admin/pegawai/${andiId}/reset-password`).field('x', '1');
    expect(reset.status).toBe(403);
    expect((await t.knex('pegawai').where({ id: andiId }).first())!.password_hash).toBe(hashSebelum);

    const andi = await masuk(t.app, NIP.andi);
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027 });
    for (const url of [`/pengajuan/${id}/kirim`, `/pengajuan/${id}/hapus`, '/notifikasi/baca-semua', '/logout']) {
      const res = await andi.post(url).field('x', '1');
      expect(res.status, url).toBe(403);
    }
    expect((await t.knex('rincian').where({ id }).first())!.status).toBe('konsep');
    expect((await andi.get('/pengajuan')).status).toBe(200); // still logged in

    // the same requests with the token in the multipart body are accepted
    const kirim = await andi.post(`/pengajuan/${id}/kirim`).field('_csrf', andi.csrf);
    expect(kirim.status).toBe(303);
  });

  it('refuses an upload without the token, or with the token only in the address', async () => {
    const andi = await masuk(t.app, NIP.andi);
    const sebelum = await t.knex('berkas').count<{ n: string }[]>('* as n');
    const kirim = (req: ReturnType<typeof andi.post>) =>
      req
        .field('jalur', 'klasikal')
        .field('nama_pelatihan', 'Tanpa token')
        .attach('surat_usulan', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
        .attach('surat_pemanggilan', PDF, { filename: 'b.pdf', contentType: 'application/pdf' });
    expect((await kirim(andi.post('/rekomendasi'))).status).toBe(403);
    expect((await kirim(andi.post(`/rekomendasi?_csrf=${encodeURIComponent(andi.csrf)}`))).status).toBe(403);
    const sesudah = await t.knex('berkas').count<{ n: string }[]>('* as n');
    expect(sesudah).toEqual(sebelum);
  });

  it('keeps the token out of every form address', async () => {
    const andi = await masuk(t.app, NIP.andi);
    const maya = await masuk(t.app, NIP.maya);
    for (const [a, url] of [
      [andi, '/rekomendasi/baru?jalur=klasikal'],
      [maya, '/admin/pegawai/import'],
    ] as const) {
      const page = await a.get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toMatch(/action="[^"]*_csrf=/);
    }
  });
});

describe('error pages', () => {
  const halamanGalat = (text: string, kode: number) => {
    expect(text).toContain(`Kode ${kode}`);
    expect(text).toContain('Kembali ke beranda');
    expect(text).not.toMatch(/csrfToken|\/src\/|node_modules|at \w+ \(/); // no stack trace, no server path
  };

  it('are the Indonesian page for a body too large, too many fields, a foreign charset or broken encoding', async () => {
    const a = await anonim(t.app);
    const besar = await a
      .post('/login')
      .type('form')
      .send(`nip=${'1'.repeat(300_000)}`);
    expect(besar.status).toBe(413);
    halamanGalat(besar.text, 413);
    expect(besar.text).toContain('terlalu besar');
    const banyak = await a
      .post('/login')
      .type('form')
      .send(Array.from({ length: 2100 }, (_, i) => `f${i}=1`).join('&'));
    expect(banyak.status).toBe(413);
    halamanGalat(banyak.text, 413);
    expect(banyak.text).toContain('terlalu banyak isian');
    const utf16 = await a.post('/login').set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-16').send('nip=1');
    expect(utf16.status).toBe(415);
    halamanGalat(utf16.text, 415);
    // deep nesting stops at qs's depth and is then an ordinary refused form: never a 500
    const dalam = await a
      .post('/login')
      .type('form')
      .send(`nip${'[a]'.repeat(40)}=1&_csrf=${a.csrf}`);
    expect([400, 401]).toContain(dalam.status);
  });

  it('is a 503 page in Indonesian when the database does not answer', async () => {
    const mati = knex({
      client: 'pg',
      connection: 'postgres://postgres@127.0.0.1:1/tidak',
      pool: { min: 0, max: 1, acquireTimeoutMillis: 2000 },
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    const app = createApp({
      config: t.config,
      db: mati,
      services: createServices({ db: mati, clock: t.clock, config: t.config }),
      clock: t.clock,
      logger: pino({ level: 'silent' }),
      sessionSecret: 'rahasia-uji-yang-cukup-panjang',
    });
    // a browser with a session cookie: the session has to be read from the database
    const sid = 'sesi-uji';
    const tanda = crypto.createHmac('sha256', 'rahasia-uji-yang-cukup-panjang').update(sid).digest('base64').replace(/=+$/, '');
    const cookie = `bangkom.sid=${encodeURIComponent(`s:${sid}.${tanda}`)}`;
    for (const url of ['/', '/login', '/pengajuan']) {
      const res = await request(app).get(url).set('Cookie', cookie);
      expect(res.status, url).toBe(503);
      halamanGalat(res.text, 503);
      expect(res.text).toContain('Basis data sedang tidak dapat dihubungi');
    }
    await mati.destroy();
  });
});

describe('ids in the address', () => {
  it('are decimal digits within range: anything else is 404 on every route, never a 500 or another record', async () => {
    const aktor = {
      admin: await masuk(t.app, NIP.maya),
      bkpsdm: await masuk(t.app, NIP.hendra),
      pegawai: await masuk(t.app, NIP.andi),
      operator: await masuk(t.app, '199010102015032001'), // Lina, Dinas Pendidikan
    };
    const rute = daftarRute(t.app).filter((r) => /:(id|\w+Id)\b/.test(r));
    expect(rute.length).toBeGreaterThan(20);
    for (const r of rute) {
      const [method, pola] = r.split(' ') as ['GET' | 'POST', string];
      const a = pola.startsWith('/admin')
        ? aktor.admin
        : pola.startsWith('/bkpsdm')
          ? aktor.bkpsdm
          : pola.startsWith('/unit')
            ? aktor.operator
            : aktor.pegawai;
      for (const buruk of ['99999999999', '2147483648', '0x1', '0', '1e0', '-1', '01']) {
        const url = pola.replace(/:(id|\w+Id)\b/g, buruk).replace(/:\w+/g, 'surat_usulan');
        const res = method === 'GET' ? await a.get(url) : await a.post(url).type('form').send({ _csrf: a.csrf });
        expect(res.status, `${method} ${url}`).toBe(404);
      }
    }
  });
});

describe('slow senders', () => {
  it('are cut off with a 408 page in Indonesian once the body takes longer than REQUEST_TIMEOUT', async () => {
    expect(loadConfig({}).batasKirimMs).toBe(60_000);
    const lambat = buildApp(t.db, t.clock, testConfig({ batasKirimMs: 400 }));
    const server = lambat.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const mulai = Date.now();
    const jawaban = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      let data = '';
      s.on('data', (d) => (data += d));
      s.on('close', () => resolve(data));
      s.on('error', reject);
      s.write('POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nnip=1');
      // one byte every 100 ms: it would take 100 s
      const tetes = setInterval(() => s.writable && s.write('1'), 100);
      s.on('close', () => clearInterval(tetes));
    });
    server.close();
    expect(jawaban).toMatch(/^HTTP\/1\.1 408/);
    expect(jawaban).toContain('Pengiriman data terlalu lama');
    expect(Date.now() - mulai).toBeLessThan(3000);
  });
});
