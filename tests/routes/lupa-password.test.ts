import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, buildApp, createTestApp, idPegawai, masuk, NIP, PASSWORD, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T03:00:00Z' });
});
afterAll(() => t.close());

async function minta(nip: unknown) {
  const a = await anonim(t.app);
  return a.post('/lupa-password').type('form').send({ _csrf: a.csrf, nip });
}

/** The token from the last reset e-mail to an address. */
async function tokenDari(kepada: string) {
  const mail = await t.knex('email_outbox').where({ kepada }).where('subjek', 'like', '%Atur ulang%').orderBy('id', 'desc').first();
  const m = /\/lupa-password\/([A-Za-z0-9_-]+)/.exec(mail!.isi);
  return m![1]!;
}

describe('GET/POST /lupa-password', () => {
  it('shows the form, linked from the login page', async () => {
    const login = await request(t.app).get('/login');
    expect(login.text).toContain('href="/lupa-password"');
    const res = await request(t.app).get('/lupa-password');
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="nip"');
  });

  it('answers the same whether or not the NIP exists, and e-mails a link only to a real account', async () => {
    const sebelum = await t.knex('email_outbox').count<{ n: string }>('* as n').first();
    const ada = await minta(NIP.dewi);
    const tidak = await minta('199001012015011999');
    expect(ada.status).toBe(303);
    expect(tidak.status).toBe(303);
    expect(ada.headers.location).toBe(tidak.headers.location);
    const halaman = await request(t.app).get(ada.headers.location!);
    expect(halaman.text).toContain('Bila NIP tersebut terdaftar');
    const sesudah = await t.knex('email_outbox').count<{ n: string }>('* as n').first();
    expect(Number(sesudah!.n) - Number(sebelum!.n)).toBe(1);
    const token = await tokenDari('dewi@bangkom.example.go.id');
    const row = await t.knex('reset_password').orderBy('id', 'desc').first();
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toContain(token); // only its SHA-256 is stored
  });

  it('refuses a malformed NIP with 422 and never a 500', async () => {
    for (const nip of ['123', '', ['a', 'b'], 'x'.repeat(5000)]) {
      const res = await minta(nip);
      expect(res.status).toBe(422);
      expect(res.text).toContain('NIP terdiri dari 18 angka');
    }
  });

  it('sends at most 3 links per NIP an hour, without telling', async () => {
    const fajar = await idPegawai(t.knex, NIP.fajar);
    for (let i = 0; i < 5; i++) expect((await minta(NIP.fajar)).status).toBe(303);
    expect(await t.knex('reset_password').where({ pegawai_id: fajar })).toHaveLength(3);
  });

  it('throttles many requests from one address with 429, in every process', async () => {
    // two app instances on one database (two processes behind a proxy on this host)
    const other = buildApp(t.db, t.clock);
    const a = await anonim(t.app);
    const b = await anonim(other.app);
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const [agent, csrf] = i % 2 ? [a, a.csrf] : [b, b.csrf];
      codes.push(
        (
          await agent
            .post('/lupa-password')
            .set('X-Forwarded-For', '10.20.30.40')
            .type('form')
            .send({ _csrf: csrf, nip: '199001012015011999' })
        ).status,
      );
    }
    expect(codes.slice(0, 20).every((c) => c === 303)).toBe(true);
    expect(codes[20]).toBe(429);
    // another address is not affected
    expect(
      (await a.post('/lupa-password').set('X-Forwarded-For', '10.20.30.41').type('form').send({ _csrf: a.csrf, nip: '199001012015011999' }))
        .status,
    ).toBe(303);
  });
});

describe('GET/POST /lupa-password/:token', () => {
  it('sets a new password once, ends the other sessions, and the old password stops working', async () => {
    const lain = await masuk(t.app, NIP.andi); // a session elsewhere
    expect((await lain.get('/')).status).toBe(200);
    await minta(NIP.andi);
    const token = await tokenDari('andi@bangkom.example.go.id');

    const a = await anonim(t.app);
    const form = await a.get(`/lupa-password/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Andi Pratama');

    const pendek = await a
      .post(`/lupa-password/${token}`)
      .type('form')
      .send({ _csrf: a.csrf, password_baru: 'pendek', konfirmasi_password: 'pendek' });
    expect(pendek.status).toBe(422);
    expect(pendek.text).toContain('paling sedikit 8 karakter');
    const beda = await a
      .post(`/lupa-password/${token}`)
      .type('form')
      .send({ _csrf: a.csrf, password_baru: 'sandi-baru-123', konfirmasi_password: 'sandi-lain-123' });
    expect(beda.status).toBe(422);
    expect(beda.text).toContain('Konfirmasi kata sandi tidak sama');

    const ok = await a
      .post(`/lupa-password/${token}`)
      .type('form')
      .send({ _csrf: a.csrf, password_baru: 'sandi-baru-123', konfirmasi_password: 'sandi-baru-123' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/login');
    expect((await a.get('/login')).text).toContain('Kata sandi berhasil diatur ulang');

    expect((await lain.get('/')).headers.location).toBe('/login'); // the other session ended
    await expect(masuk(t.app, NIP.andi, PASSWORD)).rejects.toThrow();
    await masuk(t.app, NIP.andi, 'sandi-baru-123');

    // single use
    expect((await a.get(`/lupa-password/${token}`)).status).toBe(404);
    const lagi = await a
      .post(`/lupa-password/${token}`)
      .type('form')
      .send({ _csrf: a.csrf, password_baru: 'sandi-ketiga-123', konfirmasi_password: 'sandi-ketiga-123' });
    expect(lagi.status).toBe(404);
    await masuk(t.app, NIP.andi, 'sandi-baru-123');
  });

  it('expires after one hour', async () => {
    await minta(NIP.sari);
    const token = await tokenDari('sari@bangkom.example.go.id');
    expect((await request(t.app).get(`/lupa-password/${token}`)).status).toBe(200);
    t.clock.tambahMenit(61);
    try {
      const res = await request(t.app).get(`/lupa-password/${token}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('tidak berlaku');
    } finally {
      t.clock.tambahMenit(-61);
    }
  });

  it('answers 404 for unknown or garbage tokens', async () => {
    for (const tk of ['x', 'A'.repeat(43), '%00', 'a'.repeat(500)])
      expect((await request(t.app).get(`/lupa-password/${tk}`)).status, tk).toBe(404);
    const a = await anonim(t.app);
    const res = await a
      .post(`/lupa-password/${'A'.repeat(43)}`)
      .type('form')
      .send({ _csrf: a.csrf, password_baru: 'sandi-baru-123' });
    expect(res.status).toBe(404);
  });
});
