import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { PESAN_TERTAHAN } from '../../src/services/berkas-tertahan';

// Today in these tests: Saturday 28 November 2026, 10.00 WIB.
const SEKARANG = '2026-11-28T03:00:00Z';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestApp;
let andi: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: SEKARANG });
  andi = await masuk(t.app, NIP.andi);
});
afterAll(() => t.close());

const rincian = (id: number) => t.knex('rincian').where({ id }).first();
const jumlahLaporan = async (id: number) => Number((await t.knex('laporan').where({ rincian_id: id }).count({ n: '*' }))[0]!.n);

const mulaiValid = {
  tanggal_mulai: '2026-11-02',
  tanggal_selesai: '2026-11-06',
  detail_materi: 'Cara menyusun analisis kebutuhan pelatihan',
  tempat: 'Aula BKPSDMD',
  frekuensi_laporan: 'sekali',
  biaya_realisasi: '2.500.000,00',
};

describe('mulai: GET/POST /pengajuan/:id/mulai', () => {
  it('asks first without JavaScript, then shows the form', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const konfirmasi = await andi.get(`/pengajuan/${id}/mulai`);
    expect(konfirmasi.status).toBe(200);
    expect(konfirmasi.text).toContain('Apa anda yakin untuk memulai diklat ini?');
    expect(konfirmasi.text).toContain(`href="/pengajuan/${id}/mulai?ya=1"`);
    const form = await andi.get(`/pengajuan/${id}/mulai?ya=1`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Mulai Melaksanakan Kegiatan');
    for (const f of ['tanggal_mulai', 'tanggal_selesai', 'detail_materi', 'tempat', 'frekuensi_laporan', 'biaya_realisasi']) {
      expect(form.text).toContain(`name="${f}"`);
    }
    expect(form.text).toContain('value="mingguan"');
  });

  it('starts an accepted item: berjalan with the realisation and a history row, 303 to /laporan/:id', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const res = await andi
      .post(`/pengajuan/${id}/mulai`)
      .type('form')
      .send({ _csrf: andi.csrf, ...mulaiValid });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/laporan/${id}`);
    const r = await rincian(id);
    expect(r).toMatchObject({
      status: 'berjalan',
      tanggal_mulai: '2026-11-02',
      tanggal_selesai: '2026-11-06',
      tempat: 'Aula BKPSDMD',
      frekuensi_laporan: 'sekali',
    });
    expect(Number(r!.biaya_realisasi)).toBe(2500000);
    expect(r!.dimulai_at).not.toBeNull();
    const h = await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'mulai' }).first();
    expect(h).toMatchObject({ dari: 'diterima', ke: 'berjalan', oleh: await idPegawai(t.knex, NIP.andi) });
    const page = await andi.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kegiatan dimulai');
  });

  it('accepts an empty realised cost and plain numbers', async () => {
    const a = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const b = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    expect(
      (
        await andi
          .post(`/pengajuan/${a}/mulai`)
          .type('form')
          .send({ _csrf: andi.csrf, ...mulaiValid, biaya_realisasi: '' })
      ).status,
    ).toBe(303);
    expect((await rincian(a))!.biaya_realisasi).toBeNull();
    expect(
      (
        await andi
          .post(`/pengajuan/${b}/mulai`)
          .type('form')
          .send({ _csrf: andi.csrf, ...mulaiValid, biaya_realisasi: '750000' })
      ).status,
    ).toBe(303);
    expect(Number((await rincian(b))!.biaya_realisasi)).toBe(750000);
  });

  it('409 for an item that is not diterima, on GET and POST; nothing changes', async () => {
    for (const status of ['konsep', 'dikirim', 'ditolak', 'berjalan', 'selesai'] as const) {
      const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status });
      const g = await andi.get(`/pengajuan/${id}/mulai`);
      expect(g.status).toBe(409);
      expect(g.text).toContain('diterima atasan');
      const p = await andi
        .post(`/pengajuan/${id}/mulai`)
        .type('form')
        .send({ _csrf: andi.csrf, ...mulaiValid });
      expect(p.status).toBe(409);
      expect((await rincian(id))!.status).toBe(status);
    }
  });

  it("404 for someone else's item, also for the owner's atasan; 404 for a missing or silly id", async () => {
    const id = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2026, status: 'diterima' });
    expect((await andi.get(`/pengajuan/${id}/mulai`)).status).toBe(404);
    const sari = await masuk(t.app, NIP.sari);
    expect(
      (
        await sari
          .post(`/pengajuan/${id}/mulai`)
          .type('form')
          .send({ _csrf: sari.csrf, ...mulaiValid })
      ).status,
    ).toBe(404);
    expect((await rincian(id))!.status).toBe('diterima');
    expect((await andi.get('/pengajuan/999999/mulai')).status).toBe(404);
    expect((await andi.get('/pengajuan/abc/mulai')).status).toBe(404);
  });

  it('422 with messages and entered values for bad input; nothing saved', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const kasus: [Record<string, unknown>, string, string][] = [
      [{ tanggal_selesai: '2026-11-01' }, 'tanggal_selesai', 'tidak boleh sebelum tanggal mulai'],
      [{ tanggal_mulai: '2026-02-30' }, 'tanggal_mulai', 'tidak valid'],
      [{ tanggal_mulai: '1999-01-01' }, 'tanggal_mulai', 'Tanggal mulai harus antara'],
      [{ tanggal_mulai: '2030-01-01', tanggal_selesai: '2030-01-02' }, 'tanggal_mulai', 'Tanggal mulai harus antara'],
      [{ tanggal_selesai: '2040-01-01' }, 'tanggal_selesai', 'paling lama 6 tahun'],
      [{ tanggal_mulai: '' }, 'tanggal_mulai', 'Isi tanggal mulai'],
      [{ detail_materi: '' }, 'detail_materi', 'Isi detail materi'],
      [{ detail_materi: 'x'.repeat(3000) }, 'detail_materi', 'paling banyak 2000'],
      [{ tempat: '   ' }, 'tempat', 'Isi tempat'],
      [{ frekuensi_laporan: 'kadang' }, 'frekuensi_laporan', 'Pilih laporan kegiatan'],
      [{ biaya_realisasi: 'dua juta' }, 'biaya_realisasi', 'Biaya tidak valid'],
      [{ biaya_realisasi: '-5' }, 'biaya_realisasi', 'Biaya tidak valid'],
    ];
    for (const [ubah, kolom, pesan] of kasus) {
      const res = await andi
        .post(`/pengajuan/${id}/mulai`)
        .type('form')
        .send({ _csrf: andi.csrf, ...mulaiValid, ...ubah });
      expect(res.status, JSON.stringify(ubah).slice(0, 80)).toBe(422);
      expect(res.text).toContain(pesan);
      expect(res.text).toMatch(new RegExp(`id="f-${kolom}"[^>]*`));
      expect(res.text).toContain('is-invalid');
    }
    const kept = await andi
      .post(`/pengajuan/${id}/mulai`)
      .type('form')
      .send({ _csrf: andi.csrf, ...mulaiValid, tanggal_selesai: '2026-10-01' });
    expect(kept.text).toContain('value="Aula BKPSDMD"');
    expect(kept.text).toContain('value="2026-10-01"');
    expect((await rincian(id))!.status).toBe('diterima');
  });

  it('never a 500 for arrays, missing fields or huge strings', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const a = await andi
      .post(`/pengajuan/${id}/mulai`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(andi.csrf)}&tanggal_mulai[]=a&tanggal_mulai[]=b&tempat[x]=1`);
    expect(a.status).toBe(422);
    const b = await andi.post(`/pengajuan/${id}/mulai`).type('form').send({ _csrf: andi.csrf });
    expect(b.status).toBe(422);
    const c = await andi
      .post(`/pengajuan/${id}/mulai`)
      .type('form')
      .send({ _csrf: andi.csrf, ...mulaiValid, tempat: 'y'.repeat(100_000), biaya_realisasi: '9'.repeat(60) });
    expect(c.status).toBe(422);
    expect((await rincian(id))!.status).toBe('diterima');
  });

  it('403 without _csrf; not logged in: to /login', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    expect((await andi.post(`/pengajuan/${id}/mulai`).type('form').send(mulaiValid)).status).toBe(403);
    const tamu = await anonim(t.app);
    const g = await tamu.get(`/pengajuan/${id}/mulai`);
    expect([302, 303]).toContain(g.status);
    expect(g.headers.location).toBe('/login');
    const p = await tamu
      .post(`/pengajuan/${id}/mulai`)
      .type('form')
      .send({ _csrf: tamu.csrf, ...mulaiValid });
    expect([303, 401, 403]).toContain(p.status);
    expect((await rincian(id))!.status).toBe('diterima');
  });
});

describe('GET /laporan and /laporan/:id', () => {
  it('lists the running and finished items with the columns of the manual', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      lembaga: 'Lembaga Daftar Laporan',
      materi: 'Materi daftar laporan',
      tanggal_mulai: '2026-11-20',
      tanggal_selesai: '2026-11-24',
    });
    const diterima = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima', materi: 'Belum dimulai sama sekali' });
    const res = await andi.get('/laporan');
    expect(res.status).toBe(200);
    for (const kolom of ['Bangkom', 'Waktu Pelaksanaan', 'Lembaga Penyelenggara', 'JP', 'Status Laporan'])
      expect(res.text).toContain(kolom);
    expect(res.text).toContain('Materi daftar laporan');
    expect(res.text).toContain('Lembaga Daftar Laporan');
    expect(res.text).toContain('20 November 2026 s/d 24 November 2026');
    expect(res.text).toContain(`href="/laporan/${id}"`);
    expect(res.text).not.toContain('Belum dimulai sama sekali');
    expect(res.text).not.toContain(`/laporan/${diterima}"`);
    // its final report was due on 24 November: late today
    expect(res.text).toContain('Laporan yang harus disampaikan');
    expect(res.text).toMatch(/Terlambat[\s\S]*Materi daftar laporan/);
  });

  it("never lists someone else's items", async () => {
    await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2026, status: 'berjalan', materi: 'Kegiatan milik Dewi' });
    const res = await andi.get('/laporan');
    expect(res.text).not.toContain('Kegiatan milik Dewi');
  });

  it('shows the detail as in the manual, the realisation, and the input form', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      bentuk: 'coaching',
      jalur: 'non_klasikal',
      jp: 2,
      anggaran: 0,
      lembaga: 'BKPSDM',
      tanggal_mulai: '2026-11-08',
      tanggal_selesai: '2026-11-12',
    });
    await t.knex('rincian').where({ id }).update({ biaya_realisasi: 125000, tempat: 'Kantor BKPSDM Prov Kep Bangka Belitung' });
    const res = await andi.get(`/laporan/${id}`);
    expect(res.status).toBe(200);
    for (const s of [
      'Bangkom',
      'Program Studi',
      'Biaya',
      'Waktu Pelaksanaan',
      'Lembaga Penyelenggara',
      'Tempat Penyelenggara',
      'Detail Materi Pengembangan',
      'Realisasi Pelaksanaan',
      'Input Laporan',
      '8 November 2026 s/d 12 November 2026',
      'Kantor BKPSDM Prov Kep Bangka Belitung',
      'Rp 125.000,00',
      'Coaching',
    ])
      expect(res.text).toContain(s);
    for (const f of ['tanggal', 'jp', 'dengan_sertifikat', 'nomor_sertifikat', 'deskripsi', 'sertifikat'])
      expect(res.text).toContain(`name="${f}"`);
  });

  it('the atasan reads it without the input form; others get 404', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'berjalan', materi: 'Dibaca atasan' });
    const sari = await masuk(t.app, NIP.sari);
    const res = await sari.get(`/laporan/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dibaca atasan');
    expect(res.text).toContain('Andi Pratama');
    expect(res.text).not.toContain('Input Laporan');
    expect(res.text).not.toContain('name="jp"');
    for (const nip of [NIP.dewi, NIP.rudi, NIP.hendra]) {
      const a = await masuk(t.app, nip);
      expect((await a.get(`/laporan/${id}`)).status, nip).toBe(404);
    }
    const post = await sari.post(`/laporan/${id}`).type('form').send({ _csrf: sari.csrf, tanggal: '2026-11-20', jp: '5', akhir: '1' });
    expect(post.status).toBe(404);
    expect(await jumlahLaporan(id)).toBe(0);
  });

  it('an item not yet started: 409 for its owner, 404 for others', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'diterima' });
    const res = await andi.get(`/laporan/${id}`);
    expect(res.status).toBe(409);
    expect(res.text).toContain('setelah kegiatan dimulai');
    const dewi = await masuk(t.app, NIP.dewi);
    expect((await dewi.get(`/laporan/${id}`)).status).toBe(404);
    expect((await andi.get('/laporan/0')).status).toBe(404);
  });
});

describe('POST /laporan/:id', () => {
  it('a report on a sekali item is the final one: the item becomes selesai with its history row', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      tanggal_mulai: '2026-11-02',
      tanggal_selesai: '2026-11-06',
    });
    const res = await andi.post(`/laporan/${id}`).type('form').send({
      _csrf: andi.csrf,
      tanggal: '2026-11-07',
      jp: '30',
      dengan_sertifikat: '1',
      nomor_sertifikat: 'SERT/2026/001',
      deskripsi: 'Telah mengikuti pelatihan.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/laporan/${id}`);
    const r = await rincian(id);
    expect(r!.status).toBe('selesai');
    expect(r!.selesai_at).not.toBeNull();
    const l = await t.knex('laporan').where({ rincian_id: id }).first();
    expect(l).toMatchObject({ tanggal: '2026-11-07', jp: 30, dengan_sertifikat: true, nomor_sertifikat: 'SERT/2026/001', akhir: true });
    expect(await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'selesai', dari: 'berjalan', ke: 'selesai' }).first()).toBeTruthy();
    const page = await andi.get(`/laporan/${id}`);
    expect(page.text).toContain('Kegiatan ini sekarang Selesai');
    expect(page.text).toContain('SERT/2026/001');
    expect(page.text).not.toContain('Input Laporan');
    // no more reports on a finished item
    const lagi = await andi.post(`/laporan/${id}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-08', jp: '1' });
    expect(lagi.status).toBe(409);
    expect(lagi.text).toContain('sudah selesai');
    expect(await jumlahLaporan(id)).toBe(1);
  });

  it('weekly: reports keep the item running until the one marked final', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      frekuensi_laporan: 'mingguan',
      tanggal_mulai: '2026-11-01',
      tanggal_selesai: '2026-11-22',
    });
    const before = await andi.get(`/laporan/${id}`);
    expect(before.text).toContain('Laporan ke-1');
    expect(before.text).toContain('Laporan akhir');
    expect(before.text).toContain('Terlambat');
    const r1 = await andi
      .post(`/laporan/${id}`)
      .type('form')
      .send({ _csrf: andi.csrf, tanggal: '2026-11-08', jp: '10', deskripsi: 'Minggu pertama' });
    expect(r1.status).toBe(303);
    expect((await rincian(id))!.status).toBe('berjalan');
    const r2 = await andi.post(`/laporan/${id}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-23', jp: '10', akhir: '1' });
    expect(r2.status).toBe(303);
    expect((await rincian(id))!.status).toBe('selesai');
    expect(await jumlahLaporan(id)).toBe(2);
    // the second week's report was never filed: shown as missing, no longer as late
    const after = await andi.get(`/laporan/${id}`);
    expect(after.text).toContain('Tidak dilaporkan');
    expect(after.text).not.toContain('Terlambat');
  });

  it('refuses bad reports with 422 and saves nothing', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      tanggal_mulai: '2026-11-02',
      tanggal_selesai: '2026-11-03',
    });
    const baik = { tanggal: '2026-11-04', jp: '8', deskripsi: 'Uji penolakan' };
    const kasus: [Record<string, string>, string][] = [
      [{ tanggal: '2026-11-01' }, 'tidak boleh sebelum tanggal mulai kegiatan'],
      [{ tanggal: '2026-11-29' }, 'tidak boleh melewati hari ini'],
      [{ tanggal: '2026-13-01' }, 'tidak valid'],
      [{ tanggal: '' }, 'Isi tanggal laporan'],
      [{ jp: '0' }, 'lebih dari 0'],
      [{ jp: '-3' }, 'lebih dari 0'],
      [{ jp: '2,5' }, 'bilangan bulat'],
      [{ jp: 'banyak' }, 'bilangan bulat'],
      [{ jp: '' }, 'Isi JP'],
      [{ jp: '49' }, 'paling banyak 48 JP'],
      [{ dengan_sertifikat: '1', nomor_sertifikat: '' }, 'Isi nomor sertifikat'],
      [{ dengan_sertifikat: '1', nomor_sertifikat: 'N'.repeat(150) }, 'paling banyak 100'],
      [{ deskripsi: 'd'.repeat(5000) }, 'paling banyak 4000'],
    ];
    for (const [ubah, pesan] of kasus) {
      const res = await andi
        .post(`/laporan/${id}`)
        .type('form')
        .send({ _csrf: andi.csrf, ...baik, ...ubah });
      expect(res.status, JSON.stringify(ubah).slice(0, 60)).toBe(422);
      expect(res.text).toContain(pesan);
      expect(res.text).toContain('is-invalid');
    }
    const kept = await andi
      .post(`/laporan/${id}`)
      .type('form')
      .send({ _csrf: andi.csrf, ...baik, jp: '0' });
    expect(kept.text).toContain('Uji penolakan');
    expect(await jumlahLaporan(id)).toBe(0);
    expect((await rincian(id))!.status).toBe('berjalan');
  });

  it('counts the JP already reported against 24 JP a day', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      frekuensi_laporan: 'harian',
      tanggal_mulai: '2026-11-26',
      tanggal_selesai: '2026-11-26',
    });
    const ok = await andi.post(`/laporan/${id}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-26', jp: '20' });
    expect(ok.status).toBe(303);
    const lebih = await andi.post(`/laporan/${id}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-27', jp: '5', akhir: '1' });
    expect(lebih.status).toBe(422);
    expect(lebih.text).toContain('sudah dilaporkan 20 JP');
    expect((await rincian(id))!.status).toBe('berjalan');
  });

  it('409 on an item that is not running; 404 on someone else’s', async () => {
    for (const status of ['diterima', 'selesai', 'konsep'] as const) {
      const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status });
      const res = await andi.post(`/laporan/${id}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-20', jp: '4', akhir: '1' });
      expect(res.status, status).toBe(409);
      expect(await jumlahLaporan(id)).toBe(0);
      expect((await rincian(id))!.status).toBe(status);
    }
    const dewi = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2026, status: 'berjalan' });
    const res = await andi.post(`/laporan/${dewi}`).type('form').send({ _csrf: andi.csrf, tanggal: '2026-11-20', jp: '4', akhir: '1' });
    expect(res.status).toBe(404);
    expect(await jumlahLaporan(dewi)).toBe(0);
  });

  it('403 without _csrf, form or multipart', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'berjalan' });
    expect((await andi.post(`/laporan/${id}`).type('form').send({ tanggal: '2026-11-20', jp: '4' })).status).toBe(403);
    expect((await andi.post(`/laporan/${id}`).field('tanggal', '2026-11-20').field('jp', '4')).status).toBe(403);
    expect(await jumlahLaporan(id)).toBe(0);
  });

  it('multipart with a certificate PDF: stored, linked, downloaded as an attachment', async () => {
    const id = await buatRincian(t.knex, {
      nip: NIP.andi,
      tahun: 2026,
      status: 'berjalan',
      tanggal_mulai: '2026-11-02',
      tanggal_selesai: '2026-11-06',
    });
    const res = await andi
      .post(`/laporan/${id}?_csrf=${encodeURIComponent(andi.csrf)}`)
      .field('_csrf', andi.csrf)
      .field('tanggal', '2026-11-10')
      .field('jp', '32')
      .field('dengan_sertifikat', '1')
      .field('nomor_sertifikat', 'SERT/PDF/7')
      .field('deskripsi', 'Dengan berkas')
      .attach('sertifikat', PDF, { filename: 'sertifikat andi.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(303);
    const l = await t.knex('laporan').where({ rincian_id: id }).first();
    expect(l!.sertifikat_berkas_id).not.toBeNull();
    const page = await andi.get(`/laporan/${id}`);
    const link = `/laporan/${id}/sertifikat/${l!.id}`;
    expect(page.text).toContain(link);
    const f = await andi.get(link).responseType('blob');
    expect(f.status).toBe(200);
    expect(f.headers['content-type']).toContain('application/pdf');
    expect(f.headers['content-disposition']).toMatch(/^attachment; filename="sertifikat andi\.pdf"/);
    expect(f.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(f.body).subarray(0, 5).toString()).toBe('%PDF-');
    // the atasan may download it too; others not
    const sari = await masuk(t.app, NIP.sari);
    expect((await sari.get(link)).status).toBe(200);
    const dewi = await masuk(t.app, NIP.dewi);
    expect((await dewi.get(link)).status).toBe(404);
    expect((await andi.get(`/laporan/${id}/sertifikat/999999`)).status).toBe(404);
  });

  it('multipart without the token in the query string works too (CSRF checked after the upload)', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'berjalan' });
    const res = await andi
      .post(`/laporan/${id}`)
      .field('_csrf', andi.csrf)
      .field('tanggal', '2026-11-20')
      .field('jp', '6')
      .field('akhir', '1');
    expect(res.status).toBe(303);
    expect((await rincian(id))!.status).toBe('selesai');
  });

  it('refuses a file that is not a PDF, one over 5 MB, and a certificate without its number', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'berjalan' });
    const kirim = () =>
      andi
        .post(`/laporan/${id}?_csrf=${encodeURIComponent(andi.csrf)}`)
        .field('_csrf', andi.csrf)
        .field('tanggal', '2026-11-20')
        .field('jp', '6');
    const bukanPdf = await kirim()
      .field('dengan_sertifikat', '1')
      .field('nomor_sertifikat', 'X/1')
      .attach('sertifikat', Buffer.from('<html>bukan pdf</html>'), { filename: 'palsu.pdf', contentType: 'application/pdf' });
    expect(bukanPdf.status).toBe(422);
    expect(bukanPdf.text).toContain('Berkas harus PDF');
    const besar = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10, 32)]);
    const terlaluBesar = await kirim()
      .field('dengan_sertifikat', '1')
      .field('nomor_sertifikat', 'X/2')
      .attach('sertifikat', besar, { filename: 'besar.pdf', contentType: 'application/pdf' });
    expect(terlaluBesar.status).toBe(422);
    expect(terlaluBesar.text).toContain('paling besar 5 MB');
    const tanpaNomor = await kirim().attach('sertifikat', PDF, { filename: 's.pdf', contentType: 'application/pdf' });
    expect(tanpaNomor.status).toBe(422);
    expect(tanpaNomor.text).toContain('Isi nomor sertifikat');
    expect(await jumlahLaporan(id)).toBe(0);
    expect(Number((await t.knex('berkas').where({ nama: 's.pdf' }).count({ n: '*' }))[0]!.n)).toBe(0);
    expect((await rincian(id))!.status).toBe('berjalan');
  });

  it('never a 500 for arrays and garbage', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2026, status: 'berjalan' });
    const res = await andi
      .post(`/laporan/${id}`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(andi.csrf)}&tanggal[]=1&tanggal[]=2&jp[a]=3&akhir[]=1`);
    expect(res.status).toBe(422);
    expect(await jumlahLaporan(id)).toBe(0);
  });
});

describe('realised JP and reminders', () => {
  it('sums the reported JP of the items of the year against 20 JP', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    const fajarId = await idPegawai(t.knex, NIP.fajar);
    const awal = (await t.services.laporan.jpRealisasi([fajarId], 2026)).get(fajarId)!;
    const id = await buatRincian(t.knex, {
      nip: NIP.fajar,
      tahun: 2026,
      status: 'berjalan',
      frekuensi_laporan: 'harian',
      tanggal_mulai: '2026-11-20',
      tanggal_selesai: '2026-11-21',
    });
    await fajar.post(`/laporan/${id}`).type('form').send({ _csrf: fajar.csrf, tanggal: '2026-11-20', jp: '7' });
    await fajar.post(`/laporan/${id}`).type('form').send({ _csrf: fajar.csrf, tanggal: '2026-11-21', jp: '5', akhir: '1' });
    // another year's item does not count for 2026
    const lain = await buatRincian(t.knex, {
      nip: NIP.fajar,
      tahun: 2027,
      status: 'berjalan',
      tanggal_mulai: '2026-11-25',
      tanggal_selesai: '2026-11-25',
    });
    await fajar.post(`/laporan/${lain}`).type('form').send({ _csrf: fajar.csrf, tanggal: '2026-11-25', jp: '9' });
    const jp = (await t.services.laporan.jpRealisasi([fajarId], 2026)).get(fajarId)!;
    expect(jp - awal).toBe(12);
    const page = await fajar.get('/laporan?tahun=2026');
    expect(page.text).toContain('Capaian JP tahun 2026');
    expect(page.text).toMatch(new RegExp(`>${jp}</span><span class="text-muted">/ 20 JP`));
    expect((await t.services.laporan.jpRealisasi([fajarId], 2027)).get(fajarId)).toBe(9);
  });

  it('reminds the owner of a late report once, in the app and by e-mail', async () => {
    const dewiId = await idPegawai(t.knex, NIP.dewi);
    const id = await buatRincian(t.knex, {
      nip: NIP.dewi,
      tahun: 2026,
      status: 'berjalan',
      materi: 'Kegiatan yang terlambat dilaporkan',
      frekuensi_laporan: 'mingguan',
      tanggal_mulai: '2026-11-10',
      tanggal_selesai: '2026-12-20',
    });
    await t.services.laporan.kirimPengingatTerlambat();
    const n1 = await t.knex('notifikasi').where({ pegawai_id: dewiId, tautan: `/laporan/${id}` });
    expect(n1).toHaveLength(1);
    expect(n1[0]!.judul).toContain('Laporan terlambat');
    expect(n1[0]!.judul).toContain('24 November 2026'); // the newest late one (17 and 24 November are late)
    expect(n1[0]!.pesan).toContain('2 laporan yang terlambat');
    expect(await t.knex('email_outbox').where('isi', 'like', '%Kegiatan yang terlambat dilaporkan%')).toHaveLength(1);
    await t.services.laporan.kirimPengingatTerlambat();
    expect(await t.knex('notifikasi').where({ pegawai_id: dewiId, tautan: `/laporan/${id}` })).toHaveLength(1);
    // a week later the next report is late too: one more reminder
    t.clock.set('2026-12-02T03:00:00Z');
    try {
      await t.services.laporan.kirimPengingatTerlambat();
      const n2 = await t
        .knex('notifikasi')
        .where({ pegawai_id: dewiId, tautan: `/laporan/${id}` })
        .orderBy('id');
      expect(n2).toHaveLength(2);
      expect(n2[1]!.judul).toContain('1 Desember 2026');
      expect(n2[1]!.pesan).toContain('3 laporan yang terlambat');
    } finally {
      t.clock.set(SEKARANG);
    }
  });
});

describe('a certificate survives a 422, and the final report asks once', () => {
  const token = (html: string) => /name="sertifikat_tertahan" value="([^"]+)"/.exec(html)?.[1];
  const kirim = (a: Agent, id: number, isian: Record<string, string>, berkas?: { isi: Buffer; nama: string }) => {
    const req = a.post(`/laporan/${id}`).field('_csrf', a.csrf);
    for (const [k, v] of Object.entries(isian)) req.field(k, v);
    if (berkas) req.attach('sertifikat', berkas.isi, { filename: berkas.nama, contentType: 'application/pdf' });
    return req;
  };
  const berjalan = (nip: string = NIP.andi, frekuensi: 'sekali' | 'mingguan' = 'sekali') =>
    buatRincian(t.knex, {
      nip,
      tahun: 2026,
      status: 'berjalan',
      tanggal_mulai: '2026-11-02',
      tanggal_selesai: '2026-11-06',
      frekuensi_laporan: frekuensi,
    });
  const SERTIFIKAT = Buffer.from(`${PDF.toString()}% sertifikat tertahan ${Date.now()}\n`);
  const laporanLengkap = { tanggal: '2026-11-07', jp: '30', dengan_sertifikat: '1', nomor_sertifikat: 'SERT/TAHAN/1' };

  /** A report with a valid certificate that fails for its missing JP: the 422 page and the token. */
  async function gagal(a: Agent, id: number) {
    const res = await kirim(a, id, { ...laporanLengkap, jp: '', dikonfirmasi: '1' }, { isi: SERTIFIKAT, nama: 'sertifikat-tertahan.pdf' });
    expect(res.status).toBe(422);
    expect(await jumlahLaporan(id)).toBe(0);
    return { res, token: token(res.text)! };
  }

  it('holds the certificate; the page names it; sent again without the file, its bytes are stored', async () => {
    const id = await berjalan();
    const g = await gagal(andi, id);
    expect(g.res.text).toContain('Isi JP');
    expect(g.res.text).toContain('Berkas sudah diunggah: <strong class="text-break">sertifikat-tertahan.pdf</strong>');
    expect(g.res.text).toContain('ganti?');
    expect(g.res.text).not.toContain('Pilih berkasnya lagi');
    expect(g.token).toMatch(/^[\w-]{32}$/);
    // the final report was confirmed in the dialog: the page keeps that, so it does not ask again
    expect(g.res.text).toContain('<input type="hidden" name="dikonfirmasi" value="1">');
    expect((await rincian(id))!.status).toBe('berjalan');

    const ok = await kirim(andi, id, { ...laporanLengkap, sertifikat_tertahan: g.token });
    expect(ok.status).toBe(303);
    expect((await rincian(id))!.status).toBe('selesai');
    const l = await t.knex('laporan').where({ rincian_id: id }).first();
    expect(l!.sertifikat_berkas_id).not.toBeNull();
    const f = await andi.get(`/laporan/${id}/sertifikat/${l!.id}`).responseType('blob');
    expect(f.headers['content-disposition']).toMatch(/filename="sertifikat-tertahan\.pdf"/);
    expect(Buffer.compare(Buffer.from(f.body), SERTIFIKAT)).toBe(0);
    expect(await t.knex('berkas_tertahan').where({ token: g.token }).first()).toBeUndefined();
  });

  it('another user cannot use the token: nothing is attached and the form asks for the file', async () => {
    const g = await gagal(andi, await berjalan());
    const dewi = await masuk(t.app, NIP.dewi);
    const milikDewi = await berjalan(NIP.dewi);
    const res = await kirim(dewi, milikDewi, { ...laporanLengkap, sertifikat_tertahan: g.token });
    expect(res.status).toBe(422);
    expect(res.text).toContain(PESAN_TERTAHAN.hilang);
    expect(res.text).not.toContain('sertifikat-tertahan.pdf');
    expect(token(res.text)).toBeUndefined();
    expect(await jumlahLaporan(milikDewi)).toBe(0);
    expect((await rincian(milikDewi))!.status).toBe('berjalan');
  });

  it('a hold past its hour is not used', async () => {
    const id = await berjalan();
    const g = await gagal(andi, id);
    const awal = t.clock.now();
    try {
      t.clock.tambahMenit(61);
      const res = await kirim(andi, id, { ...laporanLengkap, sertifikat_tertahan: g.token });
      expect(res.status).toBe(422);
      expect(res.text).toContain(PESAN_TERTAHAN.hilang);
      expect(await jumlahLaporan(id)).toBe(0);
      expect((await rincian(id))!.status).toBe('berjalan');
    } finally {
      t.clock.set(awal);
    }
  });

  it('asks about the final report: always for sekali, for others only while "Laporan akhir" is ticked', async () => {
    const sekali = await andi.get(`/laporan/${await berjalan()}`);
    expect(sekali.text).toMatch(/<form[^>]*data-confirm="Laporan ini adalah laporan akhir/);
    expect(sekali.text).not.toContain('data-confirm-bila');
    expect(sekali.text).not.toContain('name="dikonfirmasi"');
    const mingguan = await andi.get(`/laporan/${await berjalan(NIP.andi, 'mingguan')}`);
    expect(mingguan.text).toMatch(/<form[^>]*data-confirm="Laporan ini adalah laporan akhir[^"]*"\s+data-confirm-bila="f-akhir"/);
    expect(mingguan.text).toMatch(/<input[^>]*id="f-akhir"/);
  });
});
