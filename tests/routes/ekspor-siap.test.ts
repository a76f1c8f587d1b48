// The exports are kept ready: built once per version of the data, stored for every process, sent
// with an ETag (304 when the browser's copy is current), built again by the worker after the data
// has changed, and never older than the data a request reads.
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biner, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { findVersiRekap } from '../../src/data/rekap';
import { JENIS_EKSPOR } from '../../src/domain/ekspor';
import { startWorker } from '../../src/jobs';

const LINA = '199010102015032001'; // operator of Dinas Pendidikan

let t: TestApp;
let hendra: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

async function unduh(a: Agent, url: string, etag?: string) {
  const req = a.get(url).buffer(true).parse(biner);
  return etag ? req.set('If-None-Match', etag) : req;
}

async function barisRincian(isi: ArrayBuffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(isi);
  return wb.getWorksheet('Rincian')!.actualRowCount - 1;
}

const versiKini = async () => (await findVersiRekap(t.knex, 2026)).versi;

/** A write to Andi's items of 2026 that changes nothing but moves the data version. */
async function ubahData() {
  const andi = await idPegawai(t.knex, NIP.andi);
  await t
    .knex('rincian')
    .where({ pegawai_id: andi, tahun: 2026 })
    .update({ materi: t.knex.raw('materi') });
}

/** A worker that runs only when told (tick) and builds the exports without waiting out the pace. */
const workerUji = (senggang?: (ms: number) => boolean) =>
  startWorker({ db: t.knex, clock: t.clock, config: t.config }, pino({ level: 'silent' }), {
    intervalMs: 3_600_000,
    jedaEksporMs: 0,
    ...(senggang ? { senggang } : {}),
  });
const tersimpan = (jenis: string, tahun: number, instansi_id = 0) => t.knex('ekspor').where({ jenis, tahun, instansi_id }).first();

describe('a stored export', () => {
  it('is sent with its ETag, revalidated every time, and 304 when the browser has it', async () => {
    const a = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026');
    expect(a.status).toBe(200);
    expect(a.headers['cache-control']).toBe('private, no-cache');
    expect(a.headers['content-length']).toBe(String((a.body as Buffer).length));
    expect(a.headers['transfer-encoding']).toBeUndefined();
    const etag = a.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    const row = (await tersimpan('rekap.xlsx', 2026))!;
    expect(row.versi).toBe(await versiKini());
    expect(Buffer.compare(row.isi!, a.body as Buffer)).toBe(0);

    const b = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026');
    expect(b.headers.etag).toBe(etag);
    expect(Buffer.compare(b.body as Buffer, a.body as Buffer)).toBe(0);

    const c = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026', etag);
    expect(c.status).toBe(304);
    expect(c.headers.etag).toBe(etag);
    expect((c.body as Buffer | undefined)?.length ?? 0).toBe(0);
    expect((await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026', `"lain", W/${etag}`)).status).toBe(304);
    expect((await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026', '"lain"')).status).toBe(200);

    for (const url of ['/bkpsdm/rekap.pdf', '/bkpsdm/capaian-jp.xlsx', '/bkpsdm/siasn.csv', '/bkpsdm/siasn.xlsx']) {
      const r = await unduh(hendra, `${url}?tahun=2026`);
      expect(r.status, url).toBe(200);
      expect((await unduh(hendra, `${url}?tahun=2026`, r.headers.etag as string)).status, url).toBe(304);
    }
  });

  it('is never older than the data: an item accepted shows in the next download', async () => {
    const a = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026');
    const baris = await barisRincian(a.body as ArrayBuffer);
    const fajar = await idPegawai(t.knex, NIP.fajar);
    const item = await t.knex('rincian').where({ pegawai_id: fajar, tahun: 2026, status: 'dikirim' }).first('id');
    const rudi = await masuk(t.app, NIP.rudi);
    const res = await rudi
      .post(`/verifikasi/${item!.id}`)
      .type('form')
      .send({ _csrf: rudi.csrf, keputusan: 'terima', alasan: 'Sesuai kebutuhan unit.' });
    expect(res.status).toBe(303);

    // the browser's copy is no longer current: the new file, not a 304
    const b = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026', a.headers.etag as string);
    expect(b.status).toBe(200);
    expect(b.headers.etag).not.toBe(a.headers.etag);
    expect(await barisRincian(b.body as ArrayBuffer)).toBe(baris + 1);
    expect((await tersimpan('rekap.xlsx', 2026))!.versi).toBe(await versiKini());
  });

  it('is built by the worker after a change, so the first download after it builds nothing', async () => {
    await ubahData();
    expect((await tersimpan('rekap.xlsx', 2026))!.versi).not.toBe(await versiKini());

    const w = workerUji();
    await w.tick();
    await w.stop();
    // the tick's daily jobs write too (pengaturan): the files follow the version after them
    const versi = await versiKini();
    for (const tahun of [2026, 2025]) {
      for (const jenis of JENIS_EKSPOR) expect((await tersimpan(jenis, tahun))?.versi, `${jenis} ${tahun}`).toBe(versi);
    }

    const sql: string[] = [];
    const catat = (q: { sql: string }) => sql.push(q.sql);
    t.knex.on('query', catat);
    try {
      for (const jenis of JENIS_EKSPOR) expect((await unduh(hendra, `/bkpsdm/${jenis}?tahun=2026`)).status, jenis).toBe(200);
    } finally {
      t.knex.off('query', catat);
    }
    expect(sql.filter((s) => /ekspor/.test(s) && /insert|update/i.test(s))).toEqual([]);
    // nothing reads the items (the session's query with the menu counters aside)
    expect(sql.filter((s) => /\brincian\b/.test(s) && !/\bsessions\b/.test(s))).toEqual([]);
  });

  it('waits while the app is busy: users come first, the files follow when it is idle', async () => {
    await ubahData();
    let sibuk = true;
    const ditanya: number[] = [];
    const w = workerUji((ms) => (ditanya.push(ms), !sibuk));
    try {
      await w.tick();
      expect(ditanya.length).toBeGreaterThan(0);
      expect(
        ditanya.every((ms) => ms >= 1000),
        'idle means a quiet spell, not a gap between two requests',
      ).toBe(true);
      const versi = await versiKini();
      for (const jenis of JENIS_EKSPOR) expect((await tersimpan(jenis, 2026))?.versi, jenis).not.toBe(versi);
      sibuk = false;
      await w.tick();
      for (const jenis of JENIS_EKSPOR) expect((await tersimpan(jenis, 2026))?.versi, jenis).toBe(await versiKini());
    } finally {
      await w.stop();
    }
  });

  it('gives an operator only her unit, stored apart from the province', async () => {
    const lina = await masuk(t.app, LINA);
    const disdik = (await t.knex('instansi').where({ kode: 'disdik' }).first('id'))!.id as number;
    const provinsi = await unduh(hendra, '/bkpsdm/rekap.xlsx?tahun=2026');
    const milik = await unduh(lina, '/unit/rekap.xlsx?tahun=2026&instansi=bkpsdmd', provinsi.headers.etag as string);
    expect(milik.status).toBe(200);
    expect(milik.headers['content-disposition']).toContain('rekap-bangkom-2026-disdik.xlsx');
    expect(milik.headers.etag).not.toBe(provinsi.headers.etag);
    expect((await tersimpan('rekap.xlsx', 2026, disdik))?.etag).toBe(milik.headers.etag);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(milik.body as ArrayBuffer);
    const teks = JSON.stringify(wb.getWorksheet('Rincian')!.getSheetValues());
    expect(teks).not.toContain('Andi Pratama');
    expect((await unduh(lina, '/unit/rekap.xlsx?tahun=2026', milik.headers.etag as string)).status).toBe(304);
    // the province's file is BKPSDM's
    expect((await unduh(lina, '/bkpsdm/rekap.xlsx?tahun=2026')).status).toBe(403);
  });
});
