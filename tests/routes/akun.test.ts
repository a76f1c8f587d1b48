import crypto from 'node:crypto';
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
  idPegawai,
  masuk,
  NIP,
  PASSWORD,
  RAHASIA_SESI_UJI,
  TestClock,
  testConfig,
  type TestApp,
} from '../helpers/app';
import { openDatabase } from '../../src/db/index';
import { deleteSesiKedaluwarsa } from '../../src/data/sesi';
import { Sesi, type DataSesi } from '../../src/app/sesi';
import type { Request } from 'express';
import { prepareDatabase } from '../../src/db/setup';
import { loadConfig } from '../../src/config';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The login form opened and sent in the agent's browser: the login's response. */
async function kirimLogin(a: ReturnType<typeof request.agent>, nip: string, password = PASSWORD) {
  const page = await a.get('/login');
  return a
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), nip, password });
}
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

  it('throttles a NIP after 5 wrong passwords, answering a real and an unknown NIP alike', async () => {
    const coba = async (nip: string, password: string, i: number) => {
      const a = await anonim(t.app);
      // each attempt from another address (forwarded by the proxy on this host)
      return a.post('/login').set('X-Forwarded-For', `10.9.8.${i}`).type('form').send({ _csrf: a.csrf, nip, password });
    };
    const tidakAda = '199001012015011888';
    for (let i = 0; i < 5; i++) {
      expect((await coba(NIP.fajar, `salah${i}`, i)).status).toBe(401);
      expect((await coba(tidakAda, `salah${i}`, i)).status).toBe(401);
    }
    const nyata = await coba(NIP.fajar, PASSWORD, 9);
    const palsu = await coba(tidakAda, PASSWORD, 9);
    expect(nyata.status).toBe(429);
    expect(palsu.status).toBe(429);
    const pesan = (h: string) => /<div class="alert[^>]*>([\s\S]*?)<\/div>/.exec(h)?.[1];
    expect(pesan(nyata.text)).toMatch(/Coba lagi setelah .* WIB/);
    expect(pesan(palsu.text)).toBe(pesan(nyata.text));
    t.clock.tambahMenit(16);
    expect((await coba(NIP.fajar, PASSWORD, 10)).status).toBe(303);
  });

  it('never locks the owner out of a browser that has signed in before', async () => {
    const milikSendiri = await masuk(t.app, NIP.rudi); // this browser now knows Rudi
    await milikSendiri.post('/logout').type('form').send({ _csrf: milikSendiri.csrf });
    const penyerang = await anonim(t.app);
    for (let i = 0; i < 6; i++)
      await penyerang
        .post('/login')
        .set('X-Forwarded-For', `10.7.7.${i}`)
        .type('form')
        .send({ _csrf: penyerang.csrf, nip: NIP.rudi, password: 'tebak' });
    const terkunci = await penyerang.post('/login').type('form').send({ _csrf: penyerang.csrf, nip: NIP.rudi, password: PASSWORD });
    expect(terkunci.status).toBe(429);
    const res = await kirimLogin(milikSendiri, NIP.rudi);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('counts failures by the real address: a forged X-Forwarded-For is ignored unless from a configured proxy', async () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    const prod = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://h/db' } as const;
    expect(loadConfig(prod).trustProxy).toBe('loopback');
    // the client is not the configured proxy, so the header it sends is not believed
    const langsung = buildApp(t.db, t.clock, testConfig({ trustProxy: '192.0.2.1' }));
    const a = await anonim(langsung.app);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const nip = `19900101201501${String(1000 + i)}`;
      const r = await a.post('/login').set('X-Forwarded-For', `10.1.${i}.1`).type('form').send({ _csrf: a.csrf, nip, password: 'x' });
      codes.push(r.status);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    // and a user behind the forged address is not locked out by someone else's attempts
    const b = await anonim(t.app);
    const ok = await b
      .post('/login')
      .set('X-Forwarded-For', '10.1.0.1')
      .type('form')
      .send({ _csrf: b.csrf, nip: NIP.sari, password: PASSWORD });
    expect(ok.status).toBe(303);
    await t.knex('percobaan_masuk').where('kunci', 'like', 'alamat:%').delete(); // the rest of this file signs in from here
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

  it('writes a session only when it changed, for 8 hours, never under an id the browser chose; the worker sweeps the ended ones', async () => {
    const sidDari = (res: { headers: Record<string, unknown> }) =>
      decodeURIComponent(/bangkom\.sid=s%3A([^.;]+)\./.exec(String(res.headers['set-cookie']))?.[1] ?? '');
    const page = await request(t.app).get('/login');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(String(page.headers['set-cookie'])).toMatch(/Max-Age=28800/);
    const masuk = await request(t.app)
      .post('/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip: NIP.rudi, password: PASSWORD });
    const sid = sidDari(masuk);
    const baris = () => t.knex('sessions').where({ sid }).first('sess', 'expired');
    const sesiMasuk = /bangkom\.sid=[^;]+/.exec(String(masuk.headers['set-cookie']))![0];
    // the login wrote it; the first page after it changes nothing (its form token is derived from the id)
    const awal = await baris();
    expect((await request(t.app).get('/').set('Cookie', sesiMasuk)).headers['set-cookie']).toBeUndefined();
    expect(Math.abs(new Date(awal!.expired).getTime() - Date.now() - 8 * 3600_000)).toBeLessThan(60_000);
    // a page view changes nothing: no write, no cookie
    const lihat = await request(t.app).get('/pengajuan').set('Cookie', sesiMasuk);
    expect(lihat.status).toBe(200);
    expect(lihat.headers['set-cookie']).toBeUndefined();
    expect(await baris()).toEqual(awal);
    // an id the app did not sign is not taken on: a new one is
    const tanda = (id: string) => crypto.createHmac('sha256', RAHASIA_SESI_UJI).update(id).digest('base64').replace(/=+$/, '');
    for (const palsu of ['s:pilihan-penyerang.xyz', 'pilihan-penyerang', `s:pilihan-penyerang.${tanda('pilihan-lain')}`]) {
      const res = await request(t.app)
        .get('/login')
        .set('Cookie', `bangkom.sid=${encodeURIComponent(palsu)}`);
      expect(sidDari(res)).toMatch(/^[\w-]{32}$/);
      expect(sidDari(res)).not.toContain('pilihan-penyerang');
    }
    // one it signed but that has no row (its login ended, or it never had one) is an empty session,
    // and signing in under it gives a new id
    const bertanda = `bangkom.sid=${encodeURIComponent(`s:lama-tanpa-baris.${tanda('lama-tanpa-baris')}`)}`;
    const kosong = await request(t.app).get('/login').set('Cookie', bertanda);
    expect(kosong.status).toBe(200);
    const lagi = await request(t.app)
      .post('/login')
      .set('Cookie', bertanda)
      .type('form')
      .send({ _csrf: csrfFrom(kosong.text), nip: NIP.rudi, password: PASSWORD });
    expect(lagi.status).toBe(303);
    expect(sidDari(lagi)).toMatch(/^[\w-]{32}$/);
    expect(await t.knex('sessions').where({ sid: 'lama-tanpa-baris' }).first()).toBeUndefined();
    // ended (8 hours after its last change): swept
    await t
      .knex('sessions')
      .where({ sid })
      .update({ expired: new Date(Date.now() - 1000) });
    expect((await request(t.app).get('/').set('Cookie', sesiMasuk)).status).toBe(303);
    await deleteSesiKedaluwarsa(t.knex, new Date());
    expect(await baris()).toBeUndefined();
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

  /** A login by hand: the session's id and its cookie. */
  async function sesiMasuk(nip: string) {
    const page = await request(t.app).get('/login');
    const res = await request(t.app)
      .post('/login')
      .set('Cookie', String(page.headers['set-cookie']).split(';')[0]!)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nip, password: PASSWORD });
    const cookie = /bangkom\.sid=[^;]+/.exec(String(res.headers['set-cookie']))![0];
    return { sid: decodeURIComponent(/^bangkom\.sid=s%3A([^.]+)\./.exec(cookie)![1]!), cookie };
  }

  it('keeps no row for a visitor who has not signed in, and brings them to the page they asked for once signed in', async () => {
    const baris = async () => Number((await t.knex('sessions').count<{ n: string }[]>('* as n'))[0]!.n);
    const sebelum = await baris();
    for (const path of ['/login', '/pengajuan', '/lupa-password', '/tidak-ada', '/'])
      for (let i = 0; i < 3; i++) expect((await request(t.app).get(path)).status).toBeLessThan(500);
    expect(await baris(), 'no session row for visitors').toBe(sebelum);

    const tamu = request.agent(t.app);
    const minta = await tamu.get('/pengajuan?tahun=2026');
    expect(minta.status).toBe(303);
    expect(minta.headers.location).toBe('/login');
    const masukLagi = await kirimLogin(tamu, NIP.rudi);
    expect(masukLagi.status).toBe(303);
    expect(masukLagi.headers.location).toBe('/pengajuan?tahun=2026');

    // a return address outside the app is not followed
    for (const luar of ['//contoh.com/x', '/\\contoh.com', 'https://contoh.com', '%E0']) {
      const halaman = await request(t.app).get('/login');
      const c = String(halaman.headers['set-cookie']).split(';')[0]!;
      const res = await request(t.app)
        .post('/login')
        .set('Cookie', `${c}; bangkom.kembali=${luar === '%E0' ? luar : encodeURIComponent(luar)}`)
        .type('form')
        .send({ _csrf: csrfFrom(halaman.text), nip: NIP.rudi, password: PASSWORD });
      expect(res.headers.location, luar).toBe('/');
    }
  });

  it('ends a login 8 hours after it was made, however often its session changed since', async () => {
    const { sid, cookie } = await sesiMasuk(NIP.rudi);
    expect((await request(t.app).get('/').set('Cookie', cookie)).status).toBe(200);
    const row = await t.knex('sessions').where({ sid }).first('sess');
    const sess = (typeof row!.sess === 'string' ? JSON.parse(row!.sess) : row!.sess) as { passport: { user: { masuk: number } } };
    expect(Math.abs(sess.passport.user.masuk - Date.now())).toBeLessThan(60_000);
    // the session written a minute ago (it lasts 8 more hours), the login made `umur` ago
    const login = (umur: number) =>
      t
        .knex('sessions')
        .where({ sid })
        .update({
          sess: JSON.stringify({ ...sess, passport: { user: { ...sess.passport.user, masuk: Date.now() - umur } } }),
          expired: new Date(Date.now() + 8 * 3600_000 - 60_000),
        });
    await login(8 * 3600_000 - 60_000);
    expect((await request(t.app).get('/').set('Cookie', cookie)).status).toBe(200);
    await login(8 * 3600_000 + 1000);
    const res = await request(t.app).get('/').set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('never writes back a session that a logout ended while another request of the browser was running', async () => {
    const { sid, cookie } = await sesiMasuk(NIP.rudi);
    const csrf = csrfFrom((await request(t.app).get('/akun/password').set('Cookie', cookie)).text);
    // another request has read the session; the logout ends it; that request then changes it
    const dibaca = await t.services.akun.sesi(sid);
    const lain = new Sesi({} as Request, t.services.akun, Buffer.from(RAHASIA_SESI_UJI), sid, true, dibaca!.sess as DataSesi);
    const keluar = await request(t.app).post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf });
    expect(keluar.status).toBe(303);
    lain.flash = { jenis: 'info', pesan: 'Dibaca sebelum keluar' };
    await new Promise<void>((ok, gagal) => lain.save((e) => (e ? gagal(e) : ok())));
    expect(await t.knex('sessions').where({ sid }).first()).toBeUndefined();
    expect(lain.kirimCookie, 'no cookie for a session that is gone').toBe(false);
    // the old cookie, replayed, signs nobody in
    const lagi = await request(t.app).get('/').set('Cookie', cookie);
    expect(lagi.status).toBe(303);
    expect(lagi.headers.location).toBe('/login');
  });

  it('ends the session of an employee made inactive, and keeps only the id, the password stamp and the time of login in it', async () => {
    const a = await masuk(t.app, NIP.hendra);
    expect((await a.get('/')).status).toBe(200);
    const sesi = await t.knex('sessions').select('sess');
    const milik = sesi.map((r) => (typeof r.sess === 'string' ? JSON.parse(r.sess) : r.sess) as { passport?: { user?: object } });
    for (const s of milik.filter((x) => x.passport?.user)) expect(Object.keys(s.passport!.user!).sort()).toEqual(['id', 'kunci', 'masuk']);
    await t.knex('pegawai').where({ nip: NIP.hendra }).update({ aktif: false });
    try {
      const home = await a.get('/');
      expect(home.status).toBe(303);
      expect(home.headers.location).toBe('/login');
    } finally {
      await t.knex('pegawai').where({ nip: NIP.hendra }).update({ aktif: true });
    }
    // not even once active again: the session has let go of the user
    expect((await a.get('/')).status).toBe(303);
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

  it('changes the password; the old one stops working, other sessions end, this one stays', async () => {
    const lain = await masuk(t.app, NIP.maya);
    const a = await masuk(t.app, NIP.maya);
    const res = await a
      .post('/akun/password')
      .type('form')
      .send({ _csrf: a.csrf, password_lama: PASSWORD, password_baru: 'sandi-baru-123', konfirmasi_password: 'sandi-baru-123' });
    expect(res.status).toBe(303);
    expect((await a.get('/')).status).toBe(200);
    const habis = await lain.get('/');
    expect(habis.status).toBe(303);
    expect(habis.headers.location).toBe('/login');
    await expect(masuk(t.app, NIP.maya)).rejects.toThrow();
    await masuk(t.app, NIP.maya, 'sandi-baru-123');
  });

  it('ends an open reset link when the password is changed', async () => {
    const a = await anonim(t.app);
    await a.post('/lupa-password').type('form').send({ _csrf: a.csrf, nip: NIP.dewi });
    const mail = await t.knex('email_outbox').where({ kepada: 'dewi@bangkom.example.go.id' }).orderBy('id', 'desc').first();
    const tautan = /\/lupa-password\/[A-Za-z0-9_-]+/.exec(mail!.isi)![0];
    expect((await a.get(tautan)).status).toBe(200);
    const dewi = await masuk(t.app, NIP.dewi);
    const res = await dewi.post('/akun/password').type('form').send({
      _csrf: dewi.csrf,
      password_lama: PASSWORD,
      password_baru: 'kopi susu pagi hari',
      konfirmasi_password: 'kopi susu pagi hari',
    });
    expect(res.status).toBe(303);
    expect((await a.get(tautan)).status).toBe(404);
  });

  it('refuses common passwords and ones built from the NIP or the name, saying why', async () => {
    const a = await masuk(t.app, NIP.andi);
    const coba = (baru: string) =>
      a
        .post('/akun/password')
        .type('form')
        .send({ _csrf: a.csrf, password_lama: PASSWORD, password_baru: baru, konfirmasi_password: baru });
    for (const [baru, pesan] of [
      ['12345678', 'terlalu mudah ditebak'],
      ['password', 'terlalu mudah ditebak'],
      [NIP.andi, 'NIP atau nama Anda'],
      ['andi1992!', 'NIP atau nama Anda'],
      ['Pratama2026', 'NIP atau nama Anda'],
    ]) {
      const res = await coba(baru!);
      expect(res.status, baru).toBe(422);
      expect(res.text, baru).toContain(pesan);
    }
    await masuk(t.app, NIP.andi); // unchanged
  });
});

describe('one-time password', () => {
  it('must be changed before any other page or action', async () => {
    const maya = await masuk(t.app, NIP.maya, 'sandi-baru-123'); // changed above
    const dewi = await idPegawai(t.knex, NIP.dewi);
    const lama = await masuk(t.app, NIP.dewi, 'kopi susu pagi hari'); // a session before the reset
    const reset = await maya.post(`/admin/pegawai/${dewi}/reset-password`).type('form').send({ _csrf: maya.csrf });
    expect(reset.status).toBe(303);
    expect((await lama.get('/')).headers.location).toBe('/login'); // the reset ended it
    const flashPage = await maya.get(reset.headers.location!);
    const sementara = /Kata sandi sementara: (\S+) —/.exec(flashPage.text)?.[1] ?? '';
    expect(sementara.length).toBeGreaterThanOrEqual(8);
    const d = await anonim(t.app);
    const login = await d.post('/login').type('form').send({ _csrf: d.csrf, nip: NIP.dewi, password: sementara });
    expect(login.headers.location).toBe('/akun/password');
    for (const url of ['/', '/pengajuan', '/rekomendasi/baru', '/notifikasi']) {
      const r = await d.get(url);
      expect(r.status, url).toBe(303);
      expect(r.headers.location, url).toBe('/akun/password');
    }
    const form = await d.get('/akun/password');
    expect(form.status).toBe(200);
    const csrf = csrfFrom(form.text);
    expect((await d.post('/notifikasi/baca-semua').type('form').send({ _csrf: csrf })).status).toBe(403);
    const ganti = await d.post('/akun/password').type('form').send({
      _csrf: csrf,
      password_lama: sementara,
      password_baru: 'teh manis di sungailiat',
      konfirmasi_password: 'teh manis di sungailiat',
    });
    expect(ganti.status).toBe(303);
    expect((await d.get('/pengajuan')).status).toBe(200);
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
