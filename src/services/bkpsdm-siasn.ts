import * as rekapData from '../data/rekap';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';
import { pastikanBkpsdm } from './bkpsdm-periode';
import { filterRekap } from './bkpsdm-rekap';

// SIASN export: the year's finished courses in the fields the national system records.

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

/** One CSV cell: quoted when needed; a leading =,+,-,@ is neutralised so spreadsheets do not run it. */
export function selCsv(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) || /^'\d/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function createSiasnService({ db, clock }: Deps) {
  return {
    async siasnCsv(user: Pengguna, q: { tahun: string }) {
      pastikanBkpsdm(user);
      const { tahun } = await filterRekap(db, clock, { tahun: q.tahun, instansi: '' });
      const rows = await rekapData.laporanSiasn(db, tahun);
      const baris = rows.map((r) =>
        [r.nip, r.nama, r.materi, r.lembaga, r.jenis_diklat_siasn || r.bentuk, r.tanggal_mulai, r.tanggal_selesai, r.jp, r.nomor_sertifikat]
          .map(selCsv)
          .join(','),
      );
      // BOM so that Excel reads UTF-8; CRLF as RFC 4180 asks
      return { tahun, csv: '\uFEFF' + [KOLOM_SIASN.join(','), ...baris].join('\r\n') + '\r\n' };
    },
  };
}
