import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, masuk, NIP, type Agent, type TestApp } from '../helpers/app';

let t: TestApp;
let hendra: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

describe('akses', () => {
  const halaman = [
    '/bkpsdm/periode',
    '/bkpsdm/rekap?tahun=2026',
    '/bkpsdm/rekap.xlsx?tahun=2026',
    '/bkpsdm/rekap.pdf?tahun=2026',
    '/bkpsdm/capaian-jp?tahun=2026',
    '/bkpsdm/capaian-jp.xlsx?tahun=2026',
    '/bkpsdm/siasn.csv?tahun=2026',
  ];
  it('refuses a pegawai and an atasan on every BKPSDM page (403)', async () => {
    for (const nip of [NIP.andi, NIP.sari]) {
      const a = await masuk(t.app, nip);
      for (const url of halaman) {
        const res = await a.get(url);
        expect(res.status, `${nip} ${url}`).toBe(403);
      }
      const post = await a.post('/bkpsdm/periode').type('form').send({ _csrf: a.csrf, tahun: '2031', batas_pengajuan: '2030-11-30' });
      expect(post.status).toBe(403);
    }
    expect(await t.knex('periode').where({ tahun: 2031 }).first()).toBeUndefined();
  });

  it('sends an anonymous visitor to /login', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app).get('/bkpsdm/periode');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.location).toBe('/login');
  });
});

describe('periode', () => {
  it('lists every year with its deadline, open or locked', async () => {
    const res = await hendra.get('/bkpsdm/periode');
    expect(res.status).toBe(200);
    expect(res.text).toContain('30 November 2026');
    expect(res.text).toContain('Terbuka');
    expect(res.text).toContain('sisa 3 hari');
    expect(res.text).toContain('Terkunci');
  });

  it('creates a year with the default deadline and records it', async () => {
    const res = await hendra.post('/bkpsdm/periode').type('form').send({ _csrf: hendra.csrf, tahun: '2032', batas_pengajuan: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/bkpsdm/periode');
    const p = await t.knex('periode').where({ tahun: 2032 }).first();
    expect(p.batas_pengajuan).toBe('2031-11-30');
    const r = await t.knex('periode_riwayat').where({ tahun: 2032 });
    expect(r).toHaveLength(1);
    expect(r[0].batas_lama).toBeNull();
  });

  it('extends and reopens a year, keeping old → new, who and why', async () => {
    const res = await hendra
      .post('/bkpsdm/periode')
      .type('form')
      .send({ _csrf: hendra.csrf, tahun: '2026', batas_pengajuan: '2026-12-15', alasan: 'Dibuka kembali untuk PD yang terlambat' });
    expect(res.status).toBe(303);
    const p = await t.knex('periode').where({ tahun: 2026 }).first();
    expect(p.batas_pengajuan).toBe('2026-12-15');
    const r = await t.knex('periode_riwayat').where({ tahun: 2026 }).orderBy('id', 'desc').first();
    expect(r.batas_lama).toBe('2025-11-30');
    expect(r.batas_baru).toBe('2026-12-15');
    expect(r.alasan).toBe('Dibuka kembali untuk PD yang terlambat');
    const page = await hendra.get('/bkpsdm/periode');
    expect(page.text).toContain('Dibuka kembali untuk PD yang terlambat');
    expect(page.text).toContain('Hendra Gunawan');
  });

  it('answers 422 with messages for bad years and dates, saving nothing', async () => {
    const sebelum = await t.knex('periode_riwayat').count('* as n').first();
    const kasus: Record<string, unknown>[] = [
      { tahun: 'abc', batas_pengajuan: '2026-11-30' },
      { tahun: '1999', batas_pengajuan: '1998-11-30' },
      { tahun: '2033', batas_pengajuan: '2033-02-30' },
      { tahun: '2033', batas_pengajuan: '2020-01-01' },
      { tahun: ['2033', '2034'], batas_pengajuan: { a: 1 } },
      { tahun: '2033', batas_pengajuan: '2032-11-30', alasan: 'x'.repeat(5000) },
      {},
    ];
    for (const k of kasus) {
      const res = await hendra
        .post('/bkpsdm/periode')
        .type('form')
        .send({ _csrf: hendra.csrf, ...k });
      expect(res.status, JSON.stringify(k).slice(0, 80)).toBe(422);
      expect(res.text).toContain('is-invalid');
    }
    const sesudah = await t.knex('periode_riwayat').count('* as n').first();
    expect(sesudah).toEqual(sebelum);
    expect(await t.knex('periode').where({ tahun: 2033 }).first()).toBeUndefined();
  });

  it('refuses a POST without _csrf', async () => {
    const res = await hendra.post('/bkpsdm/periode').type('form').send({ tahun: '2034', batas_pengajuan: '2033-11-30' });
    expect(res.status).toBe(403);
  });
});
