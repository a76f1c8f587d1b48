import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { findVersiRekap } from '../../src/data/rekap';
import { startWorker } from '../../src/jobs';

// The compiled plan is computed once per version of the data behind it: any change shows at once,
// however it was made. A year that has ended counts its employees as they were then.
let t: TestApp;
let hendra: Agent;
let maya: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
  maya = await masuk(t.app, NIP.maya);
});
afterAll(() => t.close());

const CSV_KEPALA = 'nip,nama,jabatan,jenis_jabatan,instansi,nip_atasan,email';

async function unduhXlsx(path: string): Promise<ExcelJS.Workbook> {
  const res = await hendra
    .get(path)
    .buffer(true)
    .parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (b: Buffer) => parts.push(b));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  return wb;
}

/** Every cell of a sheet as text, row by row; `tanpa` leaves out rows (the "dibuat" time line). */
function isiLembar(ws: ExcelJS.Worksheet, tanpa: number[] = []): string[][] {
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    if (!tanpa.includes(n)) rows.push((row.values as unknown[]).map((v) => JSON.stringify(v ?? null)));
  });
  return rows;
}

async function jumlahBarisRincian(tahun: number): Promise<number> {
  const wb = await unduhXlsx(`/bkpsdm/rekap.xlsx?tahun=${tahun}`);
  return wb.getWorksheet('Rincian')!.actualRowCount - 1;
}

/** The first table of a page (the per-unit table of the rekap and of the capaian). */
const tabelPertama = (html: string) => html.slice(html.indexOf('<table'), html.indexOf('</table>'));
const grafik = (html: string) => JSON.parse(/id="data-grafik">([^<]*)<\/script>/.exec(html)![1]!) as { label: string[]; jp: number[] };
const totalJp = (html: string) => Number(/id="total-jp">([\d.]+)</.exec(html)![1]!.replace(/\./g, ''));

async function hendraUser() {
  return (await t.services.akun.pengguna(await idPegawai(t.knex, NIP.hendra)))!;
}

/** A year's figures as the rekap and the capaian compute them, and as the pages and the file show them. */
async function angkaTahun(tahun: number) {
  const user = await hendraUser();
  const r = await t.services.bkpsdm.rekap.lihat(user, { tahun: String(tahun), instansi: '' });
  const c = await t.services.bkpsdm.capaian.lihat(user, { tahun: String(tahun), instansi: '', page: '' });
  const bkpsdmd = await t.services.bkpsdm.rekap.lihat(user, { tahun: String(tahun), instansi: 'bkpsdmd' });
  const rekapHtml = (await hendra.get(`/bkpsdm/rekap?tahun=${tahun}`)).text;
  const capaianHtml = (await hendra.get(`/bkpsdm/capaian-jp?tahun=${tahun}`)).text;
  const wb = await unduhXlsx(`/bkpsdm/rekap.xlsx?tahun=${tahun}`);
  return {
    perUnit: r.perUnit.map((u) => ({
      kode: u.kode,
      pegawai: u.jumlah_pegawai,
      rencana: u.pegawai_rencana,
      item: u.item_diterima,
      jp: u.jp,
    })),
    total: r.total,
    capaian: c.perUnit.map((u) => ({ kode: u.kode, pegawai: u.pegawai, tercapai: u.tercapai, jp: u.jp })),
    capaianTotal: c.total,
    kurang: c.kurang.map((k) => `${k.nip} ${k.instansi_nama}`),
    pegawaiBkpsdmd: bkpsdmd.pegawai!.map((p) => `${p.nip} ${p.jabatan ?? ''} ${p.aktif}`),
    rekapTabel: tabelPertama(rekapHtml),
    capaianTabel: tabelPertama(capaianHtml),
    xlsxRingkasan: isiLembar(wb.getWorksheet('Ringkasan')!, [2]),
    xlsxRincian: isiLembar(wb.getWorksheet('Rincian')!),
  };
}

async function ubahPegawai(nip: string, ubah: Record<string, string | undefined>) {
  const p = await t
    .knex('pegawai as p')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .where('p.nip', nip)
    .first('p.*', 'a.nip as atasan_nip');
  const form: Record<string, string | undefined> = {
    _csrf: maya.csrf,
    nip: p.nip,
    nama: p.nama,
    email: p.email ?? '',
    jabatan: p.jabatan ?? '',
    jenis_jabatan: p.jenis_jabatan_kode ?? '',
    instansi: String(p.instansi_id),
    nip_atasan: p.atasan_nip ?? '',
    peran: p.peran,
    aktif: p.aktif ? '1' : undefined,
    ...ubah,
  };
  const res = await maya
    .post(`/admin/pegawai/${p.id}`)
    .type('form')
    .send(Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)));
  expect(res.status, res.text.slice(0, 300)).toBe(303);
}

async function idInstansi(kode: string): Promise<number> {
  return (await t.knex('instansi').where({ kode }).first('id'))!.id as number;
}

describe('rekap cache', () => {
  it('serves the same result while nothing changes, and a new one after any change, however it was made', async () => {
    const a = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2031, status: 'diterima', materi: 'Cache satu' });
    expect(await jumlahBarisRincian(2031)).toBe(1);
    expect(await jumlahBarisRincian(2031)).toBe(1);
    const b = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2031, status: 'dikirim', materi: 'Cache dua' });
    expect(await jumlahBarisRincian(2031)).toBe(1);
    // a direct update that does not touch updated_at still invalidates
    await t.knex('rincian').where({ id: b }).update({ status: 'diterima' });
    expect(await jumlahBarisRincian(2031)).toBe(2);
    await t.knex('rincian').where({ id: a }).update({ status: 'ditolak' });
    expect(await jumlahBarisRincian(2031)).toBe(1);
    const page = await hendra.get('/bkpsdm/rekap?tahun=2031');
    expect(page.status).toBe(200);
  });

  it('checks the cache with one read of the version and recomputes nothing while it stands', async () => {
    await unduhXlsx('/bkpsdm/rekap.xlsx?tahun=2026');
    await hendra.get('/bkpsdm/rekap?tahun=2026');
    const sql: string[] = [];
    const catat = (q: { sql: string }) => sql.push(q.sql);
    t.knex.on('query', catat);
    try {
      await unduhXlsx('/bkpsdm/rekap.xlsx?tahun=2026');
      await hendra.get('/bkpsdm/rekap?tahun=2026');
    } finally {
      t.knex.off('query', catat);
    }
    expect(sql.filter((s) => s.includes('versi_rekap'))).toHaveLength(2); // one per request
    // every query that computes a rekap reads the employees of the year through pegawai_tahun
    expect(sql.filter((s) => s.includes('pegawai_tahun'))).toEqual([]);
  });

  it('moves the version once per transaction on every table a rekap reads, and not on a password change', async () => {
    const versi = async () => Number((await findVersiRekap(t.knex, 2026)).versi);
    const tulis: [string, () => Promise<unknown>][] = [
      ['instansi', () => t.knex('instansi').where({ kode: 'dinkes' }).update({ alamat: 'Jl. Uji 1' })],
      ['bentuk', () => t.knex('bentuk_pengembangan').where({ kode: 'kursus' }).update({ panduan_jp: 'uji' })],
      ['sumber dana', () => t.knex('sumber_dana').where({ kode: 'lainnya' }).update({ urutan: 99 })],
      ['jenis jabatan', () => t.knex('jenis_jabatan').where({ kode: 'pelaksana' }).update({ nama: 'Pelaksana' })],
      ['pengaturan', () => t.knex('pengaturan').insert({ kunci: 'surat.uji', nilai: 'x' })],
      ['pegawai, every row in one statement', () => t.knex('pegawai').update({ jabatan: t.knex.raw('jabatan') })],
      [
        'laporan',
        async () =>
          t
            .knex('laporan')
            .where('id', '>', 0)
            .update({ deskripsi: t.knex.raw('deskripsi') }),
      ],
    ];
    for (const [nama, f] of tulis) {
      const v = await versi();
      await f();
      expect(await versi(), nama).toBe(v + 1);
    }
    const v = await versi();
    await t
      .knex('pegawai')
      .where({ nip: NIP.andi })
      .update({ password_hash: t.knex.raw('password_hash') });
    await t.knex
      .transaction(async (trx) => {
        await trx('instansi').where({ kode: 'dinkes' }).update({ alamat: 'dibatalkan' });
        throw new Error('batal');
      })
      .catch(() => undefined);
    expect(await versi(), 'a password change and a rolled-back write').toBe(v);
  });

  it('shows a renamed instansi and sumber dana at once in the table, the chart and rekap.xlsx', async () => {
    const sebelum = await hendra.get('/bkpsdm/rekap?tahun=2026');
    expect(tabelPertama(sebelum.text)).toContain('>Dinas Pendidikan</a>');
    expect(grafik(sebelum.text).label).toContain('Disdik');
    await unduhXlsx('/bkpsdm/rekap.xlsx?tahun=2026'); // cached now
    await hendra.get('/bkpsdm/rekap?tahun=2026&instansi=disdik');

    const disdik = await idInstansi('disdik');
    const res = await maya.post(`/admin/master/instansi/${disdik}`).type('form').send({
      _csrf: maya.csrf,
      kode: 'disdik',
      nama: 'Dinas Pendidikan dan Kebudayaan',
      singkatan: 'Disdikbud',
      alamat: '',
      aktif: '1',
    });
    expect(res.status).toBe(303);
    const sd = await maya
      .post('/admin/master/sumber-dana/apbd')
      .type('form')
      .send({ _csrf: maya.csrf, kode: 'apbd', nama: 'APBD Provinsi', urutan: '2', aktif: '1' });
    expect(sd.status).toBe(303);

    const page = await hendra.get('/bkpsdm/rekap?tahun=2026');
    const tabel = tabelPertama(page.text);
    expect(tabel).toContain('>Dinas Pendidikan dan Kebudayaan</a>');
    expect(tabel).not.toMatch(/Dinas Pendidikan(?! dan Kebudayaan)/);
    expect(grafik(page.text).label).toContain('Disdikbud');
    expect(grafik(page.text).label).not.toContain('Disdik');
    expect(page.text).toContain('APBD Provinsi');
    const unit = await hendra.get('/bkpsdm/rekap?tahun=2026&instansi=disdik');
    expect(unit.text).toContain('Dinas Pendidikan dan Kebudayaan');

    const wb = await unduhXlsx('/bkpsdm/rekap.xlsx?tahun=2026');
    const ringkasan = JSON.stringify(isiLembar(wb.getWorksheet('Ringkasan')!));
    const rincian = JSON.stringify(isiLembar(wb.getWorksheet('Rincian')!));
    expect(ringkasan).toContain('Dinas Pendidikan dan Kebudayaan');
    expect(ringkasan).not.toMatch(/Dinas Pendidikan(?! dan Kebudayaan)/);
    expect(ringkasan).toContain('APBD Provinsi');
    expect(rincian).toContain('Dinas Pendidikan dan Kebudayaan');
    expect(rincian).not.toMatch(/Dinas Pendidikan(?! dan Kebudayaan)/);
  });

  it('shows an item accepted by its atasan at once, on the page and in rekap.xlsx', async () => {
    const sebelum = await hendra.get('/bkpsdm/rekap?tahun=2026');
    const baris = await jumlahBarisRincian(2026);
    const fajar = await idPegawai(t.knex, NIP.fajar);
    const item = await t.knex('rincian').where({ pegawai_id: fajar, tahun: 2026, status: 'dikirim' }).first('id', 'jp');
    const rudi = await masuk(t.app, NIP.rudi);
    const res = await rudi
      .post(`/verifikasi/${item!.id}`)
      .type('form')
      .send({ _csrf: rudi.csrf, keputusan: 'terima', alasan: 'Sesuai kebutuhan unit.' });
    expect(res.status).toBe(303);
    const sesudah = await hendra.get('/bkpsdm/rekap?tahun=2026');
    expect(totalJp(sesudah.text)).toBe(totalJp(sebelum.text) + item!.jp);
    expect(await jumlahBarisRincian(2026)).toBe(baris + 1);
  });
});

describe('a year that has ended', () => {
  it('keeps 2025 as it was when employees are imported, moved and deactivated today; 2026 follows them', async () => {
    expect(await t.knex('tahun_tutup').where({ tahun: 2025 }).first(), 'the demo data closes last year').toBeTruthy();
    const lalu = await angkaTahun(2025);
    const kini = await angkaTahun(2026);
    const bkpsdmd2025 = lalu.perUnit.find((u) => u.kode === 'bkpsdmd')!;
    expect(bkpsdmd2025.jp).toBe(10); // Andi's two finished items of 2025
    expect(lalu.capaianTotal.pegawai).toBe(lalu.total.jumlah_pegawai);

    // today: an import with three new employees in BKPSDMD that also moves Andi to Disdik …
    const csv = [
      CSV_KEPALA,
      `198501012010011101,Gita Permata,Analis Kebijakan,ahli-pertama,bkpsdmd,${NIP.sari},gita@example.go.id`,
      `198502022010012102,Hadi Saputra,Pranata Komputer,pelaksana,bkpsdmd,${NIP.sari},hadi@example.go.id`,
      `198503032010011103,Indra Wijaya,Arsiparis,pelaksana,bkpsdmd,${NIP.sari},indra@example.go.id`,
      `${NIP.andi},Andi Pratama,Analis SDM Aparatur Ahli Muda,ahli-muda,disdik,${NIP.rudi},andi@bangkom.example.go.id`,
    ].join('\n');
    const imp = await maya
      .post(`/admin/pegawai/import?_csrf=${encodeURIComponent(maya.csrf)}`)
      .field('_csrf', maya.csrf)
      .field('aksi', 'impor')
      .attach('berkas', Buffer.from(csv, 'utf8'), { filename: 'pegawai.csv', contentType: 'text/csv' });
    expect(imp.status, imp.text.slice(0, 500)).toBe(303);
    // … Dewi deactivated and Sari moved to Dinas Kesehatan by hand
    await ubahPegawai(NIP.dewi, { aktif: undefined });
    await ubahPegawai(NIP.sari, { instansi: String(await idInstansi('dinkes')) });

    expect(await angkaTahun(2025)).toEqual(lalu);

    const baru = await angkaTahun(2026);
    const unit = (a: typeof kini, kode: string) => a.perUnit.find((u) => u.kode === kode)!;
    // BKPSDMD: +3 new, −Andi, −Dewi, −Sari; Disdik +Andi with his 2026 items; Dinkes +Sari
    expect(unit(baru, 'bkpsdmd').pegawai).toBe(unit(kini, 'bkpsdmd').pegawai + 3 - 3);
    expect(unit(baru, 'disdik').pegawai).toBe(unit(kini, 'disdik').pegawai + 1);
    expect(unit(baru, 'dinkes').pegawai).toBe(unit(kini, 'dinkes').pegawai + 1);
    expect(baru.total.jumlah_pegawai).toBe(kini.total.jumlah_pegawai + 3 - 1);
    expect(unit(baru, 'disdik').jp).toBeGreaterThan(unit(kini, 'disdik').jp);
    expect(baru.capaianTotal.pegawai).toBe(kini.capaianTotal.pegawai + 2);
  });
});

// Last: these move the clock to the new year.
describe('closing a year', () => {
  const TAHUN_BARU = '2026-12-31T17:00:30Z'; // 1 January 2027, 00.00.30 WIB
  const buka = async (tahun: number) => {
    await t.knex('pegawai_tahun').where({ tahun }).del();
    await t.knex('tahun_tutup').where({ tahun }).del();
  };
  const tertutup = async (tahun: number) => !!(await t.knex('tahun_tutup').where({ tahun }).first());

  beforeAll(async () => {
    t.clock.set(TAHUN_BARU);
    // sessions last 8 hours
    hendra = await masuk(t.app, NIP.hendra);
    maya = await masuk(t.app, NIP.maya);
  });

  it('is done by the worker just after midnight on 1 January', async () => {
    expect(await tertutup(2026)).toBe(false);
    const w = startWorker({ db: t.knex, clock: t.clock, config: t.config }, pino({ level: 'silent' }), { intervalMs: 3_600_000 });
    await w.tick();
    await w.stop();
    expect(await tertutup(2026)).toBe(true);
    const sebelum = await angkaTahun(2026);
    await ubahPegawai(NIP.fajar, { aktif: undefined });
    expect(await angkaTahun(2026)).toEqual(sebelum);
    await ubahPegawai(NIP.fajar, { aktif: '1' });
  });

  it('is done at the first rekap of the year if the worker has not run', async () => {
    await buka(2026);
    const res = await hendra.get('/bkpsdm/capaian-jp?tahun=2026');
    expect(res.status).toBe(200);
    expect(await tertutup(2026)).toBe(true);
  });

  it('is done before an admin changes an employee, so the change belongs to the new year only', async () => {
    await buka(2026);
    const sebelum = await angkaTahun(2027);
    expect(await tertutup(2026)).toBe(false);
    await ubahPegawai(NIP.fajar, { aktif: undefined });
    expect(await tertutup(2026)).toBe(true);
    const fajar = await idPegawai(t.knex, NIP.fajar);
    expect((await t.knex('pegawai_tahun').where({ tahun: 2026, pegawai_id: fajar }).first())!.aktif).toBe(true);
    const sesudah = await angkaTahun(2027);
    expect(sesudah.total.jumlah_pegawai).toBe(sebelum.total.jumlah_pegawai - 1);
  });
});
