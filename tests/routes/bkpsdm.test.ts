import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp, biner } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { formatAngka, formatRupiah } from '../../src/domain/angka';

let t: TestApp;
let hendra: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
});
afterAll(() => t.close());

describe('akses', () => {
  const halaman = [
    '/bkpsdm/periode',
    '/bkpsdm/rekap?tahun=2026',
    '/bkpsdm/rekap.xlsx?tahun=2026',
    '/bkpsdm/rekap.pdf?tahun=2026',
    '/bkpsdm/capaian-jp?tahun=2026',
    '/bkpsdm/capaian-jp.xlsx?tahun=2026',
    '/bkpsdm/siasn.csv?tahun=2026',
  ];
  it('refuses a pegawai and an atasan on every BKPSDM page (403)', async () => {
    for (const nip of [NIP.andi, NIP.sari]) {
      const a = await masuk(t.app, nip);
      for (const url of halaman) {
        const res = await a.get(url);
        expect(res.status, `${nip} ${url}`).toBe(403);
      }
      const post = await a.post('/bkpsdm/periode').type('form').send({ _csrf: a.csrf, tahun: '2031', batas_pengajuan: '2030-11-30' });
      expect(post.status).toBe(403);
    }
    expect(await t.knex('periode').where({ tahun: 2031 }).first()).toBeUndefined();
  });

  it('sends an anonymous visitor to /login', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app).get('/bkpsdm/periode');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.location).toBe('/login');
  });
});

describe('periode', () => {
  it('lists every year with its deadline, open or locked', async () => {
    const res = await hendra.get('/bkpsdm/periode');
    expect(res.status).toBe(200);
    expect(res.text).toContain('30 November 2026');
    expect(res.text).toContain('Terbuka');
    expect(res.text).toContain('sisa 3 hari');
    expect(res.text).toContain('Terkunci');
  });

  it('creates a year with the default deadline and records it', async () => {
    const res = await hendra.post('/bkpsdm/periode').type('form').send({ _csrf: hendra.csrf, tahun: '2032', batas_pengajuan: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/bkpsdm/periode');
    const p = await t.knex('periode').where({ tahun: 2032 }).first();
    expect(p!.batas_pengajuan).toBe('2031-11-30');
    const r = await t.knex('periode_riwayat').where({ tahun: 2032 });
    expect(r).toHaveLength(1);
    expect(r[0]!.batas_lama).toBeNull();
  });

  it('extends and reopens a year, keeping old → new, who and why', async () => {
    const res = await hendra
      .post('/bkpsdm/periode')
      .type('form')
      .send({ _csrf: hendra.csrf, tahun: '2026', batas_pengajuan: '2026-12-15', alasan: 'Dibuka kembali untuk PD yang terlambat' });
    expect(res.status).toBe(303);
    const p = await t.knex('periode').where({ tahun: 2026 }).first();
    expect(p!.batas_pengajuan).toBe('2026-12-15');
    const r = await t.knex('periode_riwayat').where({ tahun: 2026 }).orderBy('id', 'desc').first();
    expect(r!.batas_lama).toBe('2025-11-30');
    expect(r!.batas_baru).toBe('2026-12-15');
    expect(r!.alasan).toBe('Dibuka kembali untuk PD yang terlambat');
    const page = await hendra.get('/bkpsdm/periode');
    expect(page.text).toContain('Dibuka kembali untuk PD yang terlambat');
    expect(page.text).toContain('Hendra Gunawan');
  });

  it('answers 422 with messages for bad years and dates, saving nothing', async () => {
    const sebelum = await t.knex('periode_riwayat').count<{ n: string }>('* as n').first();
    const kasus: Record<string, unknown>[] = [
      { tahun: 'abc', batas_pengajuan: '2026-11-30' },
      { tahun: '1999', batas_pengajuan: '1998-11-30' },
      { tahun: '2033', batas_pengajuan: '2033-02-30' },
      { tahun: '2033', batas_pengajuan: '2020-01-01' },
      { tahun: ['2033', '2034'], batas_pengajuan: { a: 1 } },
      { tahun: '2033', batas_pengajuan: '2032-11-30', alasan: 'x'.repeat(5000) },
      {},
    ];
    for (const k of kasus) {
      const res = await hendra
        .post('/bkpsdm/periode')
        .type('form')
        .send({ _csrf: hendra.csrf, ...k });
      expect(res.status, JSON.stringify(k).slice(0, 80)).toBe(422);
      expect(res.text).toContain('is-invalid');
    }
    const sesudah = await t.knex('periode_riwayat').count<{ n: string }>('* as n').first();
    expect(sesudah).toEqual(sebelum);
    expect(await t.knex('periode').where({ tahun: 2033 }).first()).toBeUndefined();
  });

  it('refuses a POST without _csrf', async () => {
    const res = await hendra.post('/bkpsdm/periode').type('form').send({ tahun: '2034', batas_pengajuan: '2033-11-30' });
    expect(res.status).toBe(403);
  });
});

describe('rekap', () => {
  // Year 2030 has no demo data: every figure comes from the items made here.
  const ITEMS = [
    { nip: NIP.andi, status: 'diterima', jp: 12, anggaran: 1500000.5, sumber_dana: 'apbd', bentuk: 'pelatihan-teknis', jalur: 'klasikal' },
    { nip: NIP.andi, status: 'selesai', jp: 30, anggaran: 2750000, sumber_dana: 'apbn', bentuk: 'seminar', jalur: 'klasikal' },
    { nip: NIP.andi, status: 'ditolak', jp: 99, anggaran: 9000000, sumber_dana: 'apbd', bentuk: 'kursus', jalur: 'klasikal' },
    { nip: NIP.dewi, status: 'berjalan', jp: 8, anggaran: 0, sumber_dana: 'apbd', bentuk: 'coaching', jalur: 'non_klasikal' },
    { nip: NIP.dewi, status: 'konsep', jp: 5, anggaran: 100000, sumber_dana: 'apbd', bentuk: 'seminar', jalur: 'klasikal' },
    {
      nip: NIP.fajar,
      status: 'diterima',
      jp: 40,
      anggaran: 6000000.25,
      sumber_dana: 'blud',
      bentuk: 'pelatihan-teknis',
      jalur: 'klasikal',
    },
    { nip: NIP.fajar, status: 'dikirim', jp: 7, anggaran: 700000, sumber_dana: 'apbd', bentuk: 'kursus', jalur: 'klasikal' },
  ] as const;
  const ACC = ['diterima', 'berjalan', 'selesai'];
  const diterima = ITEMS.filter((i) => ACC.includes(i.status));
  const totalJp = diterima.reduce((s, i) => s + i.jp, 0);
  const totalSen = diterima.reduce((s, i) => s + Math.round(i.anggaran * 100), 0);

  beforeAll(async () => {
    for (const it of ITEMS) await buatRincian(t.knex, { ...it, tahun: 2030, tanggal: '2030-05-02' });
    // a deleted item never counts
    await buatRincian(t.knex, { nip: NIP.andi, tahun: 2030, jp: 500 }).then((id) =>
      t.knex('rincian').where({ id }).update({ status: 'dihapus' }),
    );
  });

  it('shows province totals equal to the sums of the accepted items', async () => {
    const res = await hendra.get('/bkpsdm/rekap?tahun=2030');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Total Provinsi');
    expect(res.text).toMatch(new RegExp(`id="total-jp">${totalJp}<`));
    expect(res.text).toContain(`id="total-anggaran">${formatRupiah(totalSen / 100)}<`);
    const d = await t.services.bkpsdm.rekap.lihat(await hendraUser(), { tahun: '2030', instansi: '' });
    expect(d.total.item_diterima).toBe(diterima.length);
    expect(d.total.jp).toBe(totalJp);
    expect(Math.round(d.total.anggaran * 100)).toBe(totalSen);
    expect(d.total.pegawai_rencana).toBe(3);
    expect(d.total.ditolak).toBe(1);
    expect(d.total.konsep).toBe(1);
    expect(d.total.dikirim).toBe(1);
    const apbd = d.perSumberDana.find((s) => s.kode === 'apbd')!;
    const apbdItems = diterima.filter((i) => i.sumber_dana === 'apbd');
    expect(apbd.jumlah).toBe(apbdItems.length);
    expect(apbd.jp).toBe(apbdItems.reduce((s, i) => s + i.jp, 0));
    const teknis = d.perBentuk.find((b) => b.kode === 'pelatihan-teknis')!;
    expect(teknis.jp).toBe(12 + 40);
    const disdik = d.perUnit.find((u) => u.kode === 'disdik')!;
    expect(disdik.jp).toBe(40);
    expect(disdik.anggaran).toBe(6000000.25);
  });

  it('drills down from a unit to its employees and their items', async () => {
    const res = await hendra.get('/bkpsdm/rekap?tahun=2030&instansi=disdik');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Fajar Nugroho');
    expect(res.text).toContain('Rudi Hartono');
    expect(res.text).not.toContain('Andi Pratama');
    expect(res.text).toMatch(/id="total-jp">40</);
  });

  it('answers 422 for a garbage year and 404 for an unknown unit', async () => {
    expect((await hendra.get('/bkpsdm/rekap?tahun=abcd')).status).toBe(422);
    expect((await hendra.get('/bkpsdm/rekap?tahun[]=1&tahun[]=2')).status).toBe(200);
    expect((await hendra.get('/bkpsdm/rekap?tahun=2030&instansi=tidak-ada')).status).toBe(404);
    expect((await hendra.get('/bkpsdm/rekap.xlsx?tahun=99999')).status).toBe(422);
  });

  it('exports an XLSX whose sheets hold the same totals and every accepted item', async () => {
    const res = await hendra.get('/bkpsdm/rekap.xlsx?tahun=2030').buffer(true).parse(biner);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const ringkasan = wb.getWorksheet('Ringkasan')!;
    const rincian = wb.getWorksheet('Rincian')!;
    expect(ringkasan).toBeTruthy();
    expect(rincian).toBeTruthy();
    let totalRow: ExcelJS.Row | undefined;
    ringkasan.eachRow((row) => {
      if (row.getCell(2).value === 'Total Provinsi') totalRow = row;
    });
    expect(totalRow).toBeTruthy();
    expect(totalRow!.getCell(12).value).toBe(totalJp);
    expect(Math.round(Number(totalRow!.getCell(13).value) * 100)).toBe(totalSen);
    expect(totalRow!.getCell(13).numFmt).toContain('Rp');
    expect(totalRow!.font?.bold).toBe(true);
    // Rincian: header + one row per accepted item
    expect(rincian.getRow(1).getCell(3).value).toBe('NIP');
    expect(rincian.getRow(1).font?.bold).toBe(true);
    expect(rincian.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rincian.actualRowCount).toBe(1 + diterima.length);
    const kolomJp = headerIndex(rincian, 'JP');
    const kolomAnggaran = headerIndex(rincian, 'Anggaran');
    let jp = 0;
    let sen = 0;
    for (let r = 2; r <= rincian.actualRowCount; r++) {
      jp += Number(rincian.getRow(r).getCell(kolomJp).value);
      sen += Math.round(Number(rincian.getRow(r).getCell(kolomAnggaran).value) * 100);
    }
    expect(jp).toBe(totalJp);
    expect(sen).toBe(totalSen);
    const nips = new Set<string>();
    for (let r = 2; r <= rincian.actualRowCount; r++) nips.add(String(rincian.getRow(r).getCell(3).value));
    expect(nips).toEqual(new Set([NIP.andi, NIP.dewi, NIP.fajar]));
  });

  it('exports a landscape PDF', async () => {
    const res = await hendra.get('/bkpsdm/rekap.pdf?tahun=2030&instansi=bkpsdmd').buffer(true).parse(biner);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const buf = res.body as Buffer;
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.SIMPAN_PDF) fs.writeFileSync(process.env.SIMPAN_PDF, buf);
  });

  it('serves the chart library and the page script', async () => {
    const res = await hendra.get('/bkpsdm/chart.js');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Chart');
    const page = await hendra.get('/bkpsdm/rekap?tahun=2030');
    expect(page.text).toContain('id="data-grafik"');
  });
});

function headerIndex(ws: ExcelJS.Worksheet, judul: string): number {
  let idx = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === judul) idx = i;
  });
  if (!idx) throw new Error(`no column ${judul}`);
  return idx;
}

async function hendraUser() {
  const u = await t.services.akun.pengguna(await idPegawai(t.knex, NIP.hendra));
  return u!;
}

describe('capaian 20 JP', () => {
  beforeAll(async () => {
    const andi = await idPegawai(t.knex, NIP.andi);
    const dewi = await idPegawai(t.knex, NIP.dewi);
    const a = await t.knex('rincian').where({ pegawai_id: andi, tahun: 2030, status: 'selesai' }).first('id');
    const d = await t.knex('rincian').where({ pegawai_id: dewi, tahun: 2030, status: 'berjalan' }).first('id');
    await t.knex('laporan').insert([
      { rincian_id: a!.id, tanggal: '2030-05-03', jp: 12, dibuat_oleh: andi },
      { rincian_id: a!.id, tanggal: '2030-05-04', jp: 10, akhir: true, dibuat_oleh: andi },
      { rincian_id: d!.id, tanggal: '2030-05-03', jp: 8, dibuat_oleh: dewi },
    ]);
  });

  it('shows per unit the share at or above 20 JP and lists those below', async () => {
    const res = await hendra.get('/bkpsdm/capaian-jp?tahun=2030&instansi=bkpsdmd');
    expect(res.status).toBe(200);
    const aktif = await t
      .knex('pegawai as p')
      .join('instansi as i', 'i.id', 'p.instansi_id')
      .where({ 'i.kode': 'bkpsdmd', 'p.aktif': true })
      .count<{ n: string }>('* as n')
      .first();
    const n = Number(aktif!.n);
    expect(res.text).toContain(`(1 dari ${n})`);
    expect(res.text).toContain(`id="total-persen">${formatAngka(Math.round((1 / n) * 1000) / 10, 1)}%`);
    // Dewi (8 JP) is below, Andi (22 JP) is not
    const below = res.text.slice(res.text.indexOf('di Bawah'));
    expect(below).toContain('Dewi Lestari');
    expect(below).not.toContain('Andi Pratama');
    expect(res.text).toContain(`Menampilkan 1–${n - 1} dari ${n - 1} data`);
  });

  it('exports the attainment as XLSX', async () => {
    const res = await hendra.get('/bkpsdm/capaian-jp.xlsx?tahun=2030').buffer(true).parse(biner);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const ws = wb.getWorksheet('Pegawai')!;
    const rows: Record<string, unknown> = {};
    ws.eachRow((row, i) => {
      if (i > 1) rows[String(row.getCell(2).value)] = row.getCell(6).value;
    });
    expect(rows[NIP.andi]).toBe(22);
    expect(rows[NIP.dewi]).toBe(8);
    expect(rows[NIP.fajar]).toBe(0);
  });
});

describe('ekspor SIASN', () => {
  it('lists the finished courses with their report fields', async () => {
    const res = await hendra.get('/bkpsdm/siasn.csv?tahun=2026');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('nip,nama,nama_diklat,penyelenggara,jenis_diklat,tanggal_mulai,tanggal_selesai,jumlah_jam,nomor_sertifikat');
    const selesai = await t
      .knex('rincian')
      .where({ tahun: 2026, status: 'selesai' })
      .whereExists(t.knex('laporan').whereRaw('laporan.rincian_id = rincian.id').where('akhir', true));
    expect(lines.length - 1).toBe(selesai.length);
    const asesor = lines.find((l) => l.includes('Pembentukan Asesor Kompetensi'))!;
    expect(asesor).toContain(NIP.andi);
    expect(asesor).toContain('Pelatihan Teknis');
    expect(asesor).toMatch(/,40,SERT\/2026\//);
  });
});

describe('BKPSDM’s home', () => {
  it('shows the work waiting — requests to decide, the planning period, the plan’s progress, 20 JP — with counts in the menu and the bell', async () => {
    const h = await masuk(t.app, NIP.hendra);
    const menunggu = Number((await t.knex('rekomendasi').where({ status: 'terkirim' }).count<{ n: string }>('* as n').first())!.n);
    expect(menunggu).toBeGreaterThan(0);
    const home = await h.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Pekerjaan BKPSDMD');
    expect(home.text).toContain('Rekomendasi menunggu keputusan');
    // (the periods were changed by the tests above: open or not, the card says which)
    expect(home.text).toMatch(/Periode perencanaan[\s\S]*(Tahun \d{4}[\s\S]*hari lagi|Tidak ada yang terbuka)/);
    expect(home.text).toContain('Capaian 20 JP tahun 2026');
    // the menu's BKPSDM group comes first, with the count
    const menu = home.text.slice(home.text.indexOf('id="sidebar"'));
    expect(menu.indexOf('href="/bkpsdm/rekomendasi?status=terkirim"')).toBeLessThan(menu.indexOf('href="/pengajuan/baru"'));
    expect(menu).toMatch(new RegExp(`${menunggu}<span class="visually-hidden"> menunggu keputusan`));
    expect((await h.get('/notifikasi')).text).toContain('pengajuan rekomendasi menunggu keputusan BKPSDMD');
    // an employee sees none of it
    const andi = await masuk(t.app, NIP.andi);
    const biasa = await andi.get('/');
    expect(biasa.text).not.toContain('Pekerjaan BKPSDMD');
    expect(biasa.text).not.toContain('/bkpsdm/rekomendasi');
  });
});
