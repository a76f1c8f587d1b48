import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { context, foto, hari, launchBrowser, login, pdfUji, startApp, type Running } from './harness';

// Files chosen once survive a form that comes back with errors, and every irreversible send asks
// exactly once, after the form's own checks.

const ANDI = '199203142019031002';
const DEWI = '199507222020122011';
let app: Running;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Every dialog is counted and accepted. */
function hitungDialog(page: Page): string[] {
  const dialog: string[] = [];
  page.on('dialog', (d) => {
    dialog.push(d.message());
    void d.accept();
  });
  return dialog;
}

/** The new-request form, filled except for what `kecuali` names; both letters chosen. */
async function isiRekomendasi(page: Page, nama: string, berkas: { usulan: string; panggil: string }, kecuali: string[] = []) {
  await page.goto(`${app.base}/rekomendasi/baru?jalur=klasikal`);
  if (!kecuali.includes('nama')) await page.getByLabel('Nama pelatihan').fill(nama);
  await page.getByLabel('Jenis pelatihan').fill('Manajemen Kinerja');
  await page.getByLabel('Lembaga penyelenggara').fill('LAN RI');
  await page.getByLabel('Tanggal mulai').fill(hari(20));
  await page.getByLabel('Tanggal selesai').fill(hari(22));
  await page.locator('input[name="sumber_biaya"][value="pd"]').check();
  await page.getByLabel('Besaran biaya').fill('1.500.000');
  await page.locator('input[name="surat_usulan"]').setInputFiles(berkas.usulan);
  await page.locator('input[name="surat_pemanggilan"]').setInputFiles(berkas.panggil);
  if (!kecuali.includes('pernyataan')) await page.getByLabel(/Saya menyatakan/).check();
}

/** Clicks a submit button and returns the status of the page it leads to. */
async function kirim(page: Page, tombol: string): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document'),
    page.getByRole('button', { name: tombol }).click(),
  ]);
  await page.waitForLoadState();
  return res.status();
}

async function samaDenganBerkas(page: Page, href: string, file: string) {
  const res = await page.request.get(`${app.base}${href}`);
  expect(res.status()).toBe(200);
  expect(Buffer.compare(await res.body(), fs.readFileSync(file))).toBe(0);
}

describe('the rekomendasi form keeps its files across a 422', () => {
  it('an empty required field: no question, the 422 names both held files; fixed, Kirim asks once and sends them', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    const dialog = hitungDialog(page);
    await login(page, app.base, ANDI);
    const berkas = { usulan: await pdfUji('usulan-e2e-satu'), panggil: await pdfUji('pemanggilan-e2e-satu') };
    await isiRekomendasi(page, '', berkas, ['nama']);

    // the form is not valid yet: it goes to the server without asking
    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(422);
    expect(dialog).toEqual([]);
    await expect.poll(() => page.getByText('Nama pelatihan wajib diisi').first().isVisible()).toBe(true);
    const isi = await page.content();
    expect(isi).toContain('Berkas sudah diunggah: <strong class="text-break">usulan-e2e-satu.pdf</strong>');
    expect(isi).toContain('Berkas sudah diunggah: <strong class="text-break">pemanggilan-e2e-satu.pdf</strong>');
    // the other fields are kept; the file inputs wait behind "ganti?"
    expect(await page.getByLabel('Lembaga penyelenggara').inputValue()).toBe('LAN RI');
    expect(await page.locator('input[name="surat_usulan"]').isVisible()).toBe(false);
    await foto(page, 'tertahan-422');

    await page.getByLabel('Nama pelatihan').fill('Pelatihan Berkas Tertahan');
    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(303);
    await page.waitForURL(/\/rekomendasi\/\d+$/);
    expect(dialog).toHaveLength(1);
    expect(dialog[0]).toContain('Kirim pengajuan rekomendasi ini ke BKPSDMD?');
    await expect.poll(() => page.getByText('telah dikirim ke BKPSDMD').first().isVisible()).toBe(true);
    const id = /\/rekomendasi\/(\d+)$/.exec(page.url())![1];
    await samaDenganBerkas(page, `/rekomendasi/${id}/berkas/surat_usulan`, berkas.usulan);
    await samaDenganBerkas(page, `/rekomendasi/${id}/berkas/surat_pemanggilan`, berkas.panggil);
    await foto(page, 'tertahan-terkirim');
    await ctx.close();
  });

  it('an error only the server finds: Kirim asked once, the page keeps the answer and the files; sent without asking again', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    const dialog = hitungDialog(page);
    await login(page, app.base, DEWI);
    const berkas = { usulan: await pdfUji('usulan-e2e-dua'), panggil: await pdfUji('pemanggilan-e2e-dua') };
    await isiRekomendasi(page, 'Pelatihan Dewi Tertahan', berkas, ['pernyataan']);

    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(422);
    expect(dialog).toHaveLength(1);
    await expect.poll(() => page.getByText('Centang pernyataan sebelum mengirim').first().isVisible()).toBe(true);
    expect(await page.content()).toContain('usulan-e2e-dua.pdf');

    await page.getByLabel(/Saya menyatakan/).check();
    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(303);
    await page.waitForURL(/\/rekomendasi\/\d+$/);
    expect(dialog).toHaveLength(1);
    const id = /\/rekomendasi\/(\d+)$/.exec(page.url())![1];
    await samaDenganBerkas(page, `/rekomendasi/${id}/berkas/surat_pemanggilan`, berkas.panggil);

    // "Simpan sebagai konsep" never asks
    await isiRekomendasi(page, 'Konsep Dewi', berkas);
    expect(await kirim(page, 'Simpan sebagai konsep')).toBe(303);
    expect(dialog).toHaveLength(1);
    await ctx.close();
  });

  it('without JavaScript: the held file is offered, another may be chosen under "ganti?", and Kirim sends', async () => {
    const ctx = await context(browser, { javaScript: false });
    const page = await ctx.newPage();
    await login(page, app.base, ANDI);
    const berkas = { usulan: await pdfUji('usulan-e2e-nojs'), panggil: await pdfUji('pemanggilan-e2e-nojs') };
    await isiRekomendasi(page, '', berkas, ['nama']);
    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(422);
    expect(await page.content()).toContain('pemanggilan-e2e-nojs.pdf');
    // replace one file: open "ganti?" and choose another
    const pengganti = await pdfUji('usulan-e2e-pengganti');
    await page.locator('summary', { hasText: 'usulan-e2e-nojs.pdf' }).click();
    await page.locator('input[name="surat_usulan"]').setInputFiles(pengganti);
    await page.getByLabel('Nama pelatihan').fill('Pelatihan Tanpa JavaScript');
    expect(await kirim(page, 'Kirim ke BKPSDMD')).toBe(303);
    await page.waitForURL(/\/rekomendasi\/\d+$/);
    const id = /\/rekomendasi\/(\d+)$/.exec(page.url())![1];
    await samaDenganBerkas(page, `/rekomendasi/${id}/berkas/surat_usulan`, pengganti);
    await samaDenganBerkas(page, `/rekomendasi/${id}/berkas/surat_pemanggilan`, berkas.panggil);
    await ctx.close();
  });
});

describe('the report form', () => {
  it('the final report asks once, after validation; the certificate survives both 422s', async () => {
    const ctx = await context(browser);
    const page = await ctx.newPage();
    const dialog = hitungDialog(page);
    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/laporan`);
    await page.locator('tr', { hasText: 'Pengenalan bahasa pemrograman' }).getByRole('link').first().click();
    await page.waitForURL(/\/laporan\/\d+$/);
    const id = /\/laporan\/(\d+)$/.exec(page.url())![1];
    const sertifikat = await pdfUji('sertifikat-e2e');
    await page.getByLabel('Dengan Sertifikat').check();
    await page.getByLabel('Nomor Sertifikat').fill('SERT/E2E/1');
    await page.getByLabel(/Berkas Sertifikat/).setInputFiles(sertifikat);

    // JP empty: not valid, no question
    expect(await kirim(page, 'Simpan Laporan')).toBe(422);
    expect(dialog).toEqual([]);
    expect(await page.content()).toContain('Berkas sudah diunggah: <strong class="text-break">sertifikat-e2e.pdf</strong>');

    // too many JP: only the server knows; asked once, the answer is kept with the file
    await page.getByLabel('JP', { exact: true }).fill('999');
    expect(await kirim(page, 'Simpan Laporan')).toBe(422);
    expect(dialog).toHaveLength(1);
    expect(dialog[0]).toContain('laporan akhir');
    await expect.poll(() => page.getByText('JP melebihi batas').first().isVisible()).toBe(true);
    expect(await page.content()).toContain('sertifikat-e2e.pdf');

    await page.getByLabel('JP', { exact: true }).fill('10');
    expect(await kirim(page, 'Simpan Laporan')).toBe(303);
    expect(dialog).toHaveLength(1);
    await expect.poll(() => page.getByText('Kegiatan ini sekarang Selesai').first().isVisible()).toBe(true);
    const href = await page.getByRole('link', { name: 'Unduh sertifikat' }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^/laporan/${id}/sertifikat/\\d+$`));
    await samaDenganBerkas(page, href!, sertifikat);
    await foto(page, 'tertahan-laporan-selesai');
    await ctx.close();
  });
});
