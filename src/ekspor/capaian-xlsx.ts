import type { Writable } from 'node:stream';
import { formatWaktu } from '../domain/waktu';
import type { CapaianPegawaiRow, CapaianUnitRow, InstansiRingkas } from '../data/rekap';
import { baris, bukuKerja, FORMAT_ANGKA, FORMAT_PERSEN, FORMAT_TEKS, kepala, lembar, type Kolom } from './xlsx';

// capaian-20jp.xlsx: sheet "Per Instansi" (each unit's employees at or above the target) and sheet
// "Pegawai" (every employee with their realised JP).

type Angka = Pick<CapaianUnitRow, 'pegawai' | 'tercapai' | 'jp'>;

export interface CapaianEkspor {
  tahun: number;
  unit?: Pick<InstansiRingkas, 'kode' | 'nama'> | undefined;
  dibuat: Date;
  /** the yearly JP target */
  target: number;
  perUnit: (CapaianUnitRow & { persen: number })[];
  total: Angka & { persen: number };
  pegawai: CapaianPegawaiRow[];
}

/** The share as a fraction, for a spreadsheet cell formatted as a percentage. */
const pecahan = (a: number, b: number) => (b === 0 ? 0 : a / b);

const kolomUnit = (target: number): Kolom[] => [
  { header: 'No', key: 'no', width: 5 },
  { header: 'Instansi', key: 'nama', width: 50, numFmt: FORMAT_TEKS },
  { header: 'Jumlah Pegawai', key: 'pegawai', width: 12, numFmt: FORMAT_ANGKA },
  { header: `Pegawai ≥ ${target} JP`, key: 'tercapai', width: 16, numFmt: FORMAT_ANGKA },
  { header: 'Persentase', key: 'persen', width: 14, numFmt: FORMAT_PERSEN },
  { header: 'Total JP', key: 'jp', width: 14, numFmt: FORMAT_ANGKA },
];
const KOLOM_PEGAWAI: Kolom[] = [
  { header: 'No', key: 'no', width: 6 },
  { header: 'NIP', key: 'nip', width: 21, numFmt: FORMAT_TEKS },
  { header: 'Nama', key: 'nama', width: 28, numFmt: FORMAT_TEKS },
  { header: 'Jabatan', key: 'jabatan', width: 34, numFmt: FORMAT_TEKS },
  { header: 'Instansi', key: 'instansi_nama', width: 44, numFmt: FORMAT_TEKS },
  { header: 'JP Realisasi', key: 'jp', width: 12, numFmt: FORMAT_ANGKA },
  { header: 'Keterangan', key: 'keterangan', width: 16, numFmt: FORMAT_TEKS },
];

export async function tulisCapaianXlsx(d: CapaianEkspor, out: Writable): Promise<void> {
  const wb = bukuKerja(out);
  const { tahun, unit, target, total } = d;
  const kolom = kolomUnit(target);

  const ws = wb.addWorksheet('Per Instansi', lembar(3));
  ws.columns = kolom.map((k) => ({ width: k.width }));
  ws.addRow([`Capaian ${target} JP Tahun ${tahun}${unit ? ' — ' + unit.nama : ''}`]).font = { bold: true, size: 14 };
  ws.addRow([`Dibuat ${formatWaktu(d.dibuat)}; JP realisasi = jumlah JP laporan atas item tahun ${tahun}.`]).font = { italic: true };
  kepala(ws, kolom).commit();
  d.perUnit.forEach((u, i) => baris(ws, kolom, { ...u, no: i + 1, persen: pecahan(u.tercapai, u.pegawai) }).commit());
  baris(ws, kolom, { ...total, nama: unit ? 'Total' : 'Total Provinsi', persen: pecahan(total.tercapai, total.pegawai) }, true).commit();
  ws.commit();

  const wp = wb.addWorksheet('Pegawai', lembar(1));
  wp.columns = KOLOM_PEGAWAI.map((k) => ({ width: k.width }));
  wp.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: KOLOM_PEGAWAI.length } };
  kepala(wp, KOLOM_PEGAWAI).commit();
  d.pegawai.forEach((p, i) =>
    baris(wp, KOLOM_PEGAWAI, { ...p, no: i + 1, keterangan: p.jp >= target ? 'Tercapai' : 'Belum tercapai' }).commit(),
  );
  wp.commit();
  await wb.commit();
}
