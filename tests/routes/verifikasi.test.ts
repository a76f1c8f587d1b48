import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';

// Today is 2026-11-28, 10:00 WIB.
const NOW = '2026-11-28T03:00:00Z';
let t: TestApp;
let sari: Agent;
let id: { andi: number; dewi: number; sari: number; rudi: number; fajar: number; hendra: number };

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  sari = await masuk(t.app, NIP.sari);
  id = {
    andi: await idPegawai(t.knex, NIP.andi),
    dewi: await idPegawai(t.knex, NIP.dewi),
    sari: await idPegawai(t.knex, NIP.sari),
    rudi: await idPegawai(t.knex, NIP.rudi),
    fajar: await idPegawai(t.knex, NIP.fajar),
    hendra: await idPegawai(t.knex, NIP.hendra),
  };
});
afterAll(() => t.close());

const dikirim = (nip: string, materi: string, extra: Parameters<typeof buatRincian>[1] extends infer R ? Partial<R> : never = {}) =>
  buatRincian(t.knex, { nip, tahun: 2027, status: 'dikirim', materi, dikirim_at: new Date('2026-11-25T02:00:00Z'), ...extra });

async function status(rincianId: number) {
  return (await t.knex('rincian').where({ id: rincianId }).first('status'))!.status as string;
}

describe('GET /verifikasi', () => {
  it("lists the waiting items of the user's direct subordinates only, old ones marked", async () => {
    const res = await sari.get('/verifikasi');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Bimbingan teknis SIASN'); // Andi
    expect(res.text).toContain('Coaching penyusunan program kerja subbidang'); // Dewi
    expect(res.text).not.toContain('Pengembang Teknologi Pembelajaran'); // Fajar's, atasan Rudi
    expect(res.text).not.toContain('Seminar kepemimpinan ASN'); // Andi's draft
    expect(res.text).toMatch(/Menunggu lebih dari 14 hari/);
  });

  it('filters by jalur, free text and subordinate', async () => {
    const jalur = await sari.get('/verifikasi?jalur=non_klasikal');
    expect(jalur.text).toContain('Coaching penyusunan');
    expect(jalur.text).not.toContain('Bimbingan teknis SIASN');
    const q = await sari.get('/verifikasi?q=siasn');
    expect(q.text).toContain('Bimbingan teknis SIASN');
    expect(q.text).not.toContain('Coaching penyusunan');
    const p = await sari.get(`/verifikasi?pegawai=${id.dewi}`);
    expect(p.text).toContain('Pengelolaan arsip kepegawaian digital');
    expect(p.text).not.toContain('Bimbingan teknis SIASN');
    const garbage = await sari.get('/verifikasi?jalur[]=x&q[a]=b&pegawai=abc&page=-5');
    expect(garbage.status).toBe(200);
    // an employee who is not hers, or no employee at all (past the id column's range): the whole queue
    for (const lain of [String(id.fajar), '99999999999', '2147483648', '0', '-1', '1e3']) {
      const res = await sari.get(`/verifikasi?pegawai=${lain}`);
      expect(res.status, lain).toBe(200);
      expect(res.text, lain).toContain('Bimbingan teknis SIASN');
      expect(res.text, lain).toContain('Pengelolaan arsip kepegawaian digital');
    }
  });

  it('shows an empty queue to someone without subordinates', async () => {
    const andi = await masuk(t.app, NIP.andi);
    const res = await andi.get('/verifikasi');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Tidak ada pengajuan yang menunggu verifikasi');
  });
});

describe('Rincian Pengajuan', () => {
  it("shows the manual's fields, SKJ gaps, kinerja band, JP and the other items of the year", async () => {
    const r = await t.knex('rincian').where({ materi: 'Bimbingan teknis SIASN' }).first('id');
    const res = await sari.get(`/verifikasi/${r!.id}`);
    expect(res.status).toBe(200);
    for (const s of [
      'Estimasi Biaya',
      'Rp 2.000.000,00',
      'Lembaga Penyelenggara',
      'Sumber Dana',
      'APBN',
      'Alasan Pengajuan',
      'Alasan Keputusan',
      'Kesenjangan kinerja rendah',
      'M.01',
      'Pembentukan Asesor Kompetensi', // another item of the year
      'Verifikasi Pengajuan',
      'Kembalikan ke Pengaju untuk Direvisi Kembali',
    ])
      expect(res.text, s).toContain(s);
    expect(res.text).toMatch(/40 \/ 20 JP/);
  });

  it('answers 404 to anyone but the atasan: the owner, another atasan, BKPSDM, garbage ids', async () => {
    const r = await t.knex('rincian').where({ materi: 'Bimbingan teknis SIASN' }).first('id');
    for (const nip of [NIP.andi, NIP.rudi, NIP.hendra, NIP.dewi]) {
      const a = await masuk(t.app, nip);
      expect((await a.get(`/verifikasi/${r!.id}`)).status, nip).toBe(404);
      const post = await a.post(`/verifikasi/${r!.id}`).type('form').send({ _csrf: a.csrf, keputusan: 'terima', alasan: 'ok' });
      expect(post.status, nip).toBe(404);
    }
    expect(await status(r!.id)).toBe('dikirim');
    for (const u of ['/verifikasi/abc', '/verifikasi/99999999999', '/verifikasi/0', '/verifikasi/999999'])
      expect((await sari.get(u)).status, u).toBe(404);
    const draft = await t.knex('rincian').where({ materi: 'Seminar kepemimpinan ASN' }).first('id');
    expect((await sari.get(`/verifikasi/${draft!.id}`)).status).toBe(404);
  });
});

describe('POST /verifikasi/:id', () => {
  it('refuses a decision without a reason with 422, either way, and changes nothing', async () => {
    const rid = await dikirim(NIP.andi, 'Tanpa alasan');
    for (const body of [
      { keputusan: 'terima', alasan: '' },
      { keputusan: 'tolak', alasan: '   ' },
      { keputusan: 'tolak' },
      { keputusan: 'terima', 'alasan[]': ['a', 'b'] },
    ]) {
      const res = await sari
        .post(`/verifikasi/${rid}`)
        .type('form')
        .send({ _csrf: sari.csrf, ...body });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Alasan keputusan wajib diisi');
      expect(res.text).toContain('is-invalid');
    }
    const bad = await sari.post(`/verifikasi/${rid}`).type('form').send({ _csrf: sari.csrf, keputusan: 'hapus', alasan: 'Cukup baik' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Cukup baik'); // the reason stays in the form
    expect(await status(rid)).toBe('dikirim');
    expect(await t.knex('riwayat_status').where({ rincian_id: rid }).count('* as n').first()).toMatchObject({ n: '1' });
  });

  it('accepts with the reason: 303 to /verifikasi, history row, notification and e-mail to the owner', async () => {
    const rid = await dikirim(NIP.andi, 'Diterima dengan alasan');
    const res = await sari
      .post(`/verifikasi/${rid}`)
      .type('form')
      .send({ _csrf: sari.csrf, keputusan: 'terima', alasan: 'Sesuai kebutuhan unit' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/verifikasi');
    const row = await t.knex('rincian').where({ id: rid }).first();
    expect(row).toMatchObject({ status: 'diterima', alasan_keputusan: 'Sesuai kebutuhan unit', diputuskan_oleh: id.sari });
    const h = await t.knex('riwayat_status').where({ rincian_id: rid, aksi: 'terima' }).first();
    expect(h).toMatchObject({ dari: 'dikirim', ke: 'diterima', oleh: id.sari, atas_nama: null, alasan: 'Sesuai kebutuhan unit' });
    const n = await t
      .knex('notifikasi')
      .where({ pegawai_id: id.andi, tautan: `/pengajuan/${rid}` })
      .first();
    expect(n!.judul).toContain('diterima');
    const mail = await t.knex('email_outbox').where({ kepada: 'andi@bangkom.example.go.id' }).orderBy('id', 'desc').first();
    expect(mail!.isi).toContain('Diterima dengan alasan');
    expect(mail!.status).toBe('menunggu');
    const page = await sari.get('/verifikasi');
    expect(page.text).toMatch(/Usulan &#34;[^&]+&#34; diterima\./); // the flash names the item
  });

  it('returns an item for revision (tolak) with its reason', async () => {
    const rid = await dikirim(NIP.dewi, 'Dikembalikan');
    const res = await sari
      .post(`/verifikasi/${rid}`)
      .type('form')
      .send({ _csrf: sari.csrf, keputusan: 'tolak', alasan: 'Pilih bentuk lain' });
    expect(res.status).toBe(303);
    expect(await status(rid)).toBe('ditolak');
    const n = await t
      .knex('notifikasi')
      .where({ pegawai_id: id.dewi, tautan: `/pengajuan/${rid}` })
      .first();
    expect(n!.pesan).toContain('Pilih bentuk lain');
  });

  it('answers 409 to a second decision and changes nothing', async () => {
    const rid = await dikirim(NIP.andi, 'Dua kali');
    const first = await sari.post(`/verifikasi/${rid}`).type('form').send({ _csrf: sari.csrf, keputusan: 'tolak', alasan: 'Satu' });
    expect(first.status).toBe(303);
    const second = await sari.post(`/verifikasi/${rid}`).type('form').send({ _csrf: sari.csrf, keputusan: 'terima', alasan: 'Dua' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('sudah tidak menunggu verifikasi');
    const row = await t.knex('rincian').where({ id: rid }).first();
    expect(row).toMatchObject({ status: 'ditolak', alasan_keputusan: 'Satu' });
  });

  it('lets exactly one of two concurrent decisions win: one 303, one 409', async () => {
    const rid = await dikirim(NIP.dewi, 'Bersamaan');
    const sari2 = await masuk(t.app, NIP.sari);
    const [a, b] = await Promise.all([
      sari.post(`/verifikasi/${rid}`).type('form').send({ _csrf: sari.csrf, keputusan: 'terima', alasan: 'Tab satu' }),
      sari2.post(`/verifikasi/${rid}`).type('form').send({ _csrf: sari2.csrf, keputusan: 'tolak', alasan: 'Tab dua' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const keputusan = await t.knex('riwayat_status').where({ rincian_id: rid }).whereIn('aksi', ['terima', 'tolak']);
    expect(keputusan).toHaveLength(1);
    expect(await t.knex('notifikasi').where({ tautan: `/pengajuan/${rid}` })).toHaveLength(1);
  });

  it('answers 403 without _csrf and redirects to /login when logged out', async () => {
    const rid = await dikirim(NIP.andi, 'Tanpa token');
    expect((await sari.post(`/verifikasi/${rid}`).type('form').send({ keputusan: 'terima', alasan: 'x' })).status).toBe(403);
    expect(await status(rid)).toBe('dikirim');
  });
});

describe('terima banyak', () => {
  it('accepts several selected items with one reason', async () => {
    const a = await dikirim(NIP.andi, 'Banyak satu');
    const b = await dikirim(NIP.dewi, 'Banyak dua');
    const res = await sari
      .post('/verifikasi/terima-banyak')
      .type('form')
      .send(`_csrf=${encodeURIComponent(sari.csrf)}&ids[]=${a}&ids[]=${b}&alasan=Sesuai+rencana+unit`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/verifikasi');
    expect(await status(a)).toBe('diterima');
    expect(await status(b)).toBe('diterima');
    expect((await t.knex('rincian').where({ id: b }).first())!.alasan_keputusan).toBe('Sesuai rencana unit');
  });

  it('refuses without a reason or without a selection (422), and all-or-nothing with a foreign item (404)', async () => {
    const a = await dikirim(NIP.andi, 'Banyak tiga');
    const noReason = await sari
      .post('/verifikasi/terima-banyak')
      .type('form')
      .send(`_csrf=${encodeURIComponent(sari.csrf)}&ids[]=${a}`);
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Alasan keputusan wajib diisi');
    const none = await sari.post('/verifikasi/terima-banyak').type('form').send({ _csrf: sari.csrf, alasan: 'ok' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Pilih paling sedikit satu pengajuan');
    const fajar = await t.knex('rincian').where({ pegawai_id: id.fajar, status: 'dikirim' }).first('id');
    const foreign = await sari
      .post('/verifikasi/terima-banyak')
      .type('form')
      .send(`_csrf=${encodeURIComponent(sari.csrf)}&ids[]=${a}&ids[]=${fajar!.id}&alasan=ok`);
    expect(foreign.status).toBe(404);
    expect(await status(a)).toBe('dikirim');
    expect(await status(fajar!.id)).toBe('dikirim');
  });
});

describe('Plt', () => {
  it('lets a stand-in named by BKPSDM see and decide the atasan’s queue, recorded as Plt', async () => {
    const hendra = await masuk(t.app, NIP.hendra);
    const fajarItem = await dikirim(NIP.fajar, 'Antrean Rudi');
    expect((await sari.get(`/verifikasi/${fajarItem}`)).status).toBe(404);

    const res = await hendra.post('/bkpsdm/plt').type('form').send({
      _csrf: hendra.csrf,
      nip_atasan: NIP.rudi,
      nip_pengganti: NIP.sari,
      mulai: '2026-11-28',
      selesai: '2026-12-05',
      keterangan: 'Cuti tahunan',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/bkpsdm/plt');
    const list = await hendra.get('/bkpsdm/plt');
    expect(list.text).toContain('Cuti tahunan');
    expect(list.text).toContain('Rudi Hartono');

    const queue = await sari.get('/verifikasi');
    expect(queue.text).toContain('Antrean Rudi');
    expect(queue.text).toContain('Plt');
    const page = await sari.get(`/verifikasi/${fajarItem}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Plt Rudi Hartono');

    const dec = await sari
      .post(`/verifikasi/${fajarItem}`)
      .type('form')
      .send({ _csrf: sari.csrf, keputusan: 'terima', alasan: 'Disetujui Plt' });
    expect(dec.status).toBe(303);
    const h = await t.knex('riwayat_status').where({ rincian_id: fajarItem, aksi: 'terima' }).first();
    expect(h).toMatchObject({ oleh: id.sari, atas_nama: id.rudi });
    expect((await sari.get(`/verifikasi/${fajarItem}`)).text).toContain('sebagai Plt Rudi Hartono');

    // ended early: the queue is Rudi's again
    const plt = await t.knex('plt').where({ pengganti_id: id.sari }).first('id');
    const confirm = await hendra.get(`/bkpsdm/plt/${plt!.id}/akhiri`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('method="post"');
    const end = await hendra.post(`/bkpsdm/plt/${plt!.id}/akhiri`).type('form').send({ _csrf: hendra.csrf });
    expect(end.status).toBe(303);
    const other = await dikirim(NIP.fajar, 'Setelah Plt');
    expect((await sari.get(`/verifikasi/${other}`)).status).toBe(404);
    const rudi = await masuk(t.app, NIP.rudi);
    expect((await rudi.get(`/verifikasi/${other}`)).status).toBe(200);
  });

  it('does not apply before its start date', async () => {
    const hendra = await masuk(t.app, NIP.hendra);
    const res = await hendra.post('/bkpsdm/plt').type('form').send({
      _csrf: hendra.csrf,
      nip_atasan: NIP.rudi,
      nip_pengganti: NIP.dewi,
      mulai: '2026-12-01',
      selesai: '2026-12-05',
      keterangan: '',
    });
    expect(res.status).toBe(303);
    const item = await dikirim(NIP.fajar, 'Belum Plt');
    const dewi = await masuk(t.app, NIP.dewi);
    expect((await dewi.get(`/verifikasi/${item}`)).status).toBe(404);
    t.clock.set('2026-12-02T03:00:00Z');
    try {
      const dewi2 = await masuk(t.app, NIP.dewi);
      expect((await dewi2.get(`/verifikasi/${item}`)).status).toBe(200);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('refuses bad input with 422 and messages, and is for BKPSDM/admin only', async () => {
    const maya = await masuk(t.app, NIP.maya);
    const res = await maya
      .post('/bkpsdm/plt')
      .type('form')
      .send({
        _csrf: maya.csrf,
        nip_atasan: '123',
        nip_pengganti: '199001012015011999',
        mulai: '2026-12-10',
        selesai: '2026-12-01',
        'keterangan[]': ['a'],
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('NIP terdiri dari 18 angka');
    expect(res.text).toContain('NIP pengganti tidak ditemukan');
    expect(res.text).toContain('Tanggal selesai tidak boleh sebelum tanggal mulai');
    const same = await maya
      .post('/bkpsdm/plt')
      .type('form')
      .send({ _csrf: maya.csrf, nip_atasan: NIP.rudi, nip_pengganti: NIP.rudi, mulai: 'kemarin', selesai: '2026-12-01' });
    expect(same.status).toBe(422);
    expect(same.text).toContain('Pengganti tidak boleh atasan itu sendiri');
    expect(same.text).toContain('Isi tanggal yang benar');

    const andi = await masuk(t.app, NIP.andi);
    expect((await andi.get('/bkpsdm/plt')).status).toBe(403);
    expect((await andi.post('/bkpsdm/plt').type('form').send({ _csrf: andi.csrf })).status).toBe(403);
    expect((await maya.get('/bkpsdm/plt/999999/akhiri')).status).toBe(404);
  });

  it('shows employees without an atasan who have items as a problem to fix', async () => {
    await dikirim(NIP.rudi, 'Rudi tanpa atasan');
    const hendra = await masuk(t.app, NIP.hendra);
    const res = await hendra.get('/bkpsdm/plt');
    expect(res.text).toContain('Pegawai tanpa atasan aktif');
    expect(res.text).toContain(NIP.rudi);
    expect(res.text).not.toContain(`<div class="small text-muted">${NIP.maya}</div>`); // admin, no items
  });
});
