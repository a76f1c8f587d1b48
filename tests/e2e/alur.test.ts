import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { context, foto, hari, launchBrowser, login, pdfUji, logout, startApp, type Running } from './harness';

const ANDI = '199203142019031002';
const SARI = '198105102006042003';
const HENDRA = '197912122005011002';
let app: Running;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function isiBaris(page: Page, i: number, materi: string, jp: string) {
  const tahun = await page.locator('input[name="tahun"]').inputValue();
  const row = page.locator('#daftar-baris [data-baris]').nth(i);
  await row.getByLabel('Bentuk Pengembangan').selectOption({ label: 'Pelatihan teknis' });
  await row.getByLabel('JP', { exact: true }).fill(jp);
  await row.getByLabel('Tanggal Pelaksanaan').fill(`${tahun}-03-1${i}`);
  await row.getByLabel('Materi Pengembangan').fill(materi);
  await row.getByLabel('Anggaran yang Dibutuhkan').fill('2.500.000');
  await row.getByLabel('Lembaga Penyelenggara').fill('BPSDM Kemendagri');
  await row.getByLabel('Sumber Dana').selectOption({ label: 'APBD' });
  await row.getByLabel('Alasan Mengikuti Pelatihan').fill('Kebutuhan unit kerja');
}

async function putuskan(page: Page, materi: string, tombol: string, alasan: string) {
  await page.goto(`${app.base}/verifikasi`);
  await page.locator('tr', { hasText: materi }).getByRole('link', { name: 'Lakukan Tindakan' }).click();
  await page.getByLabel(/Alasan keputusan/).fill(alasan);
  await foto(page, `verifikasi-${tombol.slice(0, 10)}`);
  await page.getByRole('button', { name: tombol }).click();
  await page.waitForURL(/\/verifikasi(\?|$)/);
}

describe('journeys', () => {
  it('(a) plan → verify → return → revise → accept → start → report → finished with its JP', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    page.on('dialog', (d) => d.accept());

    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/pengajuan/baru`);
    await page
      .getByRole('link', { name: /Pelatihan Klasikal/ })
      .first()
      .click();
    await page.getByLabel('Jenis Jabatan', { exact: true }).selectOption({ label: 'Fungsional Ahli Pertama' });
    const levels = page.locator('select[name^="skj["]');
    for (let k = 0; k < (await levels.count()); k++) await levels.nth(k).selectOption('1');
    await page.getByLabel('Penilaian Kinerja').fill('84,5');
    await page.getByRole('button', { name: 'Tambah Pelatihan' }).click();
    await isiBaris(page, 0, 'Asesor Kompetensi Alur A', '24');
    await isiBaris(page, 1, 'Analisis Jabatan Alur A', '12');
    await page.getByLabel(/Dengan ini saya menyetujui/).check();
    await foto(page, 'a-rencana');
    await page.getByRole('button', { name: 'Simpan sebagai Konsep' }).click();
    await page.waitForURL(/\/pengajuan\?tahun=/);
    const tahun = new URL(page.url()).searchParams.get('tahun');
    await page.getByRole('button', { name: /Kirim semua konsep/ }).click();
    await expect.poll(() => page.getByText('2 usulan dikirim ke atasan').isVisible()).toBe(true);
    await foto(page, 'a-terkirim');
    await logout(page);

    await login(page, app.base, SARI);
    await putuskan(page, 'Asesor Kompetensi Alur A', 'Verifikasi Pengajuan', 'Sesuai kebutuhan unit.');
    await putuskan(page, 'Analisis Jabatan Alur A', 'Kembalikan ke Pengaju untuk Direvisi Kembali', 'Kurangi JP menjadi 8.');
    await logout(page);

    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/notifikasi`);
    expect(await page.content()).toContain('Kurangi JP menjadi 8.');
    await foto(page, 'a-notifikasi');
    await page.goto(`${app.base}/pengajuan?tahun=${tahun}`);
    const ditolak = page.locator('tr', { hasText: 'Analisis Jabatan Alur A' });
    expect(await ditolak.textContent()).toContain('Kurangi JP menjadi 8.');
    await ditolak.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('JP', { exact: true }).fill('8');
    await page.getByRole('button', { name: 'Simpan Perubahan' }).click();
    await page.waitForURL(/\/pengajuan\/\d+$/);
    await foto(page, 'a-revisi');
    await page.getByRole('link', { name: 'Kirim', exact: true }).click();
    await page.waitForURL(/\/pengajuan\?tahun=/);
    await logout(page);

    await login(page, app.base, SARI);
    await putuskan(page, 'Analisis Jabatan Alur A', 'Verifikasi Pengajuan', 'Sudah direvisi, sesuai.');
    await logout(page);

    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/pengajuan?tahun=${tahun}`);
    await page.locator('tr', { hasText: 'Asesor Kompetensi Alur A' }).getByRole('link', { name: 'Mulai' }).click();
    // with JavaScript the confirmation is a dialog (accepted above), then the form
    await page.getByLabel('Tanggal Mulai').fill(hari(-8));
    await page.getByLabel('Tanggal Selesai').fill(hari(-6));
    await page.getByLabel('Detail Materi Pengembangan').fill('Metode asesmen dan uji kompetensi');
    await page.getByLabel('Tempat Penyelenggara').fill('Jakarta');
    await page.getByLabel('Laporan Kegiatan Dilaksanakan').selectOption('sekali');
    await foto(page, 'a-mulai');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForURL(/\/laporan\/\d+/);
    await page.getByLabel('Laporan Tanggal').fill(hari(-1));
    await page.getByLabel('JP', { exact: true }).fill('24');
    await page.getByLabel('Dengan Sertifikat').check();
    await page.getByLabel('Nomor Sertifikat').fill('SERT/ALUR-A/001');
    await page.getByLabel(/Berkas Sertifikat/).setInputFiles(await pdfUji('sertifikat'));
    await page.getByLabel('Deskripsi').fill('Lulus dengan predikat baik.');
    // "sekali": this report is the final one, as the form says
    expect(await page.content()).toContain('laporan ini adalah laporan akhir');
    await page.getByRole('button', { name: 'Simpan Laporan' }).click();
    await page.waitForLoadState();
    await foto(page, 'a-laporan');
    await page.goto(`${app.base}/?tahun=${tahun}`);
    const isi = await page.content();
    expect(isi).toContain('Terealisasi <strong>24 JP</strong>');
    expect(await page.locator('.kartu-angka', { hasText: 'Kegiatan Selesai' }).locator('.angka').textContent()).toBe('1');
    await foto(page, 'a-dashboard-selesai');
    await ctx.close();
  });

  it('(b) a rekomendasi with two PDFs, accepted by BKPSDM, and the letter downloaded', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    page.on('dialog', (d) => d.accept());
    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/rekomendasi/baru`);
    await page
      .getByRole('link', { name: /Klasikal/ })
      .first()
      .click();
    await page.getByLabel('Nama pelatihan').fill('Pelatihan Alur B');
    await page.getByLabel('Jenis pelatihan').fill('Manajemen Kinerja');
    await page.getByLabel('Lembaga penyelenggara').fill('LAN RI');
    await page.getByLabel('Tanggal mulai').fill(hari(20));
    await page.getByLabel('Tanggal selesai').fill(hari(22));
    await page.locator('input[name="sumber_biaya"][value="pd"]').check();
    await page.getByLabel('Besaran biaya').fill('1.500.000');
    await page.locator('input[name="surat_usulan"]').setInputFiles(await pdfUji('surat-usulan'));
    await page.locator('input[name="surat_pemanggilan"]').setInputFiles(await pdfUji('surat-pemanggilan'));
    await page.getByLabel(/Saya menyatakan/).check();
    await foto(page, 'b-form');
    await page.getByRole('button', { name: 'Kirim ke BKPSDMD' }).click();
    await page.waitForLoadState();
    await foto(page, 'b-terkirim');
    await logout(page);

    await login(page, app.base, HENDRA);
    await page.goto(`${app.base}/bkpsdm/rekomendasi?status=terkirim`);
    await page.getByRole('link', { name: 'Pelatihan Alur B' }).click();
    await page.getByLabel(/Terima/).check();
    await page.getByLabel('Alasan', { exact: true }).fill('Sesuai rencana pengembangan.');
    await foto(page, 'b-keputusan');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.waitForLoadState();
    await logout(page);

    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/rekomendasi?status=diterima`);
    await foto(page, 'b-diterima');
    const href = await page.locator('tr', { hasText: 'Pelatihan Alur B' }).getByRole('link', { name: 'Surat' }).getAttribute('href');
    const res = await page.request.get(`${app.base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await ctx.close();
  });

  it('(c) BKPSDM closes a year and Andi is refused with the explanation', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/pengajuan/baru`);
    const tahun = (await page.locator('h2', { hasText: 'Perencanaan tahun' }).first().textContent())!.match(/\d{4}/)![0];
    await logout(page);

    await login(page, app.base, HENDRA);
    await page.goto(`${app.base}/bkpsdm/periode?tahun=${tahun}`);
    await page.getByLabel('Tahun perencanaan').fill(tahun);
    await page.getByLabel('Batas pengajuan').fill(hari(-1));
    await page.getByLabel(/Alasan perubahan/).fill('Penutupan lebih awal untuk penyusunan rencana provinsi');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.waitForLoadState();
    await foto(page, 'c-periode');
    await logout(page);

    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/pengajuan/baru`);
    expect(await page.content()).toContain('Terkunci sejak');
    await foto(page, 'c-terkunci');
    const res = await page.goto(`${app.base}/pengajuan/baru/klasikal?tahun=${tahun}`);
    expect(res!.status()).toBe(409);
    expect(await page.content()).toContain('sudah terkunci sejak');
    await foto(page, 'c-ditolak');
    await ctx.close();
  });
});
