import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp, biner } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { pino } from 'pino';
import { startWorker } from '../../src/jobs';
import { PESAN_TERTAHAN } from '../../src/services/berkas-tertahan';
import { pdftotext } from '../helpers/pdf';

let t: TestApp;
let andi: Agent;
let hendra: Agent;
const pdf = (isi: string) => Buffer.from(`%PDF-1.4\n% ${isi}\n${crypto.randomBytes(64).toString('hex')}\n%%EOF\n`);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T03:00:00Z' });
  andi = await masuk(t.app, NIP.andi);
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

type Isian = Record<string, string | string[]>;
const LENGKAP: Isian = {
  jalur: 'klasikal',
  nama_pelatihan: 'Pelatihan Asesor SDM Aparatur',
  jenis_pelatihan: 'Pelatihan teknis',
  lembaga: 'BKN Kantor Regional VII',
  tanggal_mulai: '2027-02-01',
  tanggal_selesai: '2027-02-05',
  biaya: '2.500.000',
  sumber_biaya: 'pd',
  pernyataan: '1',
  aksi: 'kirim',
};

interface Berkas {
  surat_usulan?: Buffer | null;
  surat_pemanggilan?: Buffer | null;
}

function kirimForm(a: Agent, url: string, isian: Isian, berkas: Berkas = {}) {
  const req = a.post(`${url}?_csrf=${encodeURIComponent(a.csrf)}`).field('_csrf', a.csrf);
  for (const [k, v] of Object.entries(isian)) {
    for (const x of Array.isArray(v) ? v : [v]) req.field(k, x);
  }
  const usulan = berkas.surat_usulan === undefined ? pdf('usulan') : berkas.surat_usulan;
  const panggil = berkas.surat_pemanggilan === undefined ? pdf('pemanggilan') : berkas.surat_pemanggilan;
  if (usulan) req.attach('surat_usulan', usulan, { filename: 'usulan.pdf', contentType: 'application/pdf' });
  if (panggil) req.attach('surat_pemanggilan', panggil, { filename: 'pemanggilan.pdf', contentType: 'application/pdf' });
  return req;
}

async function jumlah() {
  const [k] = await t.knex('rekomendasi').count<{ n: string }[]>('* as n');
  const [b] = await t.knex('berkas').count<{ n: string }[]>('* as n');
  return { rekomendasi: Number(k!.n), berkas: Number(b!.n) };
}

/** A request by `a`, sent (or konsep); returns its id. */
async function buat(a: Agent, over: Isian = {}, berkas: Berkas = {}): Promise<number> {
  const res = await kirimForm(a, '/rekomendasi', { ...LENGKAP, ...over }, berkas);
  expect(res.status, res.text.slice(0, 2000)).toBe(303);
  return Number(/\/rekomendasi\/(\d+)$/.exec(String(res.headers.location))![1]);
}

describe('new request', () => {
  it('asks for the jalur first, as cards', async () => {
    const res = await andi.get('/rekomendasi/baru');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/rekomendasi/baru?jalur=klasikal"');
    expect(res.text).toContain('href="/rekomendasi/baru?jalur=non_klasikal"');
  });

  it("offers the user's own accepted and running plan items of the year to link", async () => {
    const res = await andi.get('/rekomendasi/baru?jalur=klasikal');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Penyusunan Analisis Kebutuhan Pelatihan'); // diterima
    expect(res.text).toContain('Pengenalan bahasa pemrograman'); // berjalan
    expect(res.text).not.toContain('Bahasa Inggris untuk korespondensi'); // ditolak
    expect(res.text).not.toContain('Pengelolaan arsip kepegawaian'); // Dewi's
    expect(res.text).toContain('name="surat_usulan"');
    expect(res.text).toContain('name="pernyataan"');
  });

  it('sends a complete request: 303, terkirim, both files stored byte for byte with SHA-256', async () => {
    const usulan = pdf('usulan-asli');
    const id = await buat(andi, {}, { surat_usulan: usulan });
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect(row!.status).toBe('terkirim');
    expect(Number(row!.biaya)).toBe(2500000);
    expect(row!.dikirim_at).not.toBeNull();
    const b = await t.knex('berkas').where({ id: row!.surat_usulan_id! }).first();
    expect(b!.sha256).toBe(crypto.createHash('sha256').update(usulan).digest('hex'));
    expect(b!.ukuran).toBe(usulan.length);

    const unduh = await andi.get(`/rekomendasi/${id}/berkas/surat_usulan`).buffer(true).parse(biner);
    expect(unduh.status).toBe(200);
    expect(unduh.headers['content-type']).toBe('application/pdf');
    expect(unduh.headers['content-disposition']).toMatch(/filename="usulan.pdf"/);
    expect(unduh.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(unduh.body as Buffer, usulan)).toBe(0);

    const detail = await andi.get(`/rekomendasi/${id}`);
    expect(detail.text).toContain('Pelatihan Asesor SDM Aparatur');
    expect(detail.text).toContain('Terkirim');
    const daftar = await andi.get('/rekomendasi?status=terkirim');
    expect(daftar.text).toContain('Pelatihan Asesor SDM Aparatur');
    expect(daftar.text).toContain('Rp 2.500.000,00');
  });

  it('links a planned item and accepts Indonesian money notation', async () => {
    const andiId = await idPegawai(t.knex, NIP.andi);
    const rincian = await t.knex('rincian').where({ pegawai_id: andiId, status: 'diterima' }).first('id');
    const id = await buat(andi, { rincian_id: String(rincian!.id), biaya: '1.250.000,50' });
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect(row!.rincian_id).toBe(rincian!.id);
    expect(Number(row!.biaya)).toBe(1250000.5);
  });

  it('saves a konsep without letters; it cannot be sent until complete, then is edited with files and sent', async () => {
    const id = await buat(andi, { aksi: 'simpan', pernyataan: '' }, { surat_usulan: null, surat_pemanggilan: null });
    expect((await t.knex('rekomendasi').where({ id }).first())!.status).toBe('konsep');
    const kirim = await andi.post(`/rekomendasi/${id}/kirim`).type('form').send({ _csrf: andi.csrf });
    expect(kirim.status).toBe(409);
    expect(kirim.text).toContain('belum lengkap');

    const form = await andi.get(`/rekomendasi/${id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Pelatihan Asesor SDM Aparatur');
    const ubah = await kirimForm(andi, `/rekomendasi/${id}/edit`, { ...LENGKAP, nama_pelatihan: 'Nama baru', aksi: 'simpan' });
    expect(ubah.status).toBe(303);
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect(row!.nama_pelatihan).toBe('Nama baru');
    expect(row!.status).toBe('konsep');
    expect(row!.surat_usulan_id).not.toBeNull();

    // replacing one file keeps the other and drops the old one
    const baru = pdf('pengganti');
    const ganti = await kirimForm(
      andi,
      `/rekomendasi/${id}/edit`,
      { ...LENGKAP, nama_pelatihan: 'Nama baru', aksi: 'simpan' },
      { surat_usulan: baru, surat_pemanggilan: null },
    );
    expect(ganti.status).toBe(303);
    const row2 = await t.knex('rekomendasi').where({ id }).first();
    expect(row2!.surat_usulan_id).not.toBe(row!.surat_usulan_id);
    expect(row2!.surat_pemanggilan_id).toBe(row!.surat_pemanggilan_id);
    expect(await t.knex('berkas').where({ id: row!.surat_usulan_id! }).first()).toBeUndefined();
    const unduh = await andi.get(`/rekomendasi/${id}/berkas/surat_usulan`).buffer(true).parse(biner);
    expect(Buffer.compare(unduh.body as Buffer, baru)).toBe(0);

    const ok = await andi.post(`/rekomendasi/${id}/kirim`).type('form').send({ _csrf: andi.csrf });
    expect(ok.status).toBe(303);
    expect((await t.knex('rekomendasi').where({ id }).first())!.status).toBe('terkirim');

    // a sent one is read-only
    expect((await andi.get(`/rekomendasi/${id}/edit`)).status).toBe(409);
    const lagi = await kirimForm(andi, `/rekomendasi/${id}/edit`, { ...LENGKAP, nama_pelatihan: 'Diam-diam' });
    expect(lagi.status).toBe(409);
    expect((await andi.post(`/rekomendasi/${id}/kirim`).type('form').send({ _csrf: andi.csrf })).status).toBe(409);
    expect((await andi.post(`/rekomendasi/${id}/hapus`).type('form').send({ _csrf: andi.csrf })).status).toBe(409);
    expect((await t.knex('rekomendasi').where({ id }).first())!.nama_pelatihan).toBe('Nama baru');
  });

  it('deletes a konsep; without JavaScript the link opens a confirmation page', async () => {
    const id = await buat(andi, { aksi: 'simpan', nama_pelatihan: 'Akan dihapus' });
    const konfirmasi = await andi.get(`/rekomendasi/${id}/hapus`);
    expect(konfirmasi.status).toBe(200);
    expect(konfirmasi.text).toContain(`action="/rekomendasi/${id}/hapus"`);
    const res = await andi.post(`/rekomendasi/${id}/hapus`).type('form').send({ _csrf: andi.csrf });
    expect(res.status).toBe(303);
    expect((await t.knex('rekomendasi').where({ id }).first())!.status).toBe('dihapus');
    expect((await andi.get(`/rekomendasi/${id}`)).status).toBe(404);
    expect((await andi.get('/rekomendasi')).text).not.toContain('Akan dihapus');
  });
});

describe('the own list', () => {
  it('searches by training or organiser and filters by jalur, within a status tab', async () => {
    await buat(andi, { nama_pelatihan: 'Diklat Kearsipan Digital', lembaga: 'ANRI Pusat', jalur: 'klasikal' });
    await buat(andi, { nama_pelatihan: 'Webinar Etika ASN', lembaga: 'Lembaga Etik 50%', jalur: 'non_klasikal' });
    const cari = await andi.get('/rekomendasi?q=kearsipan');
    expect(cari.text).toContain('Diklat Kearsipan Digital');
    expect(cari.text).not.toContain('Webinar Etika ASN');
    expect((await andi.get('/rekomendasi?q=anri%20pusat')).text).toContain('Diklat Kearsipan Digital');
    const jalur = await andi.get('/rekomendasi?jalur=non_klasikal');
    expect(jalur.text).toContain('Webinar Etika ASN');
    expect(jalur.text).not.toContain('Diklat Kearsipan Digital');
    // a % is a character, not a wildcard; garbage is ignored, never a 500
    expect((await andi.get('/rekomendasi?q=50%25')).text).toContain('Webinar Etika ASN');
    expect((await andi.get('/rekomendasi?q=%25')).text).toContain('Webinar Etika ASN');
    const kosong = await andi.get('/rekomendasi?q=tidak-ada-yang-cocok&status=terkirim');
    expect(kosong.text).toContain('Tidak ada pengajuan yang cocok');
    expect((await andi.get('/rekomendasi?jalur[]=x&q[]=y&status=zzz')).status).toBe(200);
  });
});

describe('bad input: 422, the form again with the message, nothing saved', () => {
  const kasus: [string, Isian, Berkas, string, string][] = [
    ['missing file', {}, { surat_pemanggilan: null }, 'surat_pemanggilan', 'Unggah surat pemanggilan peserta'],
    ['not a PDF', {}, { surat_usulan: Buffer.from('<html><script>alert(1)</script></html>') }, 'surat_usulan', 'Berkas harus PDF'],
    [
      'oversize file',
      {},
      { surat_usulan: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 32)]) },
      'surat_usulan',
      '5 MB',
    ],
    ['end before start', { tanggal_selesai: '2027-01-31' }, {}, 'tanggal_selesai', 'tidak boleh sebelum'],
    ['impossible date', { tanggal_mulai: '2027-02-30' }, {}, 'tanggal_mulai', 'tanggal yang benar'],
    ['negative cost', { biaya: '-500' }, {}, 'biaya', 'tidak boleh negatif'],
    ['absurd cost', { biaya: '999999999999999' }, {}, 'biaya', 'tidak wajar'],
    ['garbage cost', { biaya: '12abc' }, {}, 'biaya', 'berupa angka'],
    ['cost with tanpa_biaya', { sumber_biaya: 'tanpa_biaya' }, {}, 'biaya', 'harus 0'],
    ['missing statement', { pernyataan: '' }, {}, 'pernyataan', 'Centang pernyataan'],
    ['unknown jalur', { jalur: 'tugas_belajar' }, {}, 'jalur', 'Pilih jalur'],
    ['unknown payer', { sumber_biaya: 'apbn' }, {}, 'sumber_biaya', 'Pilih siapa'],
    ['missing name', { nama_pelatihan: '' }, {}, 'nama_pelatihan', 'wajib diisi'],
    ['huge name', { nama_pelatihan: 'x'.repeat(5000) }, {}, 'nama_pelatihan', 'paling banyak'],
    ['arrays for strings', { nama_pelatihan: ['a', 'b'], biaya: ['1', '2'] }, {}, 'nama_pelatihan', 'wajib diisi'],
    ['unknown aksi', { aksi: 'terbang' }, {}, 'aksi', 'Pilih'],
  ];
  for (const [nama, isian, berkas, kolom, pesan] of kasus) {
    it(nama, async () => {
      const sebelum = await jumlah();
      const res = await kirimForm(andi, '/rekomendasi', { ...LENGKAP, ...isian }, berkas);
      expect(res.status).toBe(422);
      expect(res.text).toContain(pesan);
      expect(res.text).toMatch(new RegExp(`id="f-${kolom}"[^>]*`));
      if (kolom !== 'aksi') expect(res.text).toContain('is-invalid');
      if (typeof isian.lembaga !== 'string') expect(res.text).toContain('BKN Kantor Regional VII'); // values kept
      expect(await jumlah()).toEqual(sebelum);
    });
  }

  it("someone else's plan item", async () => {
    const dewiItem = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2026, status: 'diterima' });
    const res = await kirimForm(andi, '/rekomendasi', { ...LENGKAP, rincian_id: String(dewiItem) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('rencana Anda sendiri');
  });

  it('refuses a POST without _csrf (403) and sends anonymous users to login', async () => {
    const tanpa = await andi.post('/rekomendasi').field('nama_pelatihan', 'x').attach('surat_usulan', pdf('x'), 'a.pdf');
    expect(tanpa.status).toBe(403);
    const a = await anonim(t.app);
    expect((await a.get('/rekomendasi')).status).toBe(303);
    expect((await a.get('/rekomendasi/baru')).headers.location).toBe('/login');
  });
});

describe('who may see a request and its files', () => {
  let id: number;
  let konsep: number;
  beforeAll(async () => {
    id = await buat(andi);
    konsep = await buat(andi, { aksi: 'simpan' });
  });

  it('the requester, BKPSDM, admin and the atasan: 200', async () => {
    for (const nip of [NIP.andi, NIP.hendra, NIP.maya, NIP.sari]) {
      const a = nip === NIP.andi ? andi : await masuk(t.app, nip);
      expect((await a.get(`/rekomendasi/${id}`)).status, nip).toBe(200);
      expect((await a.get(`/rekomendasi/${id}/berkas/surat_pemanggilan`)).status, nip).toBe(200);
    }
  });

  it('everyone else: 404, for the page, the files and the letter', async () => {
    for (const nip of [NIP.dewi, NIP.rudi, NIP.fajar]) {
      const a = await masuk(t.app, nip);
      for (const url of [
        `/rekomendasi/${id}`,
        `/rekomendasi/${id}/berkas/surat_usulan`,
        `/rekomendasi/${id}/surat.pdf`,
        `/rekomendasi/${id}/edit`,
      ]) {
        expect((await a.get(url)).status, `${nip} ${url}`).toBe(404);
      }
      expect((await a.post(`/rekomendasi/${id}/hapus`).type('form').send({ _csrf: a.csrf })).status).toBe(404);
    }
  });

  it('a konsep stays private; unknown ids and file kinds are 404', async () => {
    expect((await hendra.get(`/rekomendasi/${konsep}`)).status).toBe(404);
    expect((await hendra.get(`/rekomendasi/${konsep}/berkas/surat_usulan`)).status).toBe(404);
    expect((await andi.get(`/rekomendasi/${id}/berkas/foto`)).status).toBe(404);
    expect((await andi.get('/rekomendasi/99999999')).status).toBe(404);
    expect((await andi.get('/rekomendasi/abc')).status).toBe(404);
    expect((await andi.get('/rekomendasi/1e3')).status).toBe(404);
  });
});

describe('BKPSDM decides', () => {
  it('is for BKPSDM only', async () => {
    expect((await andi.get('/bkpsdm/rekomendasi')).status).toBe(403);
    const id = await buat(andi);
    const res = await andi
      .post(`/bkpsdm/rekomendasi/${id}`)
      .type('form')
      .send({ _csrf: andi.csrf, keputusan: 'terima', alasan: 'Saya sendiri' });
    expect(res.status).toBe(403);
    expect((await t.knex('rekomendasi').where({ id }).first())!.status).toBe('terkirim');
  });

  it('lists sent requests of every unit, filtered by status, unit, jalur and date', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    await buat(fajar, { nama_pelatihan: 'Workshop Kurikulum Merdeka', jalur: 'non_klasikal' });
    await buat(fajar, { nama_pelatihan: 'Konsep Fajar', aksi: 'simpan' });
    const semua = await hendra.get('/bkpsdm/rekomendasi');
    expect(semua.status).toBe(200);
    expect(semua.text).toContain('Workshop Kurikulum Merdeka');
    expect(semua.text).toContain('Pelatihan Asesor SDM Aparatur');
    expect(semua.text).not.toContain('Konsep Fajar');
    const disdik = await t.knex('instansi').where({ kode: 'disdik' }).first('id');
    const perUnit = await hendra.get(`/bkpsdm/rekomendasi?instansi=${disdik!.id}`);
    expect(perUnit.text).toContain('Workshop Kurikulum Merdeka');
    expect(perUnit.text).not.toContain('Pelatihan Asesor SDM Aparatur');
    const klasikal = await hendra.get('/bkpsdm/rekomendasi?jalur=klasikal');
    expect(klasikal.text).not.toContain('Workshop Kurikulum Merdeka');
    const kemarin = await hendra.get('/bkpsdm/rekomendasi?sampai=2026-11-27');
    expect(kemarin.text).not.toContain('Workshop Kurikulum Merdeka');
    const hariIni = await hendra.get('/bkpsdm/rekomendasi?dari=2026-11-28&sampai=2026-11-28&status=terkirim');
    expect(hariIni.text).toContain('Workshop Kurikulum Merdeka');
    const garbage = await hendra.get('/bkpsdm/rekomendasi?status[]=x&instansi=abc&dari=kemarin&page=-1');
    expect(garbage.status).toBe(200);
  });

  it('accepts with a reason: a letter number, the requester notified, the letter as PDF', async () => {
    const id = await buat(andi, { nama_pelatihan: 'Pelatihan Manajemen Talenta ASN' });
    expect((await andi.get(`/rekomendasi/${id}/surat.pdf`)).status).toBe(409);
    const detail = await hendra.get(`/bkpsdm/rekomendasi/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(`/rekomendasi/${id}/berkas/surat_usulan`);
    expect(detail.text).toContain('name="keputusan"');

    const res = await hendra
      .post(`/bkpsdm/rekomendasi/${id}`)
      .type('form')
      .send({ _csrf: hendra.csrf, keputusan: 'terima', alasan: 'Sesuai rencana pengembangan kompetensi unit.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/bkpsdm/rekomendasi/${id}`);
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect(row!.status).toBe('diterima');
    expect(row!.nomor_surat).toMatch(/^800\/\d{4}\/BKPSDMD\/2026$/);
    expect(row!.tanggal_surat).toBe('2026-11-28');
    const andiId = await idPegawai(t.knex, NIP.andi);
    const notif = await t.knex('notifikasi').where({ pegawai_id: andiId }).orderBy('id', 'desc').first();
    expect(notif!.judul).toContain('diterima');
    expect(notif!.tautan).toBe(`/rekomendasi/${id}`);
    expect(await t.knex('email_outbox').where('isi', 'like', `%${row!.nomor_surat}%`).first()).toBeDefined();

    const surat = await andi.get(`/rekomendasi/${id}/surat.pdf`).buffer(true).parse(biner);
    expect(surat.status).toBe(200);
    expect(surat.headers['content-type']).toBe('application/pdf');
    expect(surat.headers['x-content-type-options']).toBe('nosniff');
    expect(surat.headers['content-disposition']).toMatch(/inline; filename="surat-rekomendasi-800-\d{4}-BKPSDMD-2026.pdf"/);
    const teks = await teksPdf(surat.body as Buffer);
    for (const s of [
      'Andi Pratama',
      NIP.andi,
      row!.nomor_surat,
      'DISETUJUI',
      'Pelatihan Manajemen Talenta ASN',
      'BKN Kantor Regional VII',
      'Rp 2.500.000,00',
      'Sesuai rencana pengembangan kompetensi unit.',
      'PEMERINTAH PROVINSI KEPULAUAN BANGKA BELITUNG',
      'Dr. Ir. H. Ahmad Fauzi, M.Si.',
      'NIP. 197001011995031001',
      'Tembusan',
      'Pangkalpinang, 28 November 2026',
      'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah',
    ]) {
      expect(teks, s ?? '').toContain(s);
    }
    // the same letter every time
    const lagi = await andi.get(`/rekomendasi/${id}/surat.pdf`).buffer(true).parse(biner);
    expect(await teksPdf(lagi.body as Buffer)).toBe(teks);
    // the atasan sees it too; others do not
    const sari = await masuk(t.app, NIP.sari);
    expect((await sari.get(`/rekomendasi/${id}/surat.pdf`)).status).toBe(200);

    // deciding twice: 409, nothing changes
    const dua = await hendra
      .post(`/bkpsdm/rekomendasi/${id}`)
      .type('form')
      .send({ _csrf: hendra.csrf, keputusan: 'tolak', alasan: 'Berubah pikiran' });
    expect(dua.status).toBe(409);
    expect((await t.knex('rekomendasi').where({ id }).first())!.nomor_surat).toBe(row!.nomor_surat);
    expect((await andi.get('/rekomendasi?status=diterima')).text).toContain('Pelatihan Manajemen Talenta ASN');
  });

  it('refuses with a reason; the letter says so', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    const id = await buat(fajar, { nama_pelatihan: 'Seminar Pendidikan Internasional', sumber_biaya: 'tanpa_biaya', biaya: '' });
    const res = await hendra
      .post(`/bkpsdm/rekomendasi/${id}`)
      .type('form')
      .send({ _csrf: hendra.csrf, keputusan: 'tolak', alasan: 'Tidak sesuai dengan rencana pengembangan kompetensi.' });
    expect(res.status).toBe(303);
    const surat = await fajar.get(`/rekomendasi/${id}/surat.pdf`).buffer(true).parse(biner);
    const teks = await teksPdf(surat.body as Buffer);
    expect(teks).toContain('DITOLAK');
    expect(teks).toContain('Tidak sesuai dengan rencana pengembangan kompetensi.');
    expect(teks).toContain('Fajar Nugroho');
    expect(teks).toContain('Kepala Dinas Pendidikan');
    expect(teks).toContain('Tanpa biaya');
    const rudi = await masuk(t.app, NIP.rudi); // Fajar's atasan
    expect((await rudi.get(`/rekomendasi/${id}/berkas/surat_usulan`)).status).toBe(200);
  });

  it('422 without a reason or a decision; 409 for a konsep; 404 for an unknown id', async () => {
    const id = await buat(andi);
    for (const body of [
      { keputusan: 'terima', alasan: '' },
      { keputusan: 'mungkin', alasan: 'x' },
      { 'keputusan[]': 'terima', alasan: 'x' },
      { keputusan: 'terima', alasan: 'x'.repeat(1001) },
    ]) {
      const res = await hendra
        .post(`/bkpsdm/rekomendasi/${id}`)
        .type('form')
        .send({ _csrf: hendra.csrf, ...body });
      expect(res.status).toBe(422);
      expect(res.text).toContain('is-invalid');
    }
    expect((await t.knex('rekomendasi').where({ id }).first())!.status).toBe('terkirim');
    const konsep = await buat(andi, { aksi: 'simpan' });
    const res = await hendra
      .post(`/bkpsdm/rekomendasi/${konsep}`)
      .type('form')
      .send({ _csrf: hendra.csrf, keputusan: 'terima', alasan: 'x' });
    expect(res.status).toBe(409);
    expect(
      (await hendra.post('/bkpsdm/rekomendasi/987654').type('form').send({ _csrf: hendra.csrf, keputusan: 'terima', alasan: 'x' })).status,
    ).toBe(404);
  });
});

describe('funding by PD dan BKPSDM: each pays its share', () => {
  const BERSAMA: Isian = { sumber_biaya: 'pd_bkpsdm', biaya: '', biaya_pd: '1.500.000', biaya_bkpsdm: '1.000.000,50' };

  it('offers the choice and the two share fields (visible without JavaScript, toggled by a script file)', async () => {
    const res = await andi.get('/rekomendasi/baru?jalur=klasikal');
    expect(res.text).toMatch(/name="sumber_biaya"[^>]*value="pd_bkpsdm"/);
    expect(res.text).toContain('PD dan BKPSDMD');
    expect(res.text).toMatch(/<input[^>]*id="f-biaya_pd"[^>]*name="biaya_pd"/);
    expect(res.text).toMatch(/<input[^>]*id="f-biaya_bkpsdm"[^>]*name="biaya_bkpsdm"/);
    expect(res.text).not.toMatch(/<fieldset[^>]*data-bagian-biaya[^>]*hidden/);
    expect(res.text).toMatch(/<script src="\/static\/js\/rekomendasi(\.[0-9a-f]+)?\.js"><\/script>/); // fingerprinted
    expect((await andi.get('/static/js/rekomendasi.js')).status).toBe(200);
  });

  it('stores the split with the sum as the total; shows it on the detail, in the lists and in the letter', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    const id = await buat(fajar, { ...BERSAMA, nama_pelatihan: 'Diklat Biaya Bersama' });
    const row = (await t.knex('rekomendasi').where({ id }).first())!;
    expect(row.sumber_biaya).toBe('pd_bkpsdm');
    expect(Number(row.biaya)).toBe(2500000.5);
    expect(Number(row.biaya_pd)).toBe(1500000);
    expect(Number(row.biaya_bkpsdm)).toBe(1000000.5);

    for (const [a, url] of [
      [fajar, `/rekomendasi/${id}`],
      [hendra, `/bkpsdm/rekomendasi/${id}`],
    ] as const) {
      const detail = await a.get(url);
      expect(detail.status).toBe(200);
      const teks = detail.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(teks).toContain('Rp 2.500.000,50 · PD dan BKPSDMD');
      expect(teks).toContain('Bagian PD (Dinas Pendidikan): Rp 1.500.000,00');
      expect(teks).toContain('Bagian BKPSDMD: Rp 1.000.000,50');
    }
    const daftar = (await hendra.get('/bkpsdm/rekomendasi?status=terkirim')).text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(daftar).toContain('Rp 2.500.000,50 PD Rp 1.500.000,00 BKPSDMD Rp 1.000.000,50');
    expect((await fajar.get('/rekomendasi')).text).toContain('BKPSDMD Rp 1.000.000,50');

    const putus = await hendra
      .post(`/bkpsdm/rekomendasi/${id}`)
      .type('form')
      .send({ _csrf: hendra.csrf, keputusan: 'terima', alasan: 'Biaya dibagi sesuai kesepakatan.' });
    expect(putus.status).toBe(303);
    const surat = await fajar.get(`/rekomendasi/${id}/surat.pdf`).buffer(true).parse(biner);
    expect(surat.status).toBe(200);
    const teks = (await pdftotext(surat.body as Buffer)).replace(/\s+/g, ' ');
    expect(teks).toContain(
      'Rp 2.500.000,50, dibebankan pada anggaran Dinas Pendidikan sebesar Rp 1.500.000,00 dan anggaran Badan ' +
        'Kepegawaian dan Pengembangan SDM Daerah sebesar Rp 1.000.000,50',
    );
  });

  it('accepts a total typed as well when it is the sum, in any notation', async () => {
    const id = await buat(andi, { ...BERSAMA, biaya: '2500000,50' });
    expect(Number((await t.knex('rekomendasi').where({ id }).first())!.biaya)).toBe(2500000.5);
  });

  it('edits a konsep from shared to a single payer and back; the shares go with the choice', async () => {
    const id = await buat(andi, { ...BERSAMA, aksi: 'simpan' });
    const form = await andi.get(`/rekomendasi/${id}/edit`);
    expect(form.text).toMatch(/name="sumber_biaya"[^>]*value="pd_bkpsdm"[^>]*checked/);
    expect(form.text).toMatch(/name="biaya_pd"[^>]*value="1500000(\.00)?"/);
    const satu = await kirimForm(andi, `/rekomendasi/${id}/edit`, { ...LENGKAP, sumber_biaya: 'bkpsdm', biaya: '750.000', aksi: 'simpan' });
    expect(satu.status).toBe(303);
    let row = (await t.knex('rekomendasi').where({ id }).first())!;
    expect([row.sumber_biaya, Number(row.biaya), row.biaya_pd, row.biaya_bkpsdm]).toEqual(['bkpsdm', 750000, null, null]);
    const lagi = await kirimForm(andi, `/rekomendasi/${id}/edit`, { ...LENGKAP, ...BERSAMA, biaya_pd: '100.000', aksi: 'simpan' });
    expect(lagi.status).toBe(303);
    row = (await t.knex('rekomendasi').where({ id }).first())!;
    expect([row.sumber_biaya, Number(row.biaya), Number(row.biaya_pd)]).toEqual(['pd_bkpsdm', 1100000.5, 100000]);
  });

  const kasus: [string, Isian, string, string][] = [
    ['missing PD share', { biaya_pd: '' }, 'biaya_pd', 'isi bagian biaya yang ditanggung PD'],
    ['missing BKPSDMD share', { biaya_bkpsdm: '' }, 'biaya_bkpsdm', 'isi bagian biaya yang ditanggung BKPSDMD'],
    ['zero share', { biaya_pd: '0' }, 'biaya_pd', 'Bagian PD harus lebih dari 0'],
    ['zero share with decimals', { biaya_bkpsdm: '0,00' }, 'biaya_bkpsdm', 'Bagian BKPSDMD harus lebih dari 0'],
    ['negative share', { biaya_pd: '-1.000' }, 'biaya_pd', 'Bagian PD tidak boleh negatif'],
    ['garbage share', { biaya_bkpsdm: 'sejuta' }, 'biaya_bkpsdm', 'Bagian BKPSDMD harus berupa angka'],
    ['absurd share', { biaya_pd: '99.999.999.999' }, 'biaya_pd', 'tidak wajar'],
    ['share in fractions of a sen', { biaya_pd: '1000,555' }, 'biaya_pd', 'dua angka di belakang koma'],
    ['mismatched total', { biaya: '3.000.000' }, 'biaya', 'harus sama dengan jumlah bagian PD dan BKPSDMD (Rp 2.500.000,50)'],
    ['zero total with shares', { biaya: '0' }, 'biaya', 'harus sama dengan jumlah'],
    ['sum too large', { biaya_pd: '6.000.000.000', biaya_bkpsdm: '5.000.000.000' }, 'biaya', 'Jumlah bagian PD dan BKPSDMD tidak wajar'],
    ['array for a share', { biaya_pd: ['1', '2'] }, 'biaya_pd', 'isi bagian biaya yang ditanggung PD'],
    ['a share with a single payer', { sumber_biaya: 'pd', biaya: '2.500.000' }, 'biaya_pd', 'hanya diisi bila biaya ditanggung'],
    ['a share without cost', { sumber_biaya: 'tanpa_biaya', biaya_pd: '', biaya: '' }, 'biaya_bkpsdm', 'hanya diisi bila'],
    [
      'cost with tanpa_biaya, as before',
      { sumber_biaya: 'tanpa_biaya', biaya: '1.000', biaya_pd: '', biaya_bkpsdm: '' },
      'biaya',
      'harus 0',
    ],
  ];
  for (const [nama, isian, kolom, pesan] of kasus) {
    it(`422: ${nama}, nothing saved`, async () => {
      const sebelum = await jumlah();
      const res = await kirimForm(andi, '/rekomendasi', { ...LENGKAP, ...BERSAMA, ...isian });
      expect(res.status).toBe(422);
      expect(res.text).toContain(pesan);
      expect(res.text).toMatch(new RegExp(`<input class="form-control is-invalid" id="f-${kolom}"`));
      expect(res.text).toContain('BKN Kantor Regional VII'); // values kept
      expect(await jumlah()).toEqual(sebelum);
    });
  }

  it('keeps the typed shares on the form after a 422', async () => {
    const res = await kirimForm(andi, '/rekomendasi', { ...LENGKAP, ...BERSAMA, biaya: '9', biaya_bkpsdm: '1.000.000,50' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/name="biaya_pd"[^>]*value="1.500.000"/);
    expect(res.text).toMatch(/name="biaya_bkpsdm"[^>]*value="1.000.000,50"/);
    expect(res.text).toMatch(/name="sumber_biaya"[^>]*value="pd_bkpsdm"[^>]*checked/);
  });

  it('the database refuses shares that do not fit the payer or the total', async () => {
    const contoh = (await t.knex('rekomendasi').where({ status: 'terkirim' }).first())!;
    const { id: _id, ...isi } = contoh;
    for (const salah of [
      { sumber_biaya: 'pd_bkpsdm', biaya: '300', biaya_pd: '100', biaya_bkpsdm: '100' },
      { sumber_biaya: 'pd_bkpsdm', biaya: '100', biaya_pd: '100', biaya_bkpsdm: '0' },
      { sumber_biaya: 'pd_bkpsdm', biaya: '100', biaya_pd: '100', biaya_bkpsdm: null },
      { sumber_biaya: 'pd', biaya: '100', biaya_pd: '100', biaya_bkpsdm: null },
      { sumber_biaya: 'apbn', biaya: '100', biaya_pd: null, biaya_bkpsdm: null },
    ]) {
      await expect(t.knex('rekomendasi').insert({ ...isi, ...salah }), JSON.stringify(salah)).rejects.toThrow(/check constraint/);
    }
    const [ok] = await t
      .knex('rekomendasi')
      .insert({ ...isi, sumber_biaya: 'pd_bkpsdm', biaya: '300', biaya_pd: '100', biaya_bkpsdm: '200' })
      .returning('id');
    expect(ok!.id).toBeGreaterThan(0);
  });
});

/** supertest parser that keeps the body as raw bytes */

async function teksPdf(buf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: buf });
  try {
    const r = await parser.getText();
    return r.text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('files survive a 422: held for the same user and session for one hour', () => {
  type Berkas2 = Partial<Record<'surat_usulan' | 'surat_pemanggilan', { isi: Buffer; nama: string }>>;
  function kirimTahan(a: Agent, url: string, isian: Isian, berkas: Berkas2 = {}) {
    const req = a.post(url).field('_csrf', a.csrf);
    for (const [k, v] of Object.entries(isian)) req.field(k, v as string);
    for (const [k, f] of Object.entries(berkas)) req.attach(k, f.isi, { filename: f.nama, contentType: 'application/pdf' });
    return req;
  }
  const token = (html: string, kolom: string) => new RegExp(`name="${kolom}_tertahan" value="([^"]+)"`).exec(html)?.[1];
  const jumlahTahan = async () => Number((await t.knex('berkas_tertahan').count<{ n: string }[]>('* as n'))[0]!.n);
  const isiBerkas = async (a: Agent, id: number, jenis: string) =>
    (await a.get(`/rekomendasi/${id}/berkas/${jenis}`).buffer(true).parse(biner)).body as Buffer;

  /** A new request with both letters that fails for a missing name: the 422 page and its two tokens. */
  async function gagalDenganBerkas(a: Agent, usulan: Buffer, panggil: Buffer, over: Isian = {}) {
    const sebelum = await jumlah();
    const res = await kirimTahan(
      a,
      '/rekomendasi',
      { ...LENGKAP, nama_pelatihan: '', ...over },
      { surat_usulan: { isi: usulan, nama: 'usulan-tertahan.pdf' }, surat_pemanggilan: { isi: panggil, nama: 'panggilan-tertahan.pdf' } },
    );
    expect(res.status).toBe(422);
    expect(await jumlah()).toEqual(sebelum); // nothing saved
    return { res, usulan: token(res.text, 'surat_usulan')!, panggil: token(res.text, 'surat_pemanggilan')! };
  }

  it('the 422 page names both held files; sent again without files, the held bytes are stored', async () => {
    const usulan = pdf('tahan-usulan');
    const panggil = pdf('tahan-panggil');
    const g = await gagalDenganBerkas(andi, usulan, panggil, { dikonfirmasi: '1' });
    expect(g.res.text).toContain('Nama pelatihan wajib diisi');
    expect(g.res.text).toContain('Berkas sudah diunggah: <strong class="text-break">usulan-tertahan.pdf</strong>');
    expect(g.res.text).toContain('Berkas sudah diunggah: <strong class="text-break">panggilan-tertahan.pdf</strong>');
    expect(g.res.text).toContain('ganti?');
    expect(g.res.text).toMatch(/<input[^>]*type="file"[^>]*name="surat_usulan"/); // another file may still be chosen
    expect(g.res.text).not.toContain('pilih ulang kedua surat');
    expect(g.usulan).toMatch(/^[\w-]{32}$/);
    expect(g.panggil).not.toBe(g.usulan);
    // Kirim was confirmed in the dialog: the page keeps that, so it does not ask again
    expect(g.res.text).toContain('<input type="hidden" name="dikonfirmasi" value="1">');
    expect(g.res.text).toMatch(/<button[^>]*value="kirim"[^>]*data-confirm="Kirim pengajuan rekomendasi ini ke BKPSDMD\?/);

    const ok = await kirimTahan(andi, '/rekomendasi', {
      ...LENGKAP,
      nama_pelatihan: 'Pelatihan dengan berkas tertahan',
      surat_usulan_tertahan: g.usulan,
      surat_pemanggilan_tertahan: g.panggil,
    });
    expect(ok.status, ok.text.slice(0, 1500)).toBe(303);
    const id = Number(/\/rekomendasi\/(\d+)$/.exec(String(ok.headers.location))![1]);
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect(row!.status).toBe('terkirim');
    expect(Buffer.compare(await isiBerkas(andi, id, 'surat_usulan'), usulan)).toBe(0);
    expect(Buffer.compare(await isiBerkas(andi, id, 'surat_pemanggilan'), panggil)).toBe(0);
    const b = await t.knex('berkas').where({ id: row!.surat_usulan_id! }).first('nama', 'sha256');
    expect(b).toEqual({ nama: 'usulan-tertahan.pdf', sha256: crypto.createHash('sha256').update(usulan).digest('hex') });
    // used up: the holds are gone, and the tokens do nothing any more
    expect(await t.knex('berkas_tertahan').whereIn('token', [g.usulan, g.panggil]).first()).toBeUndefined();
  });

  it('a new file wins over the held one; a page sent with Simpan does not carry the confirmation', async () => {
    const g = await gagalDenganBerkas(andi, pdf('lama-usulan'), pdf('lama-panggil'), { aksi: 'simpan', dikonfirmasi: '1' });
    expect(g.res.text).not.toContain('name="dikonfirmasi"');
    const baru = pdf('usulan-baru');
    const ok = await kirimTahan(
      andi,
      '/rekomendasi',
      { ...LENGKAP, surat_usulan_tertahan: g.usulan, surat_pemanggilan_tertahan: g.panggil },
      { surat_usulan: { isi: baru, nama: 'usulan-baru.pdf' } },
    );
    expect(ok.status).toBe(303);
    const id = Number(/\/rekomendasi\/(\d+)$/.exec(String(ok.headers.location))![1]);
    expect(Buffer.compare(await isiBerkas(andi, id, 'surat_usulan'), baru)).toBe(0);
    const row = await t.knex('rekomendasi').where({ id }).first();
    expect((await t.knex('berkas').where({ id: row!.surat_usulan_id! }).first())!.nama).toBe('usulan-baru.pdf');
  });

  it('an invalid new file keeps its message and replaces nothing; the other file stays held', async () => {
    const g = await gagalDenganBerkas(andi, pdf('u'), pdf('p'));
    const res = await kirimTahan(
      andi,
      '/rekomendasi',
      { ...LENGKAP, surat_usulan_tertahan: g.usulan, surat_pemanggilan_tertahan: g.panggil },
      { surat_usulan: { isi: Buffer.from('<html>bukan pdf</html>'), nama: 'palsu.pdf' } },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Berkas harus PDF');
    expect(token(res.text, 'surat_usulan')).toBeUndefined();
    expect(token(res.text, 'surat_pemanggilan')).toBe(g.panggil);
  });

  it('held files are kept on the edit form too, and replace the stored letter', async () => {
    const id = await buat(andi, { aksi: 'simpan', nama_pelatihan: 'Konsep dengan berkas' });
    const usulan = pdf('edit-usulan');
    const res = await kirimTahan(
      andi,
      `/rekomendasi/${id}/edit`,
      { ...LENGKAP, lembaga: '', aksi: 'simpan' },
      { surat_usulan: { isi: usulan, nama: 'edit-usulan.pdf' } },
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('edit-usulan.pdf');
    const ok = await kirimTahan(andi, `/rekomendasi/${id}/edit`, {
      ...LENGKAP,
      aksi: 'simpan',
      surat_usulan_tertahan: token(res.text, 'surat_usulan')!,
    });
    expect(ok.status).toBe(303);
    expect(Buffer.compare(await isiBerkas(andi, id, 'surat_usulan'), usulan)).toBe(0);
  });

  it('another user, or the same user in another session, cannot use the token: the form asks for the file', async () => {
    const g = await gagalDenganBerkas(andi, pdf('milik-andi-u'), pdf('milik-andi-p'));
    const curian = { ...LENGKAP, surat_usulan_tertahan: g.usulan, surat_pemanggilan_tertahan: g.panggil };
    const dewi = await masuk(t.app, NIP.dewi);
    const andiLain = await masuk(t.app, NIP.andi);
    for (const a of [dewi, andiLain]) {
      const sebelum = await jumlah();
      const res = await kirimTahan(a, '/rekomendasi', curian);
      expect(res.status).toBe(422);
      expect(res.text).toContain(PESAN_TERTAHAN.hilang);
      expect(res.text).toMatch(/id="f-surat_usulan"[^>]*/);
      expect(res.text).not.toContain('usulan-tertahan.pdf');
      expect(token(res.text, 'surat_usulan')).toBeUndefined();
      expect(await jumlah()).toEqual(sebelum);
    }
    // the owner still can
    const ok = await kirimTahan(andi, '/rekomendasi', curian);
    expect(ok.status).toBe(303);
  });

  it('a hold past its hour is not used, and the worker removes it', async () => {
    const g = await gagalDenganBerkas(andi, pdf('kedaluwarsa-u'), pdf('kedaluwarsa-p'));
    const g2 = await gagalDenganBerkas(andi, pdf('kedaluwarsa-u2'), pdf('kedaluwarsa-p2'));
    const awal = t.clock.now();
    try {
      t.clock.tambahMenit(61);
      const sebelum = await jumlah();
      const res = await kirimTahan(andi, '/rekomendasi', {
        ...LENGKAP,
        surat_usulan_tertahan: g.usulan,
        surat_pemanggilan_tertahan: g.panggil,
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain(PESAN_TERTAHAN.hilang);
      expect(token(res.text, 'surat_usulan')).toBeUndefined();
      expect(await jumlah()).toEqual(sebelum);
      // the other expired pair is still in the table until the worker's cleanup
      const sisa = () => t.knex('berkas_tertahan').whereIn('token', [g2.usulan, g2.panggil]).count<{ n: string }[]>('* as n');
      expect(await sisa()).toEqual([{ n: '2' }]);
      const w = startWorker({ db: t.knex, clock: t.clock, config: t.config }, pino({ level: 'silent' }), { intervalMs: 3_600_000 });
      await w.tick();
      await w.stop();
      expect(await sisa()).toEqual([{ n: '0' }]);
      expect(await jumlahTahan()).toBe(0);
    } finally {
      t.clock.set(awal);
    }
  });

  it('never a 500 for garbage tokens', async () => {
    for (const v of ['x', 'a'.repeat(32), "'; DROP TABLE berkas;--", 'é'.repeat(40)]) {
      const res = await kirimTahan(andi, '/rekomendasi', { ...LENGKAP, surat_usulan_tertahan: v, surat_pemanggilan_tertahan: v });
      expect(res.status).toBe(422);
      expect(res.text).toContain(PESAN_TERTAHAN.hilang);
    }
  });
});
