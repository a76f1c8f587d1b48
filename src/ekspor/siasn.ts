import type { Writable } from 'node:stream';
import type { SiasnRow } from '../data/rekap';
import { baris, bukuKerja, FORMAT_ANGKA, FORMAT_TANGGAL, FORMAT_TEKS, kepala, lembar, tgl, type Kolom } from './xlsx';

// SIASN export: the year's finished courses in the fields the national system records, twice:
// - siasn.csv is the exact machine file for the national system: RFC 4180 (comma, CRLF line ends,
//   a field quoted only when it holds a comma, a double quote or a line break), UTF-8 without BOM,
//   every value verbatim — nothing added in front of text that starts with = + - @, because the
//   file is read by a program, and a person who opens it in a spreadsheet takes siasn.xlsx instead;
// - siasn.xlsx is the same rows for people: NIP as text, dates as dates, JP as numbers, text as
//   string cells (never formulas, so nothing needs escaping), printed landscape.

export const KOLOM_SIASN = [
  'nip',
  'nama',
  'nama_diklat',
  'penyelenggara',
  'jenis_diklat',
  'tanggal_mulai',
  'tanggal_selesai',
  'jumlah_jam',
  'nomor_sertifikat',
] as const;

const KOLOM_XLSX: Kolom[] = [
  { header: 'NIP', key: 'nip', width: 21, numFmt: FORMAT_TEKS },
  { header: 'Nama', key: 'nama', width: 28, numFmt: FORMAT_TEKS },
  { header: 'Nama Diklat', key: 'nama_diklat', width: 40, numFmt: FORMAT_TEKS },
  { header: 'Penyelenggara', key: 'penyelenggara', width: 30, numFmt: FORMAT_TEKS },
  { header: 'Jenis Diklat', key: 'jenis_diklat', width: 24, numFmt: FORMAT_TEKS },
  { header: 'Tanggal Mulai', key: 'tanggal_mulai', width: 13, numFmt: FORMAT_TANGGAL },
  { header: 'Tanggal Selesai', key: 'tanggal_selesai', width: 13, numFmt: FORMAT_TANGGAL },
  { header: 'Jumlah JP', key: 'jumlah_jam', width: 10, numFmt: FORMAT_ANGKA },
  { header: 'Nomor Sertifikat', key: 'nomor_sertifikat', width: 28, numFmt: FORMAT_TEKS },
];

export interface SiasnEkspor {
  tahun: number;
  dibuat: Date;
  rows: SiasnRow[];
}

type BarisSiasn = Record<(typeof KOLOM_SIASN)[number], string | number | null>;

const keBaris = (r: SiasnRow): BarisSiasn => ({
  nip: r.nip,
  nama: r.nama,
  nama_diklat: r.materi,
  penyelenggara: r.lembaga,
  jenis_diklat: r.jenis_diklat_siasn || r.bentuk,
  tanggal_mulai: r.tanggal_mulai,
  tanggal_selesai: r.tanggal_selesai,
  jumlah_jam: r.jp,
  nomor_sertifikat: r.nomor_sertifikat,
});

/** One RFC 4180 field: the value verbatim, quoted (with doubled quotes) only when it must be. */
export function selCsv(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** siasn.csv as text. */
export function siasnCsv(d: SiasnEkspor): string {
  const rows = d.rows.map(keBaris).map((r) => KOLOM_SIASN.map((k) => selCsv(r[k])).join(','));
  return [KOLOM_SIASN.join(','), ...rows].map((b) => b + '\r\n').join('');
}

/** The same rows as a workbook for people. */
export async function tulisSiasnXlsx(d: SiasnEkspor, out: Writable): Promise<void> {
  // shared strings: each text is a plain string cell (t="s"), the most ordinary kind there is
  const wb = bukuKerja(out, { sharedStrings: true, dibuat: d.dibuat });
  const ws = wb.addWorksheet('Diklat SIASN', lembar(1));
  ws.columns = KOLOM_XLSX.map((k) => ({ width: k.width }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: KOLOM_XLSX.length } };
  kepala(ws, KOLOM_XLSX).height = 30;
  for (const r of d.rows) {
    baris(ws, KOLOM_XLSX, { ...keBaris(r), tanggal_mulai: tgl(r.tanggal_mulai), tanggal_selesai: tgl(r.tanggal_selesai) }).commit();
  }
  ws.commit();
  await wb.commit();
}
