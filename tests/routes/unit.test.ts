// The unit's own view: an operator (Lina, Dinas Pendidikan) sees her unit's rekap, capaian and
// letters, and nothing of any other unit.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, TAHUN_UJI, type Agent, type TestApp, biner } from '../helpers/app';
import { buatRincian, rekomendasiTerkirim } from '../helpers/data';
import { pdftotext } from '../helpers/pdf';

const LINA = '199010102015032001';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let lina: Agent;
let hendra: Agent;
let disdik: number;
let bkpsdmd: number;

beforeAll(async () => {
  t = await createTestApp();
  lina = await masuk(t.app, LINA);
  hendra = await masuk(t.app, NIP.hendra);
  disdik = (await t.knex('instansi').where({ kode: 'disdik' }).first())!.id;
  bkpsdmd = (await t.knex('instansi').where({ kode: 'bkpsdmd' }).first())!.id;
  await buatRincian(t.knex, { nip: NIP.fajar, tahun: TAHUN_UJI, status: 'diterima', materi: 'Materi Khusus Disdik Fajar' });
  await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN_UJI, status: 'diterima', materi: 'Materi Khusus BKPSDMD Andi' });
});
afterAll(() => t.close());

const ajukan = async (nip: string, nama: string) => rekomendasiTerkirim(t.knex, await idPegawai(t.knex, nip), nama);

async function putuskan(id: number, keputusan: 'terima' | 'tolak', alasan: string) {
  const res = await hendra.post(`/bkpsdm/rekomendasi/${id}`).type('form').send({ _csrf: hendra.csrf, keputusan, alasan });
  expect(res.status).toBe(303);
  return (await t.knex('surat').where({ rekomendasi_id: id }).first()) as { id: number; nomor: string };
}

describe('the operator role', () => {
  it('is seeded for Lina, operator of Dinas Pendidikan, and shows the Unit Kerja menu', async () => {
    const p = await t.knex('pegawai').where({ nip: LINA }).first();
    expect(p!.peran).toBe('operator');
    expect(p!.instansi_id).toBe(disdik);
    const res = await lina.get('/');
    expect(res.text).toContain('Unit Kerja');
    expect(res.text).toContain('href="/unit/rekap"');
    expect(res.text).toContain('href="/unit/surat"');
  });

  it('can be given in Admin Pegawai', async () => {
    const maya = await masuk(t.app, NIP.maya);
    const form = await maya.get('/admin/pegawai/baru');
    expect(form.text).toContain('<option value="operator"');
    expect(form.text).toContain('Operator unit (kepegawaian perangkat daerah)');
    const ubah = await maya.get(`/admin/pegawai/${await idPegawai(t.knex, LINA)}`);
    expect(ubah.status).toBe(200);
    expect(ubah.text).toMatch(/<option value="operator" selected/);
  });
});

describe('the unit rekap and capaian', () => {
  it('shows her unit only, whatever instansi is asked for', async () => {
    for (const url of [
      `/unit/rekap?tahun=${TAHUN_UJI}`,
      `/unit/rekap?tahun=${TAHUN_UJI}&instansi=${bkpsdmd}`,
      `/unit/rekap?tahun=${TAHUN_UJI}&instansi=bkpsdmd`,
    ]) {
      const res = await lina.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text).toContain('Dinas Pendidikan');
      expect(res.text).toContain('Materi Khusus Disdik Fajar');
      expect(res.text).toContain('Fajar Nugroho');
      expect(res.text).not.toContain('Materi Khusus BKPSDMD Andi');
      expect(res.text).not.toContain('Andi Pratama');
      expect(res.text).not.toContain('Badan Kepegawaian dan Pengembangan');
    }
  });

  it('refuses a bad year with 422, never 500', async () => {
    const res = await lina.get('/unit/rekap?tahun=abcd');
    expect(res.status).toBe(422);
    expect((await lina.get('/unit/capaian-jp?tahun=1')).status).toBe(422);
  });

  it('shows the capaian of her unit only', async () => {
    const res = await lina.get(`/unit/capaian-jp?tahun=${TAHUN_UJI}&instansi=${bkpsdmd}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dinas Pendidikan');
    expect(res.text).not.toContain('Andi Pratama');
    expect(res.text).not.toContain('Badan Kepegawaian dan Pengembangan');
  });

  it('exports them as XLSX and PDF of her unit', async () => {
    const xlsx = await lina.get(`/unit/rekap.xlsx?tahun=${TAHUN_UJI}&instansi=bkpsdmd`).buffer(true).parse(biner);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toContain(`rekap-bangkom-${TAHUN_UJI}-disdik.xlsx`);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const pdf = await lina.get(`/unit/rekap.pdf?tahun=${TAHUN_UJI}&instansi=bkpsdmd`).buffer(true).parse(biner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`rekap-bangkom-${TAHUN_UJI}-disdik.pdf`);
    const teks = await pdftotext(pdf.body as Buffer);
    expect(teks).toContain('Dinas Pendidikan');
    expect(teks).not.toContain('Andi Pratama');

    const cap = await lina.get(`/unit/capaian-jp.xlsx?tahun=${TAHUN_UJI}&instansi=${bkpsdmd}`).buffer(true).parse(biner);
    expect(cap.status).toBe(200);
    expect(cap.headers['content-type']).toBe(XLSX);
    expect(cap.headers['content-disposition']).toContain(`capaian-20jp-${TAHUN_UJI}-disdik.xlsx`);
  });
});

describe('the unit letters', () => {
  it('lists the letters issued to her unit with their PDF, and notifies her when one is issued', async () => {
    const id = await ajukan(NIP.fajar, 'Pelatihan Kurikulum Merdeka Unit');
    const surat = await putuskan(id, 'terima', 'Sesuai kebutuhan unit');
    const lain = await putuskan(await ajukan(NIP.andi, 'Pelatihan Milik BKPSDMD'), 'tolak', 'Anggaran tidak tersedia');

    const daftar = await lina.get('/unit/surat');
    expect(daftar.status).toBe(200);
    expect(daftar.text).toContain(surat.nomor);
    expect(daftar.text).toContain('Pelatihan Kurikulum Merdeka Unit');
    expect(daftar.text).toContain(`/unit/surat/${surat.id}.pdf`);
    expect(daftar.text).not.toContain(lain.nomor);
    expect(daftar.text).not.toContain('Pelatihan Milik BKPSDMD');

    const pdf = await lina.get(`/unit/surat/${surat.id}.pdf`).buffer(true).parse(biner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // the same bytes as the letter kept at issue
    const kept = await t.knex('surat').where({ id: surat.id }).first();
    expect(
      crypto
        .createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(kept!.sha256);

    const notif = await t.knex('notifikasi').where({ pegawai_id: await idPegawai(t.knex, LINA) });
    expect(notif.map((n) => n.pesan).join('\n')).toContain(surat.nomor);
    expect(notif.map((n) => n.pesan).join('\n')).not.toContain(lain.nomor);
    expect(notif.find((n) => n.pesan.includes(surat.nomor))!.tautan).toBe('/unit/surat');
    // and she sees it in the app
    expect((await lina.get('/notifikasi')).text).toContain(surat.nomor);

    // another unit's letter: 404; nonsense ids: 404, never 500
    expect((await lina.get(`/unit/surat/${lain.id}.pdf`)).status).toBe(404);
    for (const u of [
      '/unit/surat/0.pdf',
      '/unit/surat/99999999999999999999.pdf',
      '/unit/surat/abc.pdf',
      '/unit/surat?page=x',
      '/unit/surat?page=999',
    ])
      expect((await lina.get(u)).status, u).not.toBe(500);
    expect((await lina.get('/unit/surat/abc.pdf')).status).toBe(404);
    expect((await lina.get('/unit/surat?page=999')).status).toBe(200);
  });

  it('does not let her open the request itself through the employee pages', async () => {
    const [r] = await t
      .knex('surat')
      .join('rekomendasi as k', 'k.id', 'surat.rekomendasi_id')
      .where('k.pegawai_id', await idPegawai(t.knex, NIP.andi))
      .select('k.id');
    expect((await lina.get(`/rekomendasi/${r.id}/surat.pdf`)).status).toBe(404);
  });
});

describe('who may not', () => {
  it('an ordinary employee, BKPSDM or an admin gets 403 on /unit/*', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    const maya = await masuk(t.app, NIP.maya);
    for (const a of [fajar, hendra, maya])
      for (const u of [
        '/unit/rekap',
        '/unit/rekap.xlsx',
        '/unit/rekap.pdf',
        '/unit/capaian-jp',
        '/unit/capaian-jp.xlsx',
        '/unit/surat',
        '/unit/surat/1.pdf',
      ])
        expect((await a.get(u)).status, u).toBe(403);
  });

  it('Lina gets 403 on the BKPSDM pages', async () => {
    for (const u of [
      '/bkpsdm/rekap',
      '/bkpsdm/rekap.xlsx',
      '/bkpsdm/capaian-jp',
      '/bkpsdm/rekomendasi',
      '/bkpsdm/periode',
      '/admin/pegawai',
    ])
      expect((await lina.get(u)).status, u).toBe(403);
  });

  it('an anonymous visitor goes to the login page', async () => {
    const a = await anonim(t.app);
    const res = await a.get('/unit/rekap');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.location).toBe('/login');
  });
});
