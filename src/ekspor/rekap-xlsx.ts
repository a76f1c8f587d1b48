import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { formatWaktu } from '../domain/waktu';
import { labelFrekuensi, labelJalur, labelStatus, type RekapEkspor } from './rekap';
import {
  baris,
  bukuKerja,
  FORMAT_ANGKA,
  FORMAT_RUPIAH,
  FORMAT_TANGGAL,
  FORMAT_TEKS,
  FORMAT_WAKTU,
  JUDUL_FONT,
  kepala,
  lembar,
  tgl,
  waktuWib,
  type Kolom,
} from './xlsx';

// rekap.xlsx: sheet "Ringkasan" (per unit, by jalur/bentuk, by sumber dana) and sheet "Rincian"
// (every accepted item with every field).

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

export async function tulisRekapXlsx(d: RekapEkspor, out: Writable): Promise<void> {
  const wb = bukuKerja(out, { dibuat: d.dibuat });
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
    d.perBentuk.map((b) => ({ ...b, nama: `${labelJalur(b.jalur ?? '')} — ${b.nama}` })),
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
      jalur: labelJalur(r.jalur),
      status: labelStatus(r.status),
      tanggal: tgl(r.tanggal),
      tanggal_mulai: tgl(r.tanggal_mulai),
      tanggal_selesai: tgl(r.tanggal_selesai),
      diputuskan_at: waktuWib(r.diputuskan_at),
      frekuensi_laporan: labelFrekuensi(r.frekuensi_laporan),
      anggaran: uang(r.anggaran),
      biaya_realisasi: uang(r.biaya_realisasi),
    }).commit();
  }
  wr.commit();
  await wb.commit();
}
