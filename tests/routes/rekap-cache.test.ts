import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';

// The compiled plan is computed once per version of the year's data: any change shows at once.
let t: TestApp;
let hendra: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

async function jumlahBarisRincian(): Promise<number> {
  const res = await hendra
    .get('/bkpsdm/rekap.xlsx?tahun=2031')
    .buffer(true)
    .parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (b: Buffer) => parts.push(b));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  return wb.getWorksheet('Rincian')!.actualRowCount - 1;
}

describe('rekap cache', () => {
  it('serves the same result while nothing changes, and a new one after any change, however it was made', async () => {
    const a = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2031, status: 'diterima', materi: 'Cache satu' });
    expect(await jumlahBarisRincian()).toBe(1);
    expect(await jumlahBarisRincian()).toBe(1);
    const b = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2031, status: 'dikirim', materi: 'Cache dua' });
    expect(await jumlahBarisRincian()).toBe(1);
    // a direct update that does not touch updated_at still invalidates
    await t.knex('rincian').where({ id: b }).update({ status: 'diterima' });
    expect(await jumlahBarisRincian()).toBe(2);
    await t.knex('rincian').where({ id: a }).update({ status: 'ditolak' });
    expect(await jumlahBarisRincian()).toBe(1);
    const page = await hendra.get('/bkpsdm/rekap?tahun=2031');
    expect(page.status).toBe(200);
  });
});
