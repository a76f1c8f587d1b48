import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BAGIAN_PANDUAN, GAMBAR, berkasGambar } from '../../src/routes/panduan/bagian';
import { TAHUN_UJI } from '../helpers/waktu';
import { launchBrowser, login, startApp, type Running } from './harness';

// The screenshots of the guide (/panduan): each section's page as a demo user sees it, at 1366×768
// (the window only, not the whole page), written to public/img/panduan/<section>.jpg, which the
// app serves and the repository keeps. Run this file again after a page changes its look.

const ANDI = '199203142019031002';
const SARI = '198105102006042003';
const HENDRA = '197912122005011002';
const MAYA = '198406062009022001';
const LINA = '199010102015032001';

/** section → who is logged in and which page is shown */
const CONTOH: Record<string, [nip: string, url: string]> = {
  dashboard: [ANDI, '/'],
  'pengajuan-baru': [ANDI, '/pengajuan/baru'],
  'daftar-pengajuan': [ANDI, `/pengajuan?tahun=${TAHUN_UJI}`],
  laporan: [ANDI, '/laporan'],
  rekomendasi: [ANDI, '/rekomendasi'],
  pemberitahuan: [ANDI, '/notifikasi'],
  akun: [ANDI, '/akun/password'],
  verifikasi: [SARI, '/verifikasi'],
  bawahan: [SARI, '/bawahan'],
  'bkpsdm-rekomendasi': [HENDRA, '/bkpsdm/rekomendasi'],
  'bkpsdm-periode': [HENDRA, '/bkpsdm/periode'],
  'bkpsdm-rekap': [HENDRA, `/bkpsdm/rekap?tahun=${TAHUN_UJI}`],
  'bkpsdm-capaian': [HENDRA, `/bkpsdm/capaian-jp?tahun=${TAHUN_UJI}`],
  'bkpsdm-plt': [HENDRA, '/bkpsdm/plt'],
  'unit-rekap': [LINA, `/unit/rekap?tahun=${TAHUN_UJI}`],
  'unit-capaian': [LINA, `/unit/capaian-jp?tahun=${TAHUN_UJI}`],
  'unit-surat': [LINA, '/unit/surat'],
  'admin-pegawai': [MAYA, '/admin/pegawai'],
  'admin-impor': [MAYA, '/admin/pegawai/import'],
  'admin-master': [MAYA, '/admin/master'],
  'admin-surat': [MAYA, '/admin/master/surat'],
};
const MAKS_BYTE = 150 * 1024;

let app: Running;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('screenshots of the guide', () => {
  it('names a page for every section that has a screenshot', () => {
    const bergambar = BAGIAN_PANDUAN.filter((b) => b.alt).map((b) => b.id);
    expect(Object.keys(CONTOH).sort()).toEqual([...bergambar].sort());
  });

  it('takes each section’s page at 1366×768, small enough to serve', async () => {
    const perAkun = new Map<string, [string, string][]>();
    for (const [id, [nip, url]] of Object.entries(CONTOH)) perAkun.set(nip, [...(perAkun.get(nip) ?? []), [id, url]]);
    const ukuran: Record<string, number> = {};
    for (const [nip, daftar] of perAkun) {
      const ctx = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'id-ID',
        timezoneId: 'Asia/Jakarta',
        reducedMotion: 'reduce',
      });
      const page = await ctx.newPage();
      await login(page, app.base, nip);
      for (const [id, url] of daftar) {
        const res = await page.goto(`${app.base}${url}`, { waitUntil: 'networkidle' });
        expect(res?.status(), url).toBe(200);
        // charts draw after load
        if (await page.locator('canvas').count()) await page.waitForTimeout(800);
        const file = path.resolve(berkasGambar(id));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({
          path: file,
          type: GAMBAR.type,
          quality: GAMBAR.quality,
          fullPage: false,
          animations: 'disabled',
          caret: 'hide',
        });
        ukuran[id] = fs.statSync(file).size;
      }
      await ctx.close();
    }
    const besar = Object.entries(ukuran).filter(([, n]) => n > MAKS_BYTE);
    expect(besar, 'screenshots over 150 KB').toEqual([]);
  });

  it('leads from a page’s "?" to its section, on a phone too', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', reducedMotion: 'reduce' });
    const page = await ctx.newPage();
    await login(page, app.base, ANDI);
    await page.goto(`${app.base}/laporan`);
    await page.getByRole('link', { name: 'Panduan halaman ini' }).click();
    await page.waitForURL((u) => u.pathname === '/panduan' && u.hash === '#laporan');
    const r = await page.evaluate(() => ({
      atas: document.getElementById('j-laporan')!.getBoundingClientRect().top,
      lebih: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    expect(r.atas).toBeGreaterThan(0);
    expect(r.atas).toBeLessThan(200);
    expect(r.lebih).toBe(0);
    const gambar = page.locator('#laporan figure img');
    await gambar.scrollIntoViewIfNeeded();
    await expect.poll(() => gambar.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1366);
    await ctx.close();
  });
});
