import { z } from 'zod';
import { batasBaku } from '../../domain/periode';
import { isTanggal } from '../../domain/waktu';
import { teks } from '../validasi';

export const PESAN_PERIODE = {
  tahun: 'Tahun harus angka 4 digit antara 2000 dan 2100.',
  tanggal: 'Batas pengajuan harus tanggal yang valid (YYYY-MM-DD).',
  rentang: (tahun: number) => `Batas pengajuan harus antara 1 Januari ${tahun - 1} dan 31 Desember ${tahun}.`,
  alasan: 'Alasan paling banyak 500 karakter.',
};

// Every field becomes one trimmed string (missing, arrays, objects: '').
const s = z.preprocess(teks, z.string());

const tahunDari = (v: string) => (/^\d{4}$/.test(v) ? Number(v) : NaN);
const tahunSah = (t: number) => Number.isInteger(t) && t >= 2000 && t <= 2100;
/** A missing deadline means the default of 30 November of the year before (once the year is valid). */
const batasDari = (v: { tahun: string; batas_pengajuan: string }) => {
  const tahun = tahunDari(v.tahun);
  return v.batas_pengajuan === '' && tahunSah(tahun) ? batasBaku(tahun) : v.batas_pengajuan;
};

/** The period form: a year and its deadline (within the year before or the year itself), and why. */
export const periodeSchema = z
  .object({ tahun: s, batas_pengajuan: s, alasan: s })
  .superRefine((v, ctx) => {
    const tahun = tahunDari(v.tahun);
    if (!tahunSah(tahun)) ctx.addIssue({ code: 'custom', path: ['tahun'], message: PESAN_PERIODE.tahun });
    const batas = batasDari(v);
    if (!isTanggal(batas)) ctx.addIssue({ code: 'custom', path: ['batas_pengajuan'], message: PESAN_PERIODE.tanggal });
    else if (tahunSah(tahun)) {
      const y = Number(batas.slice(0, 4));
      if (y < tahun - 1 || y > tahun) ctx.addIssue({ code: 'custom', path: ['batas_pengajuan'], message: PESAN_PERIODE.rentang(tahun) });
    }
    if (v.alasan.length > 500) ctx.addIssue({ code: 'custom', path: ['alasan'], message: PESAN_PERIODE.alasan });
  })
  .transform((v) => ({ tahun: tahunDari(v.tahun), batas_pengajuan: batasDari(v), alasan: v.alasan || null }));

export type PeriodeInput = z.infer<typeof periodeSchema>;

/** The rekap and capaian filter: a year and a unit (id or kode), as typed, cut to size. */
export const filterRekapSchema = z.object({
  tahun: z.preprocess((v) => teks(v).slice(0, 10), z.string()),
  instansi: z.preprocess((v) => teks(v).slice(0, 40), z.string()),
});
