import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { context, foto, launchBrowser, login, startApp, type Running } from './harness';

const ANDI = '199203142019031002';
let app: Running;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Fills the SKJ table, the e-mail is prefilled; the performance score and one training row i. */
async function isiRencana(page: Page, baris: { i: number; materi: string; jp: string }[]) {
  await page.getByLabel('Jenis Jabatan', { exact: true }).selectOption({ label: 'Fungsional Ahli Pertama' });
  const levels = page.locator('select[name^="skj["]');
  for (let k = 0; k < (await levels.count()); k++) await levels.nth(k).selectOption('1');
  await page.getByLabel('Penilaian Kinerja').fill('87,5');
  const tahun = await page.locator('input[name="tahun"]').inputValue();
  for (const b of baris) {
    const row = page.locator('[data-baris]').nth(b.i);
    await row.getByLabel('Bentuk Pengembangan').selectOption({ label: 'Pelatihan teknis' });
    await row.getByLabel('JP', { exact: true }).fill(b.jp);
    await row.getByLabel('Tanggal Pelaksanaan').fill(`${tahun}-06-0${b.i + 1}`);
    await row.getByLabel('Materi Pengembangan').fill(b.materi);
    await row.getByLabel('Anggaran yang Dibutuhkan').fill('2.500.000');
    await row.getByLabel('Lembaga Penyelenggara').fill('BPSDM Kemendagri');
    await row.getByLabel('Sumber Dana').selectOption({ label: 'APBD' });
    await row.getByLabel('Alasan Mengikuti Pelatihan').fill('Menutup kesenjangan kompetensi');
  }
}

describe('the plan form', () => {
  it('works without JavaScript: rows are added with the Tambah Pelatihan button', async () => {
    const ctx = await context(browser, { javaScript: false });
    const page = await ctx.newPage();
    await login(page, app.base, ANDI);
    await page.getByRole('link', { name: 'Pengajuan Baru' }).first().click();
    await page
      .getByRole('link', { name: /Pelatihan Klasikal/ })
      .first()
      .click();
    await foto(page, 'nojs-form-kosong');
    await page.getByRole('button', { name: 'Tambah Pelatihan' }).click();
    await expect.poll(() => page.locator('[data-baris]').count()).toBe(2);
    await isiRencana(page, [
      { i: 0, materi: 'Analisis Kebutuhan Pelatihan tanpa JS', jp: '24' },
      { i: 1, materi: 'Penyusunan Kurikulum tanpa JS', jp: '16' },
    ]);
    // Forgetting the agreement gives the message and keeps everything typed.
    await page.getByRole('button', { name: 'Simpan sebagai Konsep' }).click();
    await expect.poll(() => page.getByText('Centang pernyataan persetujuan').first().isVisible()).toBe(true);
    expect(await page.locator('[data-baris]').nth(1).getByLabel('Materi Pengembangan').inputValue()).toBe('Penyusunan Kurikulum tanpa JS');
    await foto(page, 'nojs-form-galat');
    await page.getByLabel(/Dengan ini saya menyetujui/).check();
    await page.getByRole('button', { name: 'Simpan sebagai Konsep' }).click();
    await page.waitForURL(/\/pengajuan\?tahun=/);
    await expect.poll(() => page.getByText('2 usulan disimpan sebagai konsep').isVisible()).toBe(true);
    expect(await page.content()).toContain('Penyusunan Kurikulum tanpa JS');
    await foto(page, 'nojs-daftar');
    // Kirim without JavaScript goes through the confirmation page.
    await page.getByRole('link', { name: 'Kirim', exact: true }).first().click();
    await foto(page, 'nojs-konfirmasi-kirim');
    await page.getByRole('button', { name: 'Ya, kirim' }).click();
    await expect.poll(() => page.getByText('dikirim ke atasan').first().isVisible()).toBe(true);
    await ctx.close();
  });

  it('works at phone size with JavaScript: add a row, save and send with one confirmation, after validation', async () => {
    const ctx = await context(browser, { phone: true });
    const page = await ctx.newPage();
    const dialog: string[] = [];
    page.on('dialog', (d) => {
      dialog.push(d.message());
      void d.accept();
    });
    await login(page, app.base, ANDI);
    await foto(page, 'hp-dashboard');
    await page.goto(`${app.base}/pengajuan/baru`);
    await foto(page, 'hp-pengajuan-baru');
    await page
      .getByRole('link', { name: /Pelatihan Klasikal/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Tambah Pelatihan' }).click();
    await expect.poll(() => page.locator('#daftar-baris [data-baris]').count()).toBe(2);
    await isiRencana(page, [
      { i: 0, materi: 'Manajemen Talenta di HP', jp: '20' },
      { i: 1, materi: 'Coaching di HP', jp: '8' },
    ]);
    await expect.poll(() => page.locator('[data-prioritas]').textContent()).toContain('Saran prioritas');
    // Not valid yet (the agreement is not ticked): no question, the errors come first.
    await page.getByRole('button', { name: 'Simpan dan Kirim ke Atasan' }).click();
    await expect.poll(() => page.getByText('Centang pernyataan persetujuan').first().isVisible()).toBe(true);
    expect(dialog).toEqual([]);
    await page.getByLabel(/Dengan ini saya menyetujui/).check();
    await foto(page, 'hp-form-terisi');
    await page.getByRole('button', { name: 'Simpan dan Kirim ke Atasan' }).click();
    await page.waitForURL(/\/pengajuan\?tahun=/);
    expect(dialog).toHaveLength(1);
    expect(dialog[0]).toContain('kirim pelatihan ini ke atasan');
    await expect
      .poll(() => page.getByText(/2 usulan (disimpan|ditambahkan ke rencana tahun \d+) dan dikirim ke atasan/).isVisible())
      .toBe(true);
    for (const materi of ['Manajemen Talenta di HP', 'Coaching di HP'])
      await expect.poll(() => page.locator('tr', { hasText: materi }).textContent()).toContain('Proses Verifikasi');
    await foto(page, 'hp-daftar-terkirim');
    await ctx.close();
  });
});
