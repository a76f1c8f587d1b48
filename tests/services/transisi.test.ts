import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type TestApp } from '../helpers/app';
import { buatRincian, rekomendasiTerkirim } from '../helpers/data';
import { transisiRekomendasi, transisiRincian, type Pelaku } from '../../src/services/transisi';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/errors';

// The transition table is the one authority: who may act, the deadline and the state are checked
// by transisi() itself, for every caller, on a row it has locked.

let t: TestApp;
const p: Record<string, Pelaku> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const [nama, nip] of Object.entries(NIP)) {
    const row = await t.knex('pegawai').where({ nip }).first('id', 'peran');
    p[nama] = { id: row!.id, peran: row!.peran };
  }
});
afterAll(() => t.close());

const waktu = () => t.clock.now();

const coba = (fn: (trx: import('knex').Knex.Transaction) => Promise<unknown>) => t.knex.transaction(fn);

describe('transisi()', () => {
  it('lets only the owner send, and only the atasan decide', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027 });
    await expect(coba((trx) => transisiRincian(trx, 'kirim', { id, pelaku: p.dewi!, waktu: waktu() }))).rejects.toThrow(NotFoundError);
    await coba((trx) => transisiRincian(trx, 'kirim', { id, pelaku: p.andi!, waktu: waktu() }));
    for (const siapa of ['andi', 'dewi', 'hendra', 'maya', 'rudi'])
      await expect(
        coba((trx) => transisiRincian(trx, 'terima', { id, pelaku: p[siapa]!, waktu: waktu() })),
        siapa,
      ).rejects.toThrow(NotFoundError);
    await coba((trx) => transisiRincian(trx, 'terima', { id, pelaku: p.sari!, alasan: 'Sesuai', waktu: waktu() }));
    expect((await t.knex('rincian').where({ id }).first())!.status).toBe('diterima');
  });

  it('records the exact previous state, read under a lock', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027, status: 'ditolak' });
    await coba((trx) => transisiRincian(trx, 'kirim', { id, pelaku: p.andi!, waktu: waktu() }));
    const h = await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'kirim' }).first();
    expect(h).toMatchObject({ dari: 'ditolak', ke: 'dikirim' });
    // two concurrent sends of one item: one wins, the other's 409 names the state it found
    const id2 = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027 });
    const hasil = await Promise.allSettled(
      [1, 2].map(() => coba((trx) => transisiRincian(trx, 'kirim', { id: id2, pelaku: p.andi!, waktu: waktu() }))),
    );
    expect(hasil.filter((h) => h.status === 'fulfilled')).toHaveLength(1);
    const gagal = hasil.find((h) => h.status === 'rejected') as PromiseRejectedResult;
    expect(gagal.reason).toBeInstanceOf(ConflictError);
    expect(gagal.reason.message).toContain('Proses Verifikasi');
  });

  it('applies the deadline to the owner’s actions, not to the atasan’s', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027, status: 'dikirim' });
    const konsep = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027 });
    const lewat = new Date('2026-12-01T00:00:00+07:00');
    await expect(coba((trx) => transisiRincian(trx, 'kirim', { id: konsep, pelaku: p.andi!, waktu: lewat }))).rejects.toThrow(/terkunci/);
    await coba((trx) => transisiRincian(trx, 'tolak', { id, pelaku: p.sari!, alasan: 'Perbaiki', waktu: lewat }));
  });

  it('lets a stand-in decide for the atasan, recorded on whose behalf, but never on their own item', async () => {
    await t
      .knex('plt')
      .insert({ atasan_id: p.sari!.id, pengganti_id: p.andi!.id, mulai: '2026-11-01', selesai: '2026-12-31', dibuat_oleh: p.hendra!.id });
    const milikDewi = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2027, status: 'dikirim' });
    const milikAndi = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027, status: 'dikirim' });
    await coba((trx) => transisiRincian(trx, 'terima', { id: milikDewi, pelaku: p.andi!, alasan: 'Plt', waktu: waktu() }));
    expect(await t.knex('riwayat_status').where({ rincian_id: milikDewi, aksi: 'terima' }).first()).toMatchObject({
      oleh: p.andi!.id,
      atas_nama: p.sari!.id,
    });
    await expect(
      coba((trx) => transisiRincian(trx, 'terima', { id: milikAndi, pelaku: p.andi!, alasan: 'Sendiri', waktu: waktu() })),
    ).rejects.toThrow(NotFoundError);
    await t.knex('plt').where({ pengganti_id: p.andi!.id }).del();
  });

  it('lets BKPSDM decide a rekomendasi, but not its own', async () => {
    const own = { id: await rekomendasiTerkirim(t.knex, p.hendra!.id) };
    const keputusan = (pelaku: Pelaku) =>
      coba((trx) => transisiRekomendasi(trx, 'terima', { id: own.id, pelaku, alasan: 'Ok', waktu: waktu() }));
    await expect(keputusan(p.hendra!)).rejects.toThrow(ForbiddenError);
    await expect(keputusan(p.andi!)).rejects.toThrow(ForbiddenError);
    await keputusan(p.maya!); // another officer (admin acts as BKPSDM here)
  });
});

describe('nobody decides their own item, on any path', () => {
  it('keeps a Plt’s own item out of the queue and refuses it single and in bulk', async () => {
    const andi = await idPegawai(t.knex, NIP.andi);
    const sari = await idPegawai(t.knex, NIP.sari);
    await t.knex('plt').insert({ atasan_id: sari, pengganti_id: andi, mulai: '2026-11-01', selesai: '2026-12-31', dibuat_oleh: sari });
    const sendiri = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027, status: 'dikirim', materi: 'Usulan Andi sendiri' });
    const lain = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2027, status: 'dikirim', materi: 'Usulan Dewi' });
    const a = await masuk(t.app, NIP.andi);
    const antrean = await a.get('/verifikasi');
    expect(antrean.text).toContain('Usulan Dewi');
    expect(antrean.text).not.toContain('Usulan Andi sendiri');
    expect((await a.get(`/verifikasi/${sendiri}`)).status).toBe(404);
    const satu = await a.post(`/verifikasi/${sendiri}`).type('form').send({ _csrf: a.csrf, keputusan: 'terima', alasan: 'Saya setuju' });
    expect(satu.status).toBe(404);
    const satuMultipart = await a
      .post(`/verifikasi/${sendiri}`)
      .field('_csrf', a.csrf)
      .field('keputusan', 'terima')
      .field('alasan', 'Saya setuju');
    expect(satuMultipart.status).toBe(404);
    const banyak = await a
      .post('/verifikasi/terima-banyak')
      .type('form')
      .send({ _csrf: a.csrf, 'ids[]': [String(lain), String(sendiri)], alasan: 'Setuju' });
    expect(banyak.status).toBe(404);
    const banyakMultipart = await a
      .post('/verifikasi/terima-banyak')
      .field('_csrf', a.csrf)
      .field('ids[]', String(sendiri))
      .field('alasan', 'Setuju');
    expect(banyakMultipart.status).toBe(404);
    const rows = await t.knex('rincian').whereIn('id', [sendiri, lain]).pluck('status');
    expect(rows).toEqual(['dikirim', 'dikirim']);
    await t.knex('plt').where({ pengganti_id: andi }).del();
  });

  it('refuses a BKPSDM officer’s decision on his own rekomendasi', async () => {
    const hendra = await idPegawai(t.knex, NIP.hendra);
    const r = { id: await rekomendasiTerkirim(t.knex, hendra) };
    const h = await masuk(t.app, NIP.hendra);
    const res = await h.post(`/bkpsdm/rekomendasi/${r.id}`).type('form').send({ _csrf: h.csrf, keputusan: 'terima', alasan: 'Setuju' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('permohonan Anda sendiri');
    const multipart = await h
      .post(`/bkpsdm/rekomendasi/${r.id}`)
      .field('_csrf', h.csrf)
      .field('keputusan', 'terima')
      .field('alasan', 'Setuju');
    expect(multipart.status).toBe(403);
    expect((await t.knex('rekomendasi').where({ id: r.id }).first())!.status).toBe('terkirim');
    // never in his own queue; the detail page says who decides, with no form
    expect((await h.get('/bkpsdm/rekomendasi?status=terkirim')).text).not.toContain('Diklat milik sendiri');
    const detail = await h.get(`/bkpsdm/rekomendasi/${r.id}`);
    expect(detail.text).toContain('petugas BKPSDMD yang lain');
    expect(detail.text).not.toContain(`action="/bkpsdm/rekomendasi/${r.id}"`);
    // another officer sees it and decides it
    const maya = await masuk(t.app, NIP.maya);
    expect((await maya.get('/bkpsdm/rekomendasi?status=terkirim')).text).toContain('Diklat milik sendiri');
  });
});
