import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as rekapData from '../data/rekap';
import { formatWaktu } from '../domain/waktu';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';
import { cacheVersi, filterRekap, lingkupRekap, versiTahun, type FilterRekap } from './bkpsdm-rekap';
import { pastikanBkpsdm } from './bkpsdm-periode';
import { FORMAT_ANGKA, FORMAT_PERSEN, FORMAT_TEKS, kepala, lembar, type Kolom } from './bkpsdm-xlsx';

// Capaian 20 JP: every civil servant must get at least 20 JP a year (PP 11/2017 art. 203(4)).
export const TARGET_JP = 20;
export const PER_HALAMAN_CAPAIAN = 50;

const persen = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
/** The share as a fraction, for a spreadsheet cell formatted as a percentage. */
const pecahan = (a: number, b: number) => (b === 0 ? 0 : a / b);

const KOLOM_UNIT: Kolom[] = [
  { header: 'No', key: 'no', width: 5 },
  { header: 'Instansi', key: 'nama', width: 50, numFmt: FORMAT_TEKS },
  { header: 'Jumlah Pegawai', key: 'pegawai', width: 12, numFmt: FORMAT_ANGKA },
  { header: `Pegawai ≥ ${TARGET_JP} JP`, key: 'tercapai', width: 16, numFmt: FORMAT_ANGKA },
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

export function createCapaianService({ db, clock }: Deps) {
  const cacheRingkasan = cacheVersi<Awaited<ReturnType<typeof hitungRingkasan>>>();

  /** Per unit, cached like the rekap: valid while the version read before it stands. */
  function ringkasan(versi: string, tahun: number, instansiId?: number) {
    return cacheRingkasan(`${tahun}:${instansiId ?? ''}`, versi, () => hitungRingkasan(tahun, instansiId));
  }

  async function hitungRingkasan(tahun: number, instansiId?: number) {
    const rows = await rekapData.capaianPerUnit(db, tahun, TARGET_JP, instansiId);
    const perUnit = rows.map((u) => ({ ...u, persen: persen(u.tercapai, u.pegawai) }));
    const pegawai = rows.reduce((s, u) => s + u.pegawai, 0);
    const tercapai = rows.reduce((s, u) => s + u.tercapai, 0);
    const jp = rows.reduce((s, u) => s + u.jp, 0);
    return { perUnit, total: { pegawai, tercapai, jp, persen: persen(tercapai, pegawai) } };
  }

  return {
    /** The province's 20 JP attainment of a year only (BKPSDM's home): from the cached summary. */
    async totalCapaian(user: Pengguna, tahun: number) {
      pastikanBkpsdm(user);
      return (await ringkasan(await versiTahun(db, clock, tahun), tahun)).total;
    },

    /** Realised JP against 20 JP per unit, and the employees still below it (paginated). */
    async capaianJp(user: Pengguna, q: FilterRekap & { page: string }) {
      const { tahun, unit } = await filterRekap(db, clock, lingkupRekap(user, q));
      // first: a year that has ended counts the employees recorded when it closed
      const versi = await versiTahun(db, clock, tahun);
      const [r, tahunList, instansiList, jumlahKurang] = await Promise.all([
        ringkasan(versi, tahun, unit?.id),
        rekapData.tahunTersedia(db),
        rekapData.daftarInstansi(db),
        rekapData.hitungCapaian(db, { tahun, target: TARGET_JP, instansiId: unit?.id, kurang: true }),
      ]);
      const halamanTerakhir = Math.max(1, Math.ceil(jumlahKurang / PER_HALAMAN_CAPAIAN));
      const page = Math.min(halamanTerakhir, Math.max(1, /^\d{1,6}$/.test(q.page) ? Number(q.page) : 1));
      const kurang = await rekapData.daftarCapaian(db, {
        tahun,
        target: TARGET_JP,
        instansiId: unit?.id,
        kurang: true,
        limit: PER_HALAMAN_CAPAIAN,
        offset: (page - 1) * PER_HALAMAN_CAPAIAN,
      });
      if (!tahunList.includes(tahun)) tahunList.unshift(tahun);
      const perHalaman = PER_HALAMAN_CAPAIAN;
      return { tahun, unit, tahunList, instansiList, ...r, kurang, jumlahKurang, page, halamanTerakhir, perHalaman, target: TARGET_JP };
    },

    /** The same as a workbook: sheet "Per Instansi" and sheet "Pegawai" (every employee). */
    async capaianJpXlsx(user: Pengguna, q: FilterRekap, out: (info: { tahun: number; unit?: { kode: string } }) => Writable) {
      const { tahun, unit } = await filterRekap(db, clock, lingkupRekap(user, q));
      const versi = await versiTahun(db, clock, tahun);
      const [r, pegawai] = await Promise.all([
        ringkasan(versi, tahun, unit?.id),
        rekapData.daftarCapaian(db, { tahun, target: TARGET_JP, instansiId: unit?.id }),
      ]);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out({ tahun, unit }), useStyles: true, useSharedStrings: false });
      wb.creator = 'Bangkom';
      const isi = (ws: ExcelJS.Worksheet, kolom: Kolom[], data: Record<string, unknown>, tebal = false) => {
        const row = ws.addRow(kolom.map((k) => data[k.key] ?? null));
        kolom.forEach((k, i) => {
          if (k.numFmt) row.getCell(i + 1).numFmt = k.numFmt;
        });
        if (tebal) row.font = { bold: true };
        row.commit();
      };

      const ws = wb.addWorksheet('Per Instansi', lembar(3));
      ws.columns = KOLOM_UNIT.map((k) => ({ width: k.width }));
      ws.addRow([`Capaian ${TARGET_JP} JP Tahun ${tahun}${unit ? ' — ' + unit.nama : ''}`]).font = { bold: true, size: 14 };
      ws.addRow([`Dibuat ${formatWaktu(clock.now())}; JP realisasi = jumlah JP laporan atas item tahun ${tahun}.`]).font = { italic: true };
      kepala(ws, KOLOM_UNIT).commit();
      r.perUnit.forEach((u, i) => isi(ws, KOLOM_UNIT, { ...u, no: i + 1, persen: pecahan(u.tercapai, u.pegawai) }));
      const { total } = r;
      isi(ws, KOLOM_UNIT, { ...total, nama: unit ? 'Total' : 'Total Provinsi', persen: pecahan(total.tercapai, total.pegawai) }, true);
      ws.commit();

      const wp = wb.addWorksheet('Pegawai', lembar(1));
      wp.columns = KOLOM_PEGAWAI.map((k) => ({ width: k.width }));
      wp.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: KOLOM_PEGAWAI.length } };
      kepala(wp, KOLOM_PEGAWAI).commit();
      pegawai.forEach((p, i) => isi(wp, KOLOM_PEGAWAI, { ...p, no: i + 1, keterangan: p.jp >= TARGET_JP ? 'Tercapai' : 'Belum tercapai' }));
      wp.commit();
      await wb.commit();
      return { tahun, unit };
    },
  };
}
