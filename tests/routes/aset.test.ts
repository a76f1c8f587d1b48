import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biner, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
// @ts-expect-error: a plain .mjs script without types
import { ikonDipakai } from '../../scripts/ikon.mjs';
import ejs from 'ejs';
import { siapkanTemplate } from '../../src/app/tampilan';

// The first load: fingerprinted assets cached for a year, text compressed, only the icons used.

let t: TestApp;
let andi: Agent;
const CACHE_ABADI = 'public, max-age=31536000, immutable';
const ASAL: Record<string, string> = { '/static/': 'public/', '/vendor/bootstrap/': 'node_modules/bootstrap/dist/' };

/** The file on disk behind a fingerprinted URL. */
function berkasDari(url: string): Buffer {
  const polos = url.replace(/\.[0-9a-f]{10}(\.[a-z]+)$/, '$1');
  const [prefix, folder] = Object.entries(ASAL).find(([p]) => polos.startsWith(p))!;
  return fs.readFileSync(path.join(folder, polos.slice(prefix.length)));
}

function tautan(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/(?:static|vendor)\/[^"]+)"/g)].map((m) => m[1]!);
}

beforeAll(async () => {
  t = await createTestApp();
  andi = await masuk(t.app, NIP.andi);
});
afterAll(() => t.close());

describe('aset', () => {
  it('links every asset of the layout by a fingerprinted URL, and no icon font', async () => {
    const res = await andi.get('/');
    expect(res.status).toBe(200);
    const urls = tautan(res.text);
    expect(urls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/vendor\/bootstrap\/css\/bootstrap\.min\.[0-9a-f]{10}\.css$/),
        expect.stringMatching(/^\/vendor\/bootstrap\/js\/bootstrap\.bundle\.min\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/static\/css\/ikon\.[0-9a-f]{10}\.css$/),
        expect.stringMatching(/^\/static\/css\/app\.[0-9a-f]{10}\.css$/),
        expect.stringMatching(/^\/static\/js\/app\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/static\/img\/logo\.[0-9a-f]{10}\.svg$/),
      ]),
    );
    for (const u of urls) expect(u, u).toMatch(/\.[0-9a-f]{10}\.[a-z]+$/);
    expect(res.text).not.toContain('bootstrap-icons');
    // the login page and the pages with their own script too
    expect(tautan((await request(t.app).get('/login')).text).length).toBeGreaterThanOrEqual(6);
    const form = await andi.get('/pengajuan/baru/klasikal?tahun=2027');
    expect(form.text).toMatch(/src="\/static\/js\/rencana\.[0-9a-f]{10}\.js"/);
  });

  it('answers a fingerprinted URL with the file, its type and a cache of a year', async () => {
    const urls = tautan((await andi.get('/')).text);
    const jenis: [RegExp, string][] = [
      [/\.css$/, 'text/css; charset=utf-8'],
      [/\.js$/, 'text/javascript; charset=utf-8'],
      [/\.svg$/, 'image/svg+xml'],
    ];
    for (const u of urls) {
      const res = await request(t.app).get(u).set('Accept-Encoding', 'identity').buffer(true).parse(biner);
      expect(res.status, u).toBe(200);
      expect(res.headers['cache-control'], u).toBe(CACHE_ABADI);
      expect(res.headers['content-type'], u).toBe(jenis.find(([r]) => r.test(u))![1]);
      expect(res.headers['content-encoding'], u).toBeUndefined();
      expect(Number(res.headers['content-length']), u).toBe(berkasDari(u).length);
      expect((res.body as Buffer).equals(berkasDari(u)), u).toBe(true);
      // asked again with its ETag: nothing to send
      const lagi = await request(t.app)
        .get(u)
        .set('If-None-Match', res.headers.etag as string);
      expect(lagi.status, u).toBe(304);
    }
  });

  it('compresses HTML, CSS and JS with brotli or gzip when the browser accepts it', async () => {
    const urls = tautan((await andi.get('/')).text).filter((u) => /\.(css|js)$/.test(u));
    for (const u of urls) {
      for (const enc of ['br', 'gzip']) {
        const res = await request(t.app).get(u).set('Accept-Encoding', `gzip, deflate, ${enc}`).buffer(true).parse(biner);
        expect(res.headers['content-encoding'], `${u} ${enc}`).toBe(enc === 'br' ? 'br' : 'gzip');
        expect(res.headers.vary, u).toMatch(/Accept-Encoding/);
        // supertest decompressed it: the same bytes as the file
        expect((res.body as Buffer).equals(berkasDari(u)), u).toBe(true);
      }
    }
    for (const enc of ['br', 'gzip']) {
      const page = await andi.get('/').set('Accept-Encoding', enc);
      expect(page.headers['content-encoding'], enc).toBe(enc);
      expect(page.text).toContain('</html>');
      const login = await request(t.app).get('/login').set('Accept-Encoding', enc);
      expect(login.headers['content-encoding'], enc).toBe(enc);
    }
    expect((await andi.get('/').set('Accept-Encoding', 'identity')).headers['content-encoding']).toBeUndefined();
  });

  it('keeps the plain URLs working with a short cache, and an old fingerprint without the long one', async () => {
    for (const u of ['/static/css/app.css', '/vendor/bootstrap/css/bootstrap.min.css', '/vendor/bootstrap-icons/bootstrap-icons.min.css']) {
      const res = await request(t.app).get(u);
      expect(res.status, u).toBe(200);
      expect(res.headers['cache-control'], u).not.toContain('immutable');
    }
    const lama = await request(t.app).get('/static/css/app.0123456789.css');
    expect(lama.status).toBe(200);
    expect(lama.headers['cache-control']).toBe('no-cache');
    expect((await request(t.app).get('/static/css/tidak-ada.0123456789.css')).status).toBe(404);
    expect((await request(t.app).get('/static/%2e%2e/package.0123456789.json')).status).toBe(404);
  });

  it('sends a PDF as it is: not recompressed, its length right', async () => {
    const [row] = await t.knex('rincian').where({ pegawai_id: await idPegawai(t.knex, NIP.andi) });
    const pdf = await andi.get(`/pengajuan/${row!.id}/formulir.pdf`).set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(biner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-encoding']).toBeUndefined();
    const body = pdf.body as Buffer;
    expect(String(body.subarray(0, 5))).toBe('%PDF-');
    expect(String(body.subarray(-6))).toContain('%%EOF');
    if (pdf.headers['content-length']) expect(Number(pdf.headers['content-length'])).toBe(body.length);
  });

  it('has in ikon.css every Bootstrap icon a view, script or module uses (node scripts/ikon.mjs)', () => {
    const css = fs.readFileSync('public/css/ikon.css', 'utf8');
    const ada = new Set([...css.matchAll(/^\.bi-([a-z0-9-]+)\{--bi:url\(/gm)].map((m) => m[1]));
    const dipakai = ikonDipakai() as string[];
    expect(dipakai.length).toBeGreaterThan(50);
    expect(dipakai.filter((n) => !ada.has(n))).toEqual([]);
    // every icon is a real one (no typo renders an empty square)
    for (const n of dipakai) expect(fs.existsSync(`node_modules/bootstrap-icons/icons/${n}.svg`), n).toBe(true);
  });

  it('compiles every view as the app does (its data names declared up front, no `with`), and reads a name given or not', () => {
    const semua = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? semua(path.join(d, e.name)) : [path.join(d, e.name)]));
    const views = semua('views').filter((f) => f.endsWith('.ejs'));
    expect(views.length).toBeGreaterThan(40);
    for (const f of views)
      expect(() => ejs.compile(siapkanTemplate(fs.readFileSync(f, 'utf8')), { _with: false, localsName: 'locals' }), f).not.toThrow();
    const t = siapkanTemplate(
      "<% const n = 2; %><%= typeof judul === 'undefined' ? '-' : judul %> <%= items.map((i) => i.nama).join() %> <%= Math.max(n, x) %>",
    );
    // every identifier of the code but properties and globals; the template's own (n, i) shadow theirs
    expect(t).toMatch(/^<% var n = locals\.n, judul = locals\.judul, items = locals\.items, i = locals\.i, x = locals\.x; \{ %>/);
    const tampil = ejs.compile(t, { _with: false, localsName: 'locals' });
    expect(tampil({ items: [{ nama: 'A' }, { nama: 'B' }], x: 1 })).toBe('- A,B 2');
    expect(tampil({ items: [], x: 5, judul: 'J' })).toBe('J  5');
  });
});
