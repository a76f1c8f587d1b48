// Letters of record: fixed at issue, verifiable by anyone, printed in any script the forms accept.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp, biner } from '../helpers/app';
import { buatRincian, rekomendasiTerkirim } from '../helpers/data';
import { pdffonts, pdftotext } from '../helpers/pdf';
import { buatSuratRekomendasi, type DataSurat } from '../../src/ekspor/surat-rekomendasi';
import { listPengaturan } from '../../src/data/pengaturan';

let t: TestApp;
let hendra: Agent;
beforeAll(async () => {
  t = await createTestApp();
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

const ajukan = async (nip: string, nama: string) => rekomendasiTerkirim(t.knex, await idPegawai(t.knex, nip), nama);

async function putuskan(id: number, keputusan: 'terima' | 'tolak', alasan: string) {
  const res = await hendra.post(`/bkpsdm/rekomendasi/${id}`).type('form').send({ _csrf: hendra.csrf, keputusan, alasan });
  expect(res.status).toBe(303);
}

async function unduh(a: Agent, id: number): Promise<Buffer> {
  const res = await a.get(`/rekomendasi/${id}/surat.pdf`).buffer(true).parse(biner);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const rapat = (s: string) => s.replace(/\s+/g, ' ');
const CONTOH_SURAT: DataSurat = {
  nomor: '800/0001/BKPSDMD/2026',
  tanggal: '2026-11-28',
  diterima: true,
  alasan: 'Sesuai kebutuhan unit',
  diputuskanAt: new Date('2026-11-28T03:00:00Z'),
  pegawai: { nama: 'Fajar Nugroho', nip: NIP.fajar, jabatan: 'Pengembang Teknologi Pembelajaran', instansi: 'Dinas Pendidikan' },
  pimpinan: 'Kepala Dinas Pendidikan',
  unitSendiri: false,
  verifikasi: { kode: '', url: '' },
  pelatihan: {
    nama: 'Pelatihan Kurikulum Merdeka',
    jenis: 'Manajemen SDM Aparatur',
    jalur: 'Pelatihan Non Klasikal',
    lembaga: 'LAN RI',
    mulai: '2026-11-20',
    selesai: '2026-11-25',
    biaya: 0,
    sumberBiaya: 'tanpa_biaya',
  },
};

describe('a decision letter', () => {
  it('never changes once issued, whatever changes after, and carries its verification code', async () => {
    const id = await ajukan(NIP.fajar, 'Pelatihan Kurikulum Merdeka');
    await putuskan(id, 'terima', 'Sesuai kebutuhan unit');
    const pertama = await unduh(hendra, id);
    const surat = await t.knex('surat').where({ rekomendasi_id: id }).first();
    expect(surat!.sha256).toBe(sha(pertama));
    expect(surat!.kode).toMatch(/^[a-z2-7]{26}$/);

    // the signatory, the unit's name and the employee's unit all change afterwards
    await t.knex('pengaturan').where({ kunci: 'surat.penandatangan_nama' }).update({ nilai: 'Pejabat Pengganti, S.H.' });
    await t.knex('instansi').where({ kode: 'disdik' }).update({ nama: 'Dinas Pendidikan dan Kebudayaan' });
    const dinkes = (await t.knex('instansi').where({ kode: 'dinkes' }).first())!.id;
    await t.knex('pegawai').where({ nip: NIP.fajar }).update({ instansi_id: dinkes });
    const fajar = await masuk(t.app, NIP.fajar);
    expect(sha(await unduh(fajar, id))).toBe(sha(pertama));
    expect(sha(await unduh(hendra, id))).toBe(sha(pertama));

    const teks = rapat(await pdftotext(pertama));
    expect(teks).toMatch(/Yth\. Kepala Dinas Pendidikan di Pangkalpinang/);
    expect(teks).toContain('pertimbangan: Sesuai kebutuhan unit. Setelah selesai');
    expect(teks).toContain(`/verifikasi-surat/${surat!.kode}`);
    expect(teks).toContain(`Kode verifikasi: ${surat!.kode}`);
    expect(teks).not.toContain('Halaman 1'); // one page: no page numbers
    // the employee and BKPSDM see the code on the detail page
    expect((await fajar.get(`/rekomendasi/${id}`)).text).toContain(surat!.kode);
    expect((await hendra.get(`/bkpsdm/rekomendasi/${id}`)).text).toContain(surat!.kode);

    // anyone can check it, without logging in: the facts of the letter as issued, nothing more
    const publik = await anonim(t.app);
    const cek = await publik.get(`/verifikasi-surat/${surat!.kode.toUpperCase()}`);
    expect(cek.status).toBe(200);
    for (const s of [
      'Surat ini terdaftar',
      surat!.nomor,
      'Fajar Nugroho',
      'Dinas Pendidikan',
      'Rekomendasi Mengikuti Pengembangan Kompetensi',
    ])
      expect(cek.text, s).toContain(s);
    expect(cek.text).not.toContain('Dinas Pendidikan dan Kebudayaan');
    expect(cek.text).not.toContain(NIP.fajar);
    for (const kode of ['a'.repeat(26), 'bukan-kode', surat!.kode.slice(0, 25)]) {
      const palsu = await publik.get(`/verifikasi-surat/${kode}`);
      expect(palsu.status, kode).toBe(404);
      expect(palsu.text).toContain('Surat tidak ditemukan');
    }
  });

  it('prints its verification address whole, whatever letters its code has', async () => {
    const kop = await listPengaturan(t.knex, 'surat.');
    for (const kode of ['m'.repeat(26), 'w'.repeat(26), '2'.repeat(26), 'i'.repeat(26)])
      for (const dasar of ['http://localhost:3000', 'https://bangkom.bkpsdmd.babelprov.go.id']) {
        const url = `${dasar}/verifikasi-surat/${kode}`;
        const pdf = await buatSuratRekomendasi({ ...CONTOH_SURAT, verifikasi: { kode, url } }, kop);
        const baris = (await pdftotext(pdf)).split('\n').map((b) => b.trim());
        // on one line, or, too long for one, broken only after its last slash (the signature prints beside it)
        const i = baris.findIndex((b) => b.startsWith(dasar));
        expect([baris[i], `${baris[i]}${(baris[i + 1] ?? '').split(/\s+/)[0]}`], url).toContain(url);
        if (baris[i] !== url) expect(baris[i]).toBe(`${dasar}/verifikasi-surat/`);
      }
  });

  it('prints any name the forms accept, with its fonts embedded; a letter to BKPSDMD staff is addressed to them', async () => {
    await t.knex('pegawai').where({ nip: NIP.dewi }).update({ nama: 'Łukasz Ḥasan Ødegård' });
    const id = await ajukan(NIP.dewi, 'Kursus Ψ-Analitik «Лидерство»');
    await putuskan(id, 'tolak', 'Kuota ≥ 40 JP tahun ini sudah terpenuhi (± 2 JP)');
    const pdf = await unduh(hendra, id);
    const teks = rapat(await pdftotext(pdf));
    for (const s of ['Łukasz Ḥasan Ødegård', 'Kursus Ψ-Analitik «Лидерство»', 'Kuota ≥ 40 JP tahun ini sudah terpenuhi (± 2 JP).'])
      expect(teks, s).toContain(s);
    expect(teks).toMatch(/Yth\. Sdr\. Łukasz Ḥasan Ødegård/);
    expect(teks).not.toMatch(/Yth\. Kepala Badan/);
    const fonts = await pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(
      fonts.every((f) => f.tertanam),
      JSON.stringify(fonts),
    ).toBe(true);

    // the printable plan too
    const rincian = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2027, materi: 'Łukasz Ḥasan ≥ 40 JP' });
    const dewi = await masuk(t.app, NIP.dewi);
    const formulir = await dewi.get(`/pengajuan/${rincian}/formulir.pdf`).buffer(true).parse(biner);
    expect(formulir.status).toBe(200);
    expect(rapat(await pdftotext(formulir.body as Buffer))).toContain('Łukasz Ḥasan ≥ 40 JP');
    expect((await pdffonts(formulir.body as Buffer)).every((f) => f.tertanam)).toBe(true);
  });

  it('addresses the head by the unit’s own title; a long letter numbers its pages and keeps its signature with the text', async () => {
    const inspektorat = (await t.knex('instansi').where({ kode: 'inspektorat' }).first())!.id;
    await t.knex('pegawai').where({ nip: NIP.rudi }).update({ instansi_id: inspektorat });
    const id = await ajukan(NIP.rudi, 'Diklat Auditor Ahli');
    const panjang = Array.from({ length: 14 }, (_, i) => `Pertimbangan ke-${i + 1} menyangkut kebutuhan pengawasan dan rencana kerja`).join(
      '; ',
    );
    await putuskan(id, 'terima', panjang.slice(0, 1000));
    const halaman = (await pdftotext(await unduh(hendra, id))).split('\f').filter((h) => h.trim());
    const teks = rapat(halaman.join(' '));
    expect(teks).toMatch(/Yth\. Inspektur di Pangkalpinang/);
    expect(halaman.length).toBeGreaterThanOrEqual(2);
    halaman.forEach((h, i) => expect(rapat(h)).toContain(`Halaman ${i + 1} dari ${halaman.length}`));
    const terakhir = rapat(halaman.at(-1)!);
    expect(terakhir).toContain('Demikian disampaikan');
    expect(terakhir).toContain('NIP. 197001011995031001'); // the signature block
  });
});

describe('the head of a unit', () => {
  it('has a title edited in Data Master, used to address the next letters', async () => {
    const maya = await masuk(t.app, NIP.maya);
    const bappeda = await t.knex('instansi').where({ kode: 'bappeda' }).first();
    const form = await maya.get(`/admin/master/instansi/${bappeda!.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="jabatan_pimpinan"');
    const res = await maya
      .post(`/admin/master/instansi/${bappeda!.id}`)
      .type('form')
      .send({ _csrf: maya.csrf, kode: 'bappeda', nama: bappeda!.nama, jabatan_pimpinan: 'Kepala Bappeda Provinsi', aktif: '1' });
    expect(res.status).toBe(303);
    expect((await t.knex('instansi').where({ id: bappeda!.id }).first())!.jabatan_pimpinan).toBe('Kepala Bappeda Provinsi');
  });
});

describe('the printable plan (formulir)', () => {
  it('keeps each item whole on a page, totals by status, has signature spaces and page numbers; the atasan and BKPSDM may print it', async () => {
    const ids: number[] = [];
    const status = ['konsep', 'dikirim', 'diterima', 'ditolak'] as const;
    for (let i = 0; i < 12; i++)
      ids.push(
        await buatRincian(t.knex, {
          nip: NIP.andi,
          tahun: 2028,
          status: status[i % 4],
          materi: `Materi ke-${i + 1} ${'dengan uraian yang cukup panjang '.repeat(3)}`,
        }),
      );
    // one plan of 12 items
    const { pengajuan_id } = (await t.knex('rincian').where({ id: ids[0] }).first('pengajuan_id'))!;
    await t.knex('rincian').whereIn('id', ids).update({ pengajuan_id });
    const sari = await masuk(t.app, NIP.sari); // Andi's atasan
    const res = await sari.get(`/pengajuan/${ids[0]}/formulir.pdf`).buffer(true).parse(biner);
    expect(res.status).toBe(200);
    expect((await hendra.get(`/pengajuan/${ids[0]}/formulir.pdf`)).status).toBe(200);
    expect((await (await masuk(t.app, NIP.rudi)).get(`/pengajuan/${ids[0]}/formulir.pdf`)).status).toBe(404);

    const halaman = (await pdftotext(res.body as Buffer)).split('\f').filter((h) => h.trim());
    expect(halaman.length).toBeLessThanOrEqual(5);
    halaman.forEach((h, i) => expect(rapat(h)).toContain(`Halaman ${i + 1} dari ${halaman.length}`));
    const semua = rapat(halaman.join(' '));
    expect(semua).toContain('PEMERINTAH PROVINSI KEPULAUAN BANGKA BELITUNG'); // letterhead
    expect(semua).toContain('Andi Pratama'); // the owner, not the one printing
    // each item's label and its values on the same page
    for (const h of halaman) {
      const teks = rapat(h);
      const n = (teks.match(/Materi ke-\d+/g) ?? []).length;
      expect((teks.match(/Lembaga penyelenggara/g) ?? []).length).toBe(n);
      expect((teks.match(/Alasan :/g) ?? []).length).toBe(n);
    }
    // per status, and what is still proposed (sent and accepted: 6 of 12)
    expect(semua).toMatch(/Konsep 3 /);
    expect(semua).toMatch(/Diusulkan \(dikirim, diterima, berjalan, selesai\) 6 /);
    expect(semua).toContain('Pegawai yang mengusulkan');
    expect(semua).toContain('Atasan langsung,');
    expect(semua).toContain('Sari Wulandari');
    expect(semua).toContain('Pangkalpinang, 28 November 2026');
    // the signatures share their page with the totals
    expect(rapat(halaman.at(-1)!)).toMatch(/Jumlah Status Pelatihan JP Anggaran[\s\S]*Pegawai yang mengusulkan/);
    // the lists link to it
    const andi = await masuk(t.app, NIP.andi);
    expect((await andi.get('/pengajuan?tahun=2028')).text).toContain(`/pengajuan/${ids[0]}/formulir.pdf`);
  });
});

describe('the logo', () => {
  it('is uploaded in the letter settings and shown on the login page and the next letters', async () => {
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const publik = await anonim(t.app);
    expect((await publik.get('/login')).text).toContain('src="/logo"');
    const bawaan = await publik.get('/logo');
    expect(bawaan.status).toBe(302);
    expect(bawaan.headers.location).toBe('/static/img/lambang.svg');

    const maya = await masuk(t.app, NIP.maya);
    const form = await maya.get('/admin/master/surat');
    expect(form.text).toContain('name="logo_berkas"');
    const isian = (f: ReturnType<Agent['post']>) => {
      // every setting is sent back as the form would
      for (const m of form.text.matchAll(/name="(surat\[\w+\])"[^>]*?(?:value="([^"]*)")?>(?:([^<]*)<\/textarea>)?/g))
        f = f.field(m[1]!, (m[2] ?? m[3] ?? '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&#34;/g, '"'));
      return f.field('_csrf', maya.csrf);
    };
    const salah = await isian(maya.post('/admin/master/surat')).attach('logo_berkas', Buffer.from('bukan gambar'), 'logo.png');
    expect(salah.status).toBe(422);
    expect(salah.text).toContain('Logo harus gambar PNG atau JPEG');
    const ok = await isian(maya.post('/admin/master/surat')).attach('logo_berkas', PNG, {
      filename: 'lambang.png',
      contentType: 'image/png',
    });
    expect(ok.status).toBe(303);
    const logo = await publik.get('/logo').buffer(true).parse(biner);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(logo.body as Buffer, PNG)).toBe(0);

    // the next letter carries it as an image
    const id = await ajukan(NIP.andi, 'Diklat dengan lambang');
    await putuskan(id, 'terima', 'Sesuai rencana');
    const pdf = await unduh(hendra, id);
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });
});
