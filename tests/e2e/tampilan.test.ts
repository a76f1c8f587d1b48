import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, startApp, type Running } from './harness';

// Every page of every demo user, in Chromium:
// - on an office laptop (1280×720, 1366×768) the page never scrolls sideways, no table is wider
//   than its box, every action button is inside the window;
// - axe-core (WCAG 2.1 A/AA rules) finds no serious or critical violation, at 1366×768 and on a
//   phone (390×844). The app's CSP allows no inline script, so the checking context bypasses it.

const HALAMAN: Record<string, string[]> = {
  '': ['/login', '/lupa-password'],
  '199203142019031002': [
    '/',
    '/pengajuan',
    '/pengajuan/baru',
    '/pengajuan/baru/klasikal?tahun=2027',
    '/rekomendasi',
    '/rekomendasi/baru?jalur=klasikal',
    '/laporan',
    '/notifikasi',
    '/verifikasi',
    '/bawahan',
    '/akun/password',
    '/panduan',
  ],
  '198105102006042003': ['/verifikasi', '/bawahan'],
  '197912122005011002': [
    '/',
    '/notifikasi',
    '/bkpsdm/rekomendasi',
    '/bkpsdm/rekap',
    '/bkpsdm/capaian-jp',
    '/bkpsdm/plt',
    '/bkpsdm/periode',
  ],
  '198406062009022001': [
    '/admin/pegawai',
    '/admin/master',
    '/admin/master/instansi',
    '/admin/master/bentuk-pengembangan',
    '/admin/master/surat',
  ],
  '199010102015032001': ['/unit/rekap', '/unit/capaian-jp', '/unit/surat'],
};
const UKURAN = [
  { width: 1280, height: 720, tataLetak: true, axe: false },
  { width: 1366, height: 768, tataLetak: true, axe: true },
  { width: 390, height: 844, tataLetak: false, axe: true },
];
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let app: Running;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function tataLetak(page: Page): Promise<string | null> {
  const r = await page.evaluate(() => {
    const doc = document.documentElement;
    const tabel = [...document.querySelectorAll('.table-responsive')].map((t) => t.scrollWidth - t.clientWidth).filter((d) => d > 2);
    const tombol = [...document.querySelectorAll('#isi .btn')]
      .filter((e) => {
        const b = e.getBoundingClientRect();
        const kotak = e.closest('.table-responsive')?.getBoundingClientRect();
        return b.width > 0 && (b.right > window.innerWidth + 1 || (!!kotak && b.right > kotak.right + 1));
      })
      .map((e) => e.textContent?.trim().slice(0, 20));
    return { halaman: doc.scrollWidth - doc.clientWidth, tabel, tombol };
  });
  return r.halaman > 1 || r.tabel.length || r.tombol.length ? JSON.stringify(r) : null;
}

async function aksesibilitas(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Axe = { run(d: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    const r = await (window as unknown as { axe: Axe }).axe.run(document);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
  });
}

describe('every page', () => {
  // one test per window size (about 30 pages each)
  it.each(UKURAN)('at $width×$height fits with every action visible, and has no serious accessibility violation', async (u) => {
    const salah: string[] = [];
    for (const [nip, urls] of Object.entries(HALAMAN)) {
      const ctx = await browser.newContext({
        viewport: { width: u.width, height: u.height },
        bypassCSP: u.axe,
        locale: 'id-ID',
        timezoneId: 'Asia/Jakarta',
      });
      const page = await ctx.newPage();
      if (nip) await login(page, app.base, nip);
      for (const url of urls) {
        await page.goto(`${app.base}${url}`);
        const ukuran = `${u.width}×${u.height} ${url}`;
        const letak = u.tataLetak ? await tataLetak(page) : null;
        if (letak) salah.push(`${ukuran}: ${letak}`);
        if (u.axe) for (const p of await aksesibilitas(page)) salah.push(`${ukuran}: ${p}`);
      }
      await ctx.close();
    }
    expect(salah).toEqual([]);
  });
});
