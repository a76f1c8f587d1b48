import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as rekapData from '../data/rekap';
import { formatWaktu } from '../domain/waktu';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';
import { pastikanBkpsdm } from './bkpsdm-periode';
import { filterRekap, type FilterRekap } from './bkpsdm-rekap';

// Capaian 20 JP: every civil servant must get at least 20 JP a year (PP 11/2017 art. 203(4)).
export const TARGET_JP = 20;
export const PER_HALAMAN_CAPAIAN = 50;

const persen = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);

export function createCapaianService({ db, clock }: Deps) {
  async function ringkasan(tahun: number, instansiId?: number) {
    const rows = await rekapData.capaianPerUnit(db, tahun, TARGET_JP, instansiId);
    const perUnit = rows.map((u) => ({ ...u, persen: persen(u.tercapai, u.pegawai) }));
    const pegawai = rows.reduce((s, u) => s + u.pegawai, 0);
    const tercapai = rows.reduce((s, u) => s + u.tercapai, 0);
    const jp = rows.reduce((s, u) => s + u.jp, 0);
    return { perUnit, total: { pegawai, tercapai, jp, persen: persen(tercapai, pegawai) } };
  }

  return {
    /** Realised JP against 20 JP per unit, and the employees still below it (paginated). */
    async capaianJp(user: Pengguna, q: FilterRekap & { page: string }) {
      pastikanBkpsdm(user);
      const { tahun, unit } = await filterRekap(db, clock, q);
      const [r, tahunList, instansiList, jumlahKurang] = await Promise.all([
        ringkasan(tahun, unit?.id),
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
      pastikanBkpsdm(user);
      const { tahun, unit } = await filterRekap(db, clock, q);
      const [r, pegawai] = await Promise.all([
        ringkasan(tahun, unit?.id),
        rekapData.daftarCapaian(db, { tahun, target: TARGET_JP, instansiId: unit?.id }),
      ]);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out({ tahun, unit }), useStyles: true, useSharedStrings: false });
      wb.creator = 'Bangkom';
      const kepala = (ws: ExcelJS.Worksheet, judul: string[]) => {
        const row = ws.addRow(judul);
        row.font = { bold: true };
        row.alignment = { wrapText: true, vertical: 'middle' };
        row.eachCell((c) => {
          c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
        });
        row.commit();
      };
      const ws = wb.addWorksheet('Per Instansi', { views: [{ state: 'frozen', ySplit: 3 }] });
      ws.columns = [{ width: 5 }, { width: 50 }, { width: 12 }, { width: 16 }, { width: 14 }, { width: 14 }];
      ws.addRow([`Capaian ${TARGET_JP} JP Tahun ${tahun}${unit ? ' — ' + unit.nama : ''}`]).font = { bold: true, size: 14 };
      ws.addRow([`Dibuat ${formatWaktu(clock.now())}; JP realisasi = jumlah JP laporan atas item tahun ${tahun}.`]).font = { italic: true };
      kepala(ws, ['No', 'Instansi', 'Jumlah Pegawai', `Pegawai ≥ ${TARGET_JP} JP`, 'Persentase', 'Total JP']);
      const isi = (vals: (string | number)[], tebal = false) => {
        const row = ws.addRow(vals);
        row.getCell(5).numFmt = '0.0"%"';
        row.getCell(6).numFmt = '#,##0';
        if (tebal) row.font = { bold: true };
        row.commit();
      };
      r.perUnit.forEach((u, i) => isi([i + 1, u.nama, u.pegawai, u.tercapai, u.persen, u.jp]));
      isi(['', unit ? 'Total' : 'Total Provinsi', r.total.pegawai, r.total.tercapai, r.total.persen, r.total.jp], true);
      ws.commit();
      const wp = wb.addWorksheet('Pegawai', { views: [{ state: 'frozen', ySplit: 1 }] });
      wp.columns = [{ width: 6 }, { width: 21 }, { width: 28 }, { width: 34 }, { width: 44 }, { width: 12 }, { width: 14 }];
      wp.autoFilter = 'A1:G1';
      kepala(wp, ['No', 'NIP', 'Nama', 'Jabatan', 'Instansi', 'JP Realisasi', 'Keterangan']);
      pegawai.forEach((p, i) => {
        const row = wp.addRow([i + 1, p.nip, p.nama, p.jabatan, p.instansi_nama, p.jp, p.jp >= TARGET_JP ? 'Tercapai' : 'Belum tercapai']);
        row.getCell(6).numFmt = '#,##0';
        row.commit();
      });
      wp.commit();
      await wb.commit();
      return { tahun, unit };
    },
  };
}
