import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type TestApp } from '../helpers/app';

let t: TestApp;
let dewi: number;
let fajar: number;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T03:00:00Z' });
  dewi = await idPegawai(t.knex, NIP.dewi);
  fajar = await idPegawai(t.knex, NIP.fajar);
});
afterAll(() => t.close());

async function notif(pegawaiId: number, judul: string, tautan: string | null = null, menit = 0) {
  const [r] = await t
    .knex('notifikasi')
    .insert({ pegawai_id: pegawaiId, judul, pesan: `Pesan ${judul}`, tautan, created_at: new Date(Date.UTC(2026, 10, 20, 1, menit)) })
    .returning('id');
  return String(r!.id);
}

describe('Pemberitahuan', () => {
  it('lists the user’s notifications newest first, with the unread count in the header', async () => {
    await notif(dewi, 'Lama', null, 1);
    await notif(dewi, 'Baru', '/pengajuan', 2);
    await notif(fajar, 'Milik Fajar');
    const a = await masuk(t.app, NIP.dewi);
    const res = await a.get('/notifikasi');
    expect(res.status).toBe(200);
    expect(res.text.indexOf('Baru')).toBeLessThan(res.text.indexOf('Lama'));
    expect(res.text).not.toContain('Milik Fajar');
    expect(res.text).toMatch(/>2<span class="visually-hidden"> belum dibaca/);
  });

  it('marks one read (303 back to the list), and answers 404 for someone else’s', async () => {
    const id = await notif(dewi, 'Satu');
    const lain = await notif(fajar, 'Punya orang');
    const a = await masuk(t.app, NIP.dewi);
    const res = await a.post(`/notifikasi/${id}/baca`).type('form').send({ _csrf: a.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/notifikasi');
    expect((await t.knex('notifikasi').where({ id }).first())!.dibaca_at).not.toBeNull();
    const asing = await a.post(`/notifikasi/${lain}/baca`).type('form').send({ _csrf: a.csrf });
    expect(asing.status).toBe(404);
    expect((await t.knex('notifikasi').where({ id: lain }).first())!.dibaca_at).toBeNull();
    for (const u of ['/notifikasi/abc/baca', '/notifikasi/99999999999999999999/baca'])
      expect((await a.post(u).type('form').send({ _csrf: a.csrf })).status, u).toBe(404);
  });

  it('opening a notification marks it read and goes to its link; never to another site', async () => {
    const id = await notif(dewi, 'Ke pengajuan', '/pengajuan/5');
    const luar = await notif(dewi, 'Ke luar', '//evil.example.com/x');
    const a = await masuk(t.app, NIP.dewi);
    // following the address alone changes nothing
    const lihat = await a.get(`/notifikasi/${id}/buka`);
    expect(lihat.status).toBe(303);
    expect(lihat.headers.location).toBe('/pengajuan/5');
    expect((await t.knex('notifikasi').where({ id }).first())!.dibaca_at).toBeNull();
    // the list's button is a form
    expect((await a.get('/notifikasi')).text).toContain(`action="/notifikasi/${id}/buka"`);
    const res = await a.post(`/notifikasi/${id}/buka`).type('form').send({ _csrf: a.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/pengajuan/5');
    expect((await t.knex('notifikasi').where({ id }).first())!.dibaca_at).not.toBeNull();
    expect((await a.post(`/notifikasi/${luar}/buka`).type('form').send({ _csrf: a.csrf })).headers.location).toBe('/notifikasi');
    const fajarNotif = await notif(fajar, 'Rahasia', '/x');
    expect((await a.get(`/notifikasi/${fajarNotif}/buka`)).status).toBe(404);
    expect((await a.post(`/notifikasi/${fajarNotif}/buka`).type('form').send({ _csrf: a.csrf })).status).toBe(404);
  });

  it('marks all read', async () => {
    await notif(dewi, 'Lagi');
    const a = await masuk(t.app, NIP.dewi);
    const res = await a.post('/notifikasi/baca-semua').type('form').send({ _csrf: a.csrf });
    expect(res.status).toBe(303);
    const n = (await t.knex('notifikasi').where({ pegawai_id: dewi }).whereNull('dibaca_at').count<{ n: string }>('* as n').first())!.n;
    expect(Number(n)).toBe(0);
    expect((await a.get('/notifikasi')).text).toMatch(/\d+ pemberitahuan ditandai sudah dibaca/);
    const m = (await t.knex('notifikasi').where({ pegawai_id: fajar }).whereNull('dibaca_at').count<{ m: string }>('* as m').first())!.m;
    expect(Number(m)).toBeGreaterThan(0);
  });

  it('pages through many notifications', async () => {
    const rudi = await idPegawai(t.knex, NIP.rudi);
    for (let i = 0; i < 25; i++) await notif(rudi, `Nomor ${String(i).padStart(2, '0')}`, null, i);
    const a = await masuk(t.app, NIP.rudi);
    const p1 = await a.get('/notifikasi');
    expect(p1.text).toContain('Nomor 24');
    expect(p1.text).not.toContain('Nomor 04');
    expect(p1.text).toContain('Halaman 1 dari 2');
    const p2 = await a.get('/notifikasi?page=2');
    expect(p2.text).toContain('Nomor 04');
    expect(p2.text).not.toContain('Nomor 24');
    expect((await a.get('/notifikasi?page=abc')).status).toBe(200);
  });

  it('shows a notification written by a decision', async () => {
    const sari = await masuk(t.app, NIP.sari);
    const r = await t.knex('rincian').where({ materi: 'Coaching penyusunan program kerja subbidang' }).first('id');
    expect(
      (await sari.post(`/verifikasi/${r!.id}`).type('form').send({ _csrf: sari.csrf, keputusan: 'terima', alasan: 'Lanjutkan' })).status,
    ).toBe(303);
    const a = await masuk(t.app, NIP.dewi);
    const res = await a.get('/notifikasi');
    expect(res.text).toContain('Pengajuan diterima atasan');
    expect(res.text).toContain('Lanjutkan');

    // and its e-mail, queued with it: to her address, greeting her by name, with the link
    const p = (await t.knex('pegawai').where({ id: dewi }).first('email', 'nama'))!;
    const email = await t.knex('email_outbox').where({ kepada: p.email!, subjek: '[Bangkom] Pengajuan diterima atasan' }).first('isi');
    expect(email?.isi).toMatch(new RegExp(`^Yth\\. ${p.nama},\n\nPengajuan "Coaching penyusunan program kerja subbidang" diterima`));
    expect(email?.isi).toContain(
      `\n\nBuka: ${t.config.baseUrl.replace(/\/$/, '')}/pengajuan/${r!.id}\n\n—\nPesan ini dikirim otomatis oleh Bangkom.`,
    );
  });

  it('writes the notification but no e-mail for someone without an address', async () => {
    await t.knex('pegawai').where({ id: fajar }).update({ email: null });
    const sebelum = await t.knex('email_outbox').count<{ n: string }>('* as n').first();
    const rudi = await masuk(t.app, NIP.rudi);
    const r = await t.knex('rincian').where({ pegawai_id: fajar, status: 'dikirim' }).first('id', 'materi');
    expect(r, 'a waiting item of Fajar in the demo data').toBeDefined();
    const res = await rudi
      .post(`/verifikasi/${r!.id}`)
      .type('form')
      .send({ _csrf: rudi.csrf, keputusan: 'tolak', alasan: 'Perbaiki jadwalnya.' });
    expect(res.status).toBe(303);
    expect(
      await t
        .knex('notifikasi')
        .where({ pegawai_id: fajar, tautan: `/pengajuan/${r!.id}` })
        .first('judul'),
    ).toMatchObject({
      judul: 'Pengajuan dikembalikan untuk direvisi',
    });
    expect(await t.knex('email_outbox').count<{ n: string }>('* as n').first()).toEqual(sebelum);
  });
});
