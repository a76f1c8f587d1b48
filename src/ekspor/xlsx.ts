import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

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
export const JUDUL_FONT = { bold: true, size: 14 };
const KEPALA_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const WIB_MS = 7 * 3600_000;

/** A streaming workbook written to `out`, made by Bangkom. */
export function bukuKerja(out: Writable, opsi: { sharedStrings?: boolean; dibuat?: Date } = {}) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: opsi.sharedStrings ?? false });
  wb.creator = 'Bangkom';
  if (opsi.dibuat) wb.created = opsi.dibuat;
  return wb;
}

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
  numFmt?: string | undefined;
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

/** Writes a data row: each column's value by its key, with the column's number format. */
export function baris(ws: ExcelJS.Worksheet, kolom: Kolom[], data: Record<string, unknown>, tebal = false) {
  const row = ws.addRow(kolom.map((k) => data[k.key] ?? null));
  kolom.forEach((k, i) => {
    if (k.numFmt) row.getCell(i + 1).numFmt = k.numFmt;
  });
  if (tebal) row.font = { bold: true };
  return row;
}
