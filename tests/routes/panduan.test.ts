import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAGIAN_PANDUAN, SUB_BAGIAN, alamatGambar, bagianPanduan, berkasGambar } from '../../src/routes/panduan/bagian';
import { createTestApp, masuk, NIP, TAHUN_UJI, type Agent, type TestApp } from '../helpers/app';

let t: TestApp;
let andi: Agent;
beforeAll(async () => {
  t = await createTestApp();
  andi = await masuk(t.app, NIP.andi);
});
afterAll(() => t.close());

const tanya = (anchor: string | null) =>
  `href="${anchor ? `/panduan#${anchor}` : '/panduan'}" title="Panduan halaman ini" aria-label="Panduan halaman ini"`;

describe('Panduan', () => {
  it('asks for login first', async () => {
    const res = await request(t.app).get('/panduan');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.location).toBe('/login');
  });

  it('has a section with an anchor for every menu, each screenshot lazy with its alt text', async () => {
    const res = await andi.get('/panduan');
    expect(res.status).toBe(200);
    for (const id of [...BAGIAN_PANDUAN.map((b) => b.id), ...SUB_BAGIAN, 'daftar-isi']) expect(res.text, id).toContain(`id="${id}"`);
    for (const b of BAGIAN_PANDUAN) {
      expect(res.text, b.id).toContain(`href="#${b.id}"`);
      if (!b.alt) continue;
      expect(res.text, b.id).toMatch(new RegExp(`<img [^>]*src="${alamatGambar(b.id)}" alt="[^"]{20,}"[^>]* loading="lazy"`));
    }
    // the sections of other roles say whom they are for, and do not offer their pages
    expect(res.text).toContain('Untuk: Petugas BKPSDMD');
    expect(res.text).toContain('Untuk: Admin');
    expect(res.text).toContain('Untuk: Operator unit kerja');
    expect(res.text).not.toContain('href="/bkpsdm/periode"');
    expect(res.text).not.toContain('href="/admin/pegawai"');
    expect(res.text).toContain('href="/laporan">Buka halaman');
    // the menu leads here, and is marked as the current page
    expect(res.text).toMatch(/class="nav-link active" href="\/panduan"/);
  });

  it('offers a role’s pages to that role', async () => {
    const hendra = await masuk(t.app, NIP.hendra);
    const res = await hendra.get('/panduan');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/bkpsdm/periode">Buka halaman');
    expect(res.text).not.toContain('href="/admin/pegawai">Buka halaman');
  });

  it('serves every screenshot, each under 150 KB', async () => {
    for (const b of BAGIAN_PANDUAN.filter((x) => x.alt)) {
      const file = path.resolve(berkasGambar(b.id));
      expect(fs.existsSync(file), file).toBe(true);
      expect(fs.statSync(file).size, file).toBeLessThan(150 * 1024);
    }
    const res = await andi.get(alamatGambar('dashboard'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
  });

  it('puts a "?" link to the page’s own section in every page’s header', async () => {
    const halaman: [Agent, string, string | null][] = [
      [andi, '/', 'dashboard'],
      [andi, `/pengajuan?tahun=${TAHUN_UJI}`, 'daftar-pengajuan'],
      [andi, '/pengajuan/baru', 'pengajuan-baru'],
      [andi, '/laporan', 'laporan'],
      [andi, '/rekomendasi?status=konsep', 'rekomendasi'],
      [andi, '/notifikasi', 'pemberitahuan'],
      [andi, '/akun/password', 'akun'],
      [andi, '/verifikasi', 'verifikasi'],
      [andi, '/panduan', null],
      [andi, '/tidak-ada', null],
      [await masuk(t.app, NIP.hendra), '/bkpsdm/rekap', 'bkpsdm-rekap'],
      [await masuk(t.app, NIP.maya), '/admin/pegawai/import', 'admin-impor'],
    ];
    for (const [a, url, anchor] of halaman) {
      const res = await a.get(url);
      expect(res.status, url).toBe(url === '/tidak-ada' ? 404 : 200);
      expect(res.text, url).toContain(tanya(anchor));
    }
  });

  it('maps each page to its section, and every section it names is on the guide', async () => {
    const contoh: Record<string, string | null> = {
      '/': 'dashboard',
      '/pengajuan/baru/klasikal': 'pengajuan-baru',
      '/pengajuan': 'daftar-pengajuan',
      '/pengajuan/12': 'daftar-pengajuan',
      '/pengajuan/12/edit': 'daftar-pengajuan',
      '/pengajuan/rencana/2027': 'data-rencana',
      '/pengajuan/12/mulai': 'mulai-kegiatan',
      '/laporan/12': 'laporan',
      '/rekomendasi/baru': 'rekomendasi',
      '/notifikasi/': 'pemberitahuan',
      '/akun/password': 'akun',
      '/verifikasi/12': 'verifikasi',
      '/bawahan/3': 'bawahan',
      '/bkpsdm/rekomendasi/4': 'bkpsdm-rekomendasi',
      '/bkpsdm/periode': 'bkpsdm-periode',
      '/bkpsdm/rekap.xlsx': 'bkpsdm-rekap',
      '/bkpsdm/siasn.csv': 'bkpsdm-rekap',
      '/bkpsdm/capaian-jp': 'bkpsdm-capaian',
      '/bkpsdm/plt/2/akhiri': 'bkpsdm-plt',
      '/unit/rekap': 'unit-rekap',
      '/unit/capaian-jp': 'unit-capaian',
      '/unit/surat': 'unit-surat',
      '/admin/pegawai/7': 'admin-pegawai',
      '/admin/pegawai/import': 'admin-impor',
      '/admin/master/instansi': 'admin-master',
      '/admin/master/surat': 'admin-surat',
      '/panduan': null,
      '/pengajuanku': null,
    };
    const res = await andi.get('/panduan');
    for (const [p, anchor] of Object.entries(contoh)) {
      expect(bagianPanduan(p), p).toBe(anchor);
      if (anchor) expect(res.text, anchor).toContain(`id="${anchor}"`);
    }
  });
});

describe('the menu', () => {
  const grup = (html: string, id: string) => new RegExp(`<details class="menu-grup" id="menu-${id}"\\s*open`).test(html);

  it('folds its groups for roles with many of them: the group of the page is open, the others closed', async () => {
    const hendra = await masuk(t.app, NIP.hendra);
    const periode = (await hendra.get('/bkpsdm/periode')).text;
    expect(grup(periode, 'bkpsdm')).toBe(true);
    expect(grup(periode, 'rekomendasi')).toBe(false);
    expect(grup(periode, 'lain')).toBe(false);
    expect(periode).toContain('href="/laporan"'); // still there, one click away
    const beranda = (await hendra.get('/')).text;
    expect(grup(beranda, 'bkpsdm')).toBe(true);
    expect(grup(beranda, 'bangkom')).toBe(true);
  });

  it('keeps every group open for an employee', async () => {
    const html = (await andi.get('/laporan')).text;
    for (const id of ['bangkom', 'rekomendasi', 'lain']) expect(grup(html, id), id).toBe(true);
  });
});
