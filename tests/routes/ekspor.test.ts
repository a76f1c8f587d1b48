import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp, biner } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { KOLOM_SIASN } from '../../src/ekspor/siasn';

// The documents of record: the SIASN machine file (CSV), and the spreadsheets for people (rekap,
// capaian 20 JP, SIASN) read back by readers that are not their writer — an RFC 4180 parser
// written here, the XML inside the XLSX, and ExcelJS's reader.

let t: TestApp;
let hendra: Agent;

// values a spreadsheet would take for formulas, and a comma, quotes and a line break to be quoted
const MATERI_RUMUS = '=HYPERLINK("http://contoh.invalid","klik")';
const LEMBAGA_AT = '@america Jakarta, "Pusat"';
const SERTIFIKAT_MINUS = '-12/SERT/2026';
const MATERI_DUA_BARIS = 'Baris satu\nbaris dua';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  hendra = await masuk(t.app, NIP.hendra);
  const dewi = await idPegawai(t.knex, NIP.dewi);
  const a = await buatRincian(t.knex, {
    nip: NIP.dewi,
    tahun: 2026,
    status: 'selesai',
    materi: MATERI_RUMUS,
    lembaga: LEMBAGA_AT,
    tanggal_mulai: '2026-03-02',
    tanggal_selesai: '2026-03-05',
    frekuensi_laporan: 'mingguan',
  });
  const b = await buatRincian(t.knex, { nip: NIP.dewi, tahun: 2026, status: 'selesai', materi: MATERI_DUA_BARIS, lembaga: '+62 Lembaga' });
  await t
    .knex('rincian')
    .whereIn('id', [a, b])
    .update({ diputuskan_at: new Date('2026-02-01T03:04:00Z'), diputuskan_oleh: dewi });
  await t.knex('laporan').insert([
    {
      rincian_id: a,
      tanggal: '2026-03-05',
      jp: 24,
      akhir: true,
      dengan_sertifikat: true,
      nomor_sertifikat: SERTIFIKAT_MINUS,
      dibuat_oleh: dewi,
    },
    { rincian_id: b, tanggal: '2026-06-10', jp: 8, akhir: true, dibuat_oleh: dewi },
  ]);
});
afterAll(() => t.close());

async function unduh(url: string): Promise<Buffer> {
  const res = await hendra.get(url).buffer(true).parse(biner);
  expect(res.status, url).toBe(200);
  // SIMPAN_EKSPOR=dir keeps the files, to open them in a spreadsheet or another reader
  if (process.env.SIMPAN_EKSPOR) fs.writeFileSync(path.join(process.env.SIMPAN_EKSPOR, /[^/?]+(?=\?|$)/.exec(url)![0]), res.body as Buffer);
  return res.body as Buffer;
}

/** The entries of a ZIP file (an XLSX) by name, read through its central directory. */
function bukaZip(buf: Buffer): Map<string, string> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const jumlah = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const isi = new Map<string, string>();
  for (let i = 0; i < jumlah; i++) {
    const metode = buf.readUInt16LE(p + 10);
    const ukuran = buf.readUInt32LE(p + 20);
    const [panjangNama, panjangExtra, panjangKomentar] = [buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32)];
    const lokal = buf.readUInt32LE(p + 42);
    const nama = buf.toString('utf8', p + 46, p + 46 + panjangNama);
    const awal = lokal + 30 + buf.readUInt16LE(lokal + 26) + buf.readUInt16LE(lokal + 28);
    const data = buf.subarray(awal, awal + ukuran);
    isi.set(nama.replace(/^\//, ''), (metode === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + panjangNama + panjangExtra + panjangKomentar;
  }
  return isi;
}

/** A strict RFC 4180 reader: CRLF records, comma fields, quoted fields with doubled quotes. */
function bacaRfc4180(teks: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < teks.length) {
    const row: string[] = [];
    for (;;) {
      let sel = '';
      if (teks[i] === '"') {
        i++;
        for (;;) {
          const j = teks.indexOf('"', i);
          if (j < 0) throw new Error('unclosed quote');
          sel += teks.slice(i, j);
          i = j + 1;
          if (teks[i] === '"') {
            sel += '"';
            i++;
          } else break;
        }
      } else {
        while (i < teks.length && teks[i] !== ',' && teks[i] !== '\r' && teks[i] !== '\n') {
          if (teks[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
          sel += teks[i++];
        }
      }
      row.push(sel);
      if (teks[i] === ',') {
        i++;
        continue;
      }
      if (teks.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`expected CRLF at ${i}, found ${JSON.stringify(teks.slice(i, i + 5))}`);
    }
    rows.push(row);
  }
  return rows;
}

/** The cells of one row of a sheet's XML, by column letter: attributes and inner XML. */
function selXml(xml: string, baris: number): Map<string, { attr: string; isi: string }> {
  const row = new RegExp(`<row r="${baris}"[^>]*>([\\s\\S]*?)</row>`).exec(xml);
  expect(row, `row ${baris}`).toBeTruthy();
  const hasil = new Map<string, { attr: string; isi: string }>();
  for (const m of row![1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g))
    hasil.set(m[1]!, { attr: m[2]!, isi: m[3] ?? '' });
  return hasil;
}

/** The number format code of a cell's style index, from styles.xml. */
function formatGaya(styles: string, s: number): string {
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
  const id = Number(/numFmtId="(\d+)"/.exec(xfs[s]!)![1]);
  if (id === 0) return 'General';
  if (id === 49) return '@';
  const m = new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(styles);
  return m ? m[1]!.replace(/&quot;/g, '"') : `builtin ${id}`;
}

function kolomHeader(ws: ExcelJS.Worksheet, baris: number, judul: string): number {
  let idx = 0;
  ws.getRow(baris).eachCell((c, i) => {
    if (c.value === judul) idx = i;
  });
  if (!idx) throw new Error(`no column ${judul}`);
  return idx;
}

describe('siasn.csv, the machine file', () => {
  it('is RFC 4180 in UTF-8 with CRLF, values verbatim: no apostrophe added, the NIP intact', async () => {
    const res = await hendra.get('/bkpsdm/siasn.csv?tahun=2026');
    expect(res.status).toBe(200);
    if (process.env.SIMPAN_EKSPOR) fs.writeFileSync(path.join(process.env.SIMPAN_EKSPOR, 'siasn.csv'), res.text);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const teks = res.text;
    expect(teks.charCodeAt(0)).not.toBe(0xfeff); // no BOM: a machine reads the first field as "nip"
    expect(teks.endsWith('\r\n')).toBe(true);
    const rows = bacaRfc4180(teks);
    expect(rows[0]).toEqual([...KOLOM_SIASN]);
    for (const r of rows) expect(r).toHaveLength(KOLOM_SIASN.length);
    const rumus = rows.find((r) => r[2] === MATERI_RUMUS)!;
    expect(rumus).toEqual([
      NIP.dewi,
      'Dewi Lestari',
      MATERI_RUMUS,
      LEMBAGA_AT,
      'Pelatihan Teknis',
      '2026-03-02',
      '2026-03-05',
      '24',
      SERTIFIKAT_MINUS,
    ]);
    const duaBaris = rows.find((r) => r[2] === MATERI_DUA_BARIS)!;
    expect(duaBaris[3]).toBe('+62 Lembaga');
    expect(teks).not.toContain("'=");
    expect(teks).not.toContain("'@");
    expect(teks).not.toContain("'-");
    expect(teks).not.toContain("'+");
    // every NIP is its 18 digits, never a number in scientific notation
    for (const r of rows.slice(1)) expect(r[0]).toMatch(/^\d{18}$/);
    expect(rows.slice(1).map((r) => r[0])).toContain(NIP.andi);
  });
});

describe('siasn.xlsx, for people', () => {
  let buf: Buffer;
  let zip: Map<string, string>;
  beforeAll(async () => {
    buf = await unduh('/bkpsdm/siasn.xlsx?tahun=2026');
    zip = bukaZip(buf);
  });

  it('is allowed to bkpsdm only among the employees, and refuses a garbage year', async () => {
    const andi = await masuk(t.app, NIP.andi);
    expect((await andi.get('/bkpsdm/siasn.xlsx?tahun=2026')).status).toBe(403);
    expect((await hendra.get('/bkpsdm/siasn.xlsx?tahun=abcd')).status).toBe(422);
  });

  it('holds the NIP as a string cell, dates as dates, no formula anywhere and text verbatim', async () => {
    const sheet = zip.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toBeTruthy();
    for (const [nama, xml] of zip) if (nama.startsWith('xl/worksheets/')) expect(xml, nama).not.toMatch(/<f[\s>]/);
    const strings = [...(zip.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
    const styles = zip.get('xl/styles.xml')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Diklat SIASN')!;
    const kolomMateri = kolomHeader(ws, 1, 'Nama Diklat');
    let baris = 0;
    ws.eachRow((row, i) => {
      if (row.getCell(kolomMateri).value === MATERI_RUMUS) baris = i;
    });
    expect(baris).toBeGreaterThan(1);
    const sel = selXml(sheet, baris);
    const teks = (kol: string) => {
      const c = sel.get(kol)!;
      expect(c.attr, kol).toContain('t="s"');
      return strings[Number(/<v>(\d+)<\/v>/.exec(c.isi)![1])];
    };
    expect(teks('A')).toBe(NIP.dewi);
    expect(formatGaya(styles, Number(/s="(\d+)"/.exec(sel.get('A')!.attr)![1]))).toBe('@');
    expect(teks('C')).toBe(MATERI_RUMUS);
    expect(teks('D')).toBe(LEMBAGA_AT);
    expect(teks('I')).toBe(SERTIFIKAT_MINUS);
    // a date: a number cell (no t) whose format is a date; 2026-03-02 is serial 46083
    const mulai = sel.get('F')!;
    expect(mulai.attr).not.toContain('t=');
    expect(mulai.isi).toBe('<v>46083</v>');
    expect(formatGaya(styles, Number(/s="(\d+)"/.exec(mulai.attr)![1]))).toBe('dd/mm/yyyy');
    const jp = sel.get('H')!;
    expect(jp.attr).not.toContain('t=');
    expect(jp.isi).toBe('<v>24</v>');
    // and read back by ExcelJS
    const row = ws.getRow(baris);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe(NIP.dewi);
    expect(row.getCell(6).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(row.getCell(8).value).toBe(24);
  });

  it('prints landscape, one page wide, with the header row on every page', () => {
    expect(zip.get('xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">');
    const sheet = zip.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
  });
});

describe('rekap.xlsx and capaian-jp.xlsx', () => {
  it('rekap: the decision time is a date-time in WIB, the report rhythm a label, every sheet printable', async () => {
    const buf = await unduh('/bkpsdm/rekap.xlsx?tahun=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Rincian')!;
    const kMateri = kolomHeader(ws, 1, 'Materi');
    const kWaktu = kolomHeader(ws, 1, 'Waktu Verifikasi (WIB)');
    const kFrek = kolomHeader(ws, 1, 'Frekuensi Laporan');
    const kNip = kolomHeader(ws, 1, 'NIP');
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(kMateri).value === MATERI_RUMUS) row = r;
    });
    expect(row).toBeTruthy();
    // 2026-02-01 03:04 UTC is 10.04 WIB; Excel has no time zones, so the cell holds the WIB wall clock
    expect(row!.getCell(kWaktu).value).toEqual(new Date('2026-02-01T10:04:00Z'));
    expect(row!.getCell(kWaktu).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(row!.getCell(kFrek).value).toBe('Mingguan (per minggu)');
    expect(row!.getCell(kNip).value).toBe(NIP.dewi);
    expect(row!.getCell(kNip).numFmt).toBe('@');
    const zip = bukaZip(buf);
    const judul = [...zip.get('xl/workbook.xml')!.matchAll(/name="_xlnm.Print_Titles" localSheetId="(\d)">([^<]*)</g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(judul).toEqual([
      ['0', '&apos;Ringkasan&apos;!$4:$4'],
      ['1', '&apos;Rincian&apos;!$1:$1'],
    ]);
    for (const [nama, xml] of zip) {
      if (!nama.startsWith('xl/worksheets/sheet')) continue;
      expect(xml, nama).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
      expect(xml, nama).not.toMatch(/<f[\s>]/);
    }
  });

  it('capaian: the percentage is a fraction with a percent format', async () => {
    const buf = await unduh('/bkpsdm/capaian-jp.xlsx?tahun=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Per Instansi')!;
    const kPersen = kolomHeader(ws, 3, 'Persentase');
    let dicek = 0;
    ws.eachRow((row, i) => {
      if (i <= 3) return;
      const pegawai = Number(row.getCell(3).value);
      const tercapai = Number(row.getCell(4).value);
      const persen = row.getCell(kPersen);
      expect(typeof persen.value).toBe('number');
      expect(persen.value).toBeCloseTo(pegawai ? tercapai / pegawai : 0, 12);
      expect(Number(persen.value)).toBeLessThanOrEqual(1);
      expect(persen.numFmt).toBe('0.0%');
      dicek++;
    });
    expect(dicek).toBeGreaterThan(1);
    // at least one unit has someone at 20 JP in the demo year, so the fraction is not all zeros
    const total = ws.getRow(ws.actualRowCount);
    expect(total.getCell(2).value).toBe('Total Provinsi');
    expect(Number(total.getCell(kPersen).value)).toBeGreaterThan(0);
    const pegawai = wb.getWorksheet('Pegawai')!;
    expect(pegawai.getRow(2).getCell(2).numFmt).toBe('@');
    expect(bukaZip(buf).get('xl/workbook.xml')).toContain('&apos;Per Instansi&apos;!$3:$3');
  });
});

describe('rekap page', () => {
  it('prints counts of a thousand and more with thousands separators (1.005)', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2032, materi: 'Massal' });
    await t.knex.raw(
      `INSERT INTO rincian (pengajuan_id, pegawai_id, tahun, jalur, bentuk_kode, jp, tanggal, materi, anggaran, lembaga, sumber_dana_kode, alasan, status)
       SELECT pengajuan_id, pegawai_id, tahun, jalur, bentuk_kode, jp, tanggal, materi || ' ' || n, anggaran, lembaga, sumber_dana_kode, alasan, status
       FROM rincian, generate_series(1, 1004) n WHERE id = ?`,
      [id],
    );
    const res = await hendra.get('/bkpsdm/rekap?tahun=2032');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<td data-label="Konsep" class="text-end">1\.005<\/td>/);
    expect(res.text).not.toMatch(/>1005</);
  });
});
