import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';

let t: TestApp;
let sari: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T03:00:00Z' });
  sari = await masuk(t.app, NIP.sari);
});
afterAll(() => t.close());

/** The table row of one subordinate, as text. */
function baris(html: string, nama: string): string {
  const i = html.indexOf(nama);
  expect(i, nama).toBeGreaterThan(-1);
  return html
    .slice(i, html.indexOf('</tr>', i))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('GET /bawahan', () => {
  it('lists direct subordinates with items by status and JP planned and realised against 20 JP', async () => {
    const res = await sari.get('/bawahan');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Bawahan Langsung');
    expect(res.text).not.toContain('Fajar Nugroho');
    // Andi 2026: selesai 40 JP (reported 40), berjalan 20, diterima 10, ditolak 1, dikirim 1
    const andi = baris(res.text, 'Andi Pratama');
    expect(andi).toMatch(/ 1 1 1 1 1 70 40 \/ 20 JP tercapai/);
    // Dewi 2026: 2 dikirim, selesai 4 JP reported
    const dewi = baris(res.text, 'Dewi Lestari');
    expect(dewi).toMatch(/ 2 0 0 0 1 4 4 \/ 20 JP /);
    expect(res.text).toContain('progress-bar');
  });

  it('shows another year, and ignores a garbage year', async () => {
    const lalu = await sari.get('/bawahan?tahun=2025');
    expect(baris(lalu.text, 'Andi Pratama')).toMatch(/10 \/ 20 JP/);
    for (const q of ['?tahun=abc', '?tahun[]=2025', '?tahun=99999']) {
      const res = await sari.get('/bawahan' + q);
      expect(res.status, q).toBe(200);
      expect(baris(res.text, 'Andi Pratama')).toMatch(/40 \/ 20 JP/);
    }
  });

  it('tells someone without subordinates so', async () => {
    const andi = await masuk(t.app, NIP.andi);
    const res = await andi.get('/bawahan');
    expect(res.status).toBe(200);
    expect(res.text).toContain('tidak memiliki bawahan langsung');
  });
});

describe('GET /bawahan/:pegawaiId', () => {
  it("lists a direct subordinate's items of the year, without drafts", async () => {
    const andi = await idPegawai(t.knex, NIP.andi);
    const res = await sari.get(`/bawahan/${andi}?tahun=2026`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Pembentukan Asesor Kompetensi');
    expect(res.text).toContain('Bimbingan teknis SIASN');
    expect(res.text).not.toContain('Seminar kepemimpinan ASN'); // konsep
    expect(res.text).toContain('Lakukan Tindakan');
  });

  it('answers 404 for anyone else', async () => {
    const andi = await idPegawai(t.knex, NIP.andi);
    const fajar = await idPegawai(t.knex, NIP.fajar);
    expect((await sari.get(`/bawahan/${fajar}`)).status).toBe(404);
    const hendra = await masuk(t.app, NIP.hendra);
    expect((await hendra.get(`/bawahan/${andi}`)).status).toBe(404); // not direct
    for (const u of ['/bawahan/abc', '/bawahan/99999999999', '/bawahan/-1']) expect((await sari.get(u)).status, u).toBe(404);
  });
});
