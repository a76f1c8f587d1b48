import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatWaktu } from '../domain/waktu';
import { LABEL_JALUR, LABEL_STATUS_RINCIAN, type Jalur, type StatusRincian } from '../domain/status';
import { LABEL_FREKUENSI, type Frekuensi } from '../domain/laporan';
import type { RekapEkspor } from './bkpsdm-rekap';

// Workbooks are streamed row by row: a province-wide export stays flat in memory.
// Every workbook the app makes follows the same rules: numbers are numbers (a percentage is a
// fraction with a percent format), dates are dates, codes are shown by their labels, text is stored
// verbatim as a string cell (never a formula, whatever its first character) and every sheet prints
// A4 landscape, one page wide, with its header row repeated on each page.

export const FORMAT_RUPIAH = '"Rp "#,##0.00';
export const FORMAT_ANGKA = '#,##0';
export const FORMAT_PERSEN = '0.0%';
export const FORMAT_TANGGAL = 'dd/mm/yyyy';
export const FORMAT_WAKTU = 'dd/mm/yyyy hh:mm';
/** Text: Excel keeps what is typed over it as text too (an 18-digit NIP stays whole). */
export const FORMAT_TEKS = '@';
const JUDUL_FONT = { bold: true, size: 14 };
const KEPALA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const WIB_MS = 7 * 3600_000;

/** Sheet options: frozen above the header row; A4 landscape, fit to one page wide, header row on every page. */
export function lembar(barisKepala: number): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', ySplit: barisKepala }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${barisKepala}:${barisKepala}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&LBangkom&RHalaman &P dari &N' },
  };
}

/** A calendar date 'YYYY-MM-DD' as an Excel date (midnight UTC, so it shows the same day everywhere). */
export const tgl = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00Z`) : null);

/** A moment as an Excel date-time showing the WIB wall clock (Excel has no time zones). */
export const waktuWib = (d: Date | null | undefined) => (d ? new Date(d.getTime() + WIB_MS) : null);

export interface Kolom {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
}

/** Writes a header row: bold, shaded, bordered. */
export function kepala(ws: ExcelJS.Worksheet, kolom: Kolom[]) {
  const row = ws.addRow(kolom.map((k) => k.header));
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = KEPALA_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  return row;
}

export function baris(ws: ExcelJS.Worksheet, kolom: Kolom[], data: Record<string, unknown>, tebal = false) {
  const row = ws.addRow(kolom.map((k) => data[k.key] ?? null));
  kolom.forEach((k, i) => {
    if (k.numFmt) row.getCell(i + 1).numFmt = k.numFmt;
  });
  if (tebal) row.font = { bold: true };
  return row;
}

const jalur = (j: string) => LABEL_JALUR[j as Jalur] ?? j;
const status = (s: string) => LABEL_STATUS_RINCIAN[s as StatusRincian] ?? s;
const frekuensi = (f: string | null) => (f ? (LABEL_FREKUENSI[f as Frekuensi] ?? f) : null);

export const KOLOM_UNIT: Kolom[] = [
  { header: 'No', key: 'no', width: 5 },
  { header: 'Instansi', key: 'nama', width: 48 },
  { header: 'Jumlah Pegawai', key: 'jumlah_pegawai', width: 11, numFmt: FORMAT_ANGKA },
  { header: 'Pegawai dengan Rencana', key: 'pegawai_rencana', width: 12, numFmt: FORMAT_ANGKA },
  { header: 'Konsep', key: 'konsep', width: 9, numFmt: FORMAT_ANGKA },
  { header: 'Proses Verifikasi', key: 'dikirim', width: 11, numFmt: FORMAT_ANGKA },
  { header: 'Diterima', key: 'diterima', width: 9, numFmt: FORMAT_ANGKA },
  { header: 'Ditolak', key: 'ditolak', width: 9, numFmt: FORMAT_ANGKA },
  { header: 'Berjalan', key: 'berjalan', width: 9, numFmt: FORMAT_ANGKA },
  { header: 'Selesai', key: 'selesai', width: 9, numFmt: FORMAT_ANGKA },
  { header: 'Item Diterima', key: 'item_diterima', width: 10, numFmt: FORMAT_ANGKA },
  { header: 'Total JP', key: 'jp', width: 10, numFmt: FORMAT_ANGKA },
  { header: 'Total Anggaran', key: 'anggaran', width: 22, numFmt: FORMAT_RUPIAH },
];

export const KOLOM_RINCIAN: Kolom[] = [
  { header: 'No', key: 'no', width: 6 },
  { header: 'Instansi', key: 'instansi_nama', width: 40, numFmt: FORMAT_TEKS },
  { header: 'NIP', key: 'nip', width: 21, numFmt: FORMAT_TEKS },
  { header: 'Nama', key: 'pegawai_nama', width: 26, numFmt: FORMAT_TEKS },
  { header: 'Jabatan', key: 'jabatan', width: 32, numFmt: FORMAT_TEKS },
  { header: 'Jenis Jabatan', key: 'jenis_jabatan', width: 20, numFmt: FORMAT_TEKS },
  { header: 'Atasan Langsung', key: 'atasan_nama', width: 24, numFmt: FORMAT_TEKS },
  { header: 'Tahun', key: 'tahun', width: 7 },
  { header: 'Jalur', key: 'jalur', width: 22, numFmt: FORMAT_TEKS },
  { header: 'Bentuk Pengembangan', key: 'bentuk_nama', width: 30, numFmt: FORMAT_TEKS },
  { header: 'Materi', key: 'materi', width: 40, numFmt: FORMAT_TEKS },
  { header: 'JP', key: 'jp', width: 7, numFmt: FORMAT_ANGKA },
  { header: 'Tanggal Rencana', key: 'tanggal', width: 13, numFmt: FORMAT_TANGGAL },
  { header: 'Anggaran', key: 'anggaran', width: 18, numFmt: FORMAT_RUPIAH },
  { header: 'Sumber Dana', key: 'sumber_dana', width: 16, numFmt: FORMAT_TEKS },
  { header: 'Lembaga Penyelenggara', key: 'lembaga', width: 28, numFmt: FORMAT_TEKS },
  { header: 'Alasan', key: 'alasan', width: 40, numFmt: FORMAT_TEKS },
  { header: 'Program Studi', key: 'program_studi', width: 20, numFmt: FORMAT_TEKS },
  { header: 'Jenjang', key: 'jenjang', width: 9, numFmt: FORMAT_TEKS },
  { header: 'Perguruan Tinggi', key: 'perguruan_tinggi', width: 24, numFmt: FORMAT_TEKS },
  { header: 'Status', key: 'status', width: 12, numFmt: FORMAT_TEKS },
  { header: 'Alasan Atasan', key: 'alasan_keputusan', width: 36, numFmt: FORMAT_TEKS },
  { header: 'Diverifikasi Oleh', key: 'diputuskan_oleh_nama', width: 24, numFmt: FORMAT_TEKS },
  { header: 'Waktu Verifikasi (WIB)', key: 'diputuskan_at', width: 17, numFmt: FORMAT_WAKTU },
  { header: 'Tanggal Mulai', key: 'tanggal_mulai', width: 13, numFmt: FORMAT_TANGGAL },
  { header: 'Tanggal Selesai', key: 'tanggal_selesai', width: 13, numFmt: FORMAT_TANGGAL },
  { header: 'Tempat', key: 'tempat', width: 24, numFmt: FORMAT_TEKS },
  { header: 'Detail Materi', key: 'detail_materi', width: 36, numFmt: FORMAT_TEKS },
  { header: 'Frekuensi Laporan', key: 'frekuensi_laporan', width: 20, numFmt: FORMAT_TEKS },
  { header: 'Biaya Realisasi', key: 'biaya_realisasi', width: 18, numFmt: FORMAT_RUPIAH },
  { header: 'JP Realisasi', key: 'jp_realisasi', width: 9, numFmt: FORMAT_ANGKA },
];

const uang = (s: string | number | null) => (s === null || s === '' ? null : Number(s));

export async function tulisRekapXlsx(d: RekapEkspor, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Bangkom';
  wb.created = d.dibuat;
  const lingkup = d.unit ? d.unit.nama : 'Provinsi (semua instansi)';

  // Sheet 1: the summary per unit, then by jalur/bentuk and by sumber dana.
  const ws = wb.addWorksheet('Ringkasan', lembar(4));
  ws.columns = KOLOM_UNIT.map((k) => ({ key: k.key, width: k.width }));
  const judul = ws.addRow([`Rekap Perencanaan Pengembangan Kompetensi Tahun ${d.tahun}`]);
  judul.font = JUDUL_FONT;
  ws.addRow([`${lingkup} · dibuat ${formatWaktu(d.dibuat)} · item diterima = Diterima, Berjalan, dan Selesai`]).font = { italic: true };
  ws.addRow([]);
  kepala(ws, KOLOM_UNIT).height = 32;
  d.perUnit.forEach((u, i) => baris(ws, KOLOM_UNIT, { ...u, no: i + 1 }));
  baris(ws, KOLOM_UNIT, { ...d.total, nama: d.unit ? 'Total' : 'Total Provinsi' }, true);

  // The breakdowns put their counts under the unit table's last three columns (same meaning, same
  // number formats) and merge the name across the columns in between.
  const sub = (judulKolom: string): Kolom[] => [
    { header: 'No', key: 'no', width: 5 },
    { header: judulKolom, key: 'nama', width: 48 },
    ...KOLOM_UNIT.slice(2, 10).map((k) => ({ ...k, header: '', key: '_' + k.key, numFmt: undefined })),
    ...KOLOM_UNIT.slice(10).map((k) => ({ ...k, key: k.key === 'item_diterima' ? 'jumlah' : k.key })),
  ];
  const gabung = (row: ExcelJS.Row) => ws.mergeCells(row.number, 2, row.number, 10);
  const tabel = (judulTabel: string, judulKolom: string, rows: Record<string, unknown>[]) => {
    ws.addRow([]);
    ws.addRow([judulTabel]).font = { bold: true, size: 12 };
    const k = sub(judulKolom);
    gabung(kepala(ws, k));
    rows.forEach((r, i) => gabung(baris(ws, k, { ...r, no: i + 1 })));
    gabung(baris(ws, k, { nama: 'Total', jumlah: d.total.item_diterima, jp: d.total.jp, anggaran: d.total.anggaran }, true));
  };
  tabel(
    'Item diterima per jalur dan bentuk pengembangan',
    'Jalur / Bentuk Pengembangan',
    d.perBentuk.map((b) => ({ ...b, nama: `${jalur(b.jalur ?? '')} — ${b.nama}` })),
  );
  tabel('Item diterima per sumber dana', 'Sumber Dana', d.perSumberDana);
  ws.commit();

  // Sheet 2: every accepted item with every field.
  const wr = wb.addWorksheet('Rincian', lembar(1));
  wr.columns = KOLOM_RINCIAN.map((k) => ({ key: k.key, width: k.width }));
  wr.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: KOLOM_RINCIAN.length } };
  kepala(wr, KOLOM_RINCIAN).height = 30;
  for (const [i, r] of d.rincian.entries()) {
    // yield now and then so other requests are served; stop when the client has gone
    if (i % 500 === 499) {
      await new Promise((resolve) => setImmediate(resolve));
      if (out.destroyed) return;
    }
    baris(wr, KOLOM_RINCIAN, {
      ...r,
      no: i + 1,
      jalur: jalur(r.jalur),
      status: status(r.status),
      tanggal: tgl(r.tanggal),
      tanggal_mulai: tgl(r.tanggal_mulai),
      tanggal_selesai: tgl(r.tanggal_selesai),
      diputuskan_at: waktuWib(r.diputuskan_at),
      frekuensi_laporan: frekuensi(r.frekuensi_laporan),
      anggaran: uang(r.anggaran),
      biaya_realisasi: uang(r.biaya_realisasi),
    }).commit();
  }
  wr.commit();
  await wb.commit();
}

export function namaBerkas(d: { tahun: number; unit?: { kode: string } | undefined }, awal: string, ext: string) {
  return `${awal}-${d.tahun}${d.unit ? '-' + d.unit.kode.replace(/[^\w-]/g, '') : ''}.${ext}`;
}
