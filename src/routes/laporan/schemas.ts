import { z } from 'zod';
import { teks } from '../validasi';
import { parseAngka, parseBulat } from '../../domain/angka';
import { isFrekuensi, type Frekuensi } from '../../domain/laporan';
import { isTanggal } from '../../domain/waktu';

// The start and report forms: each field's own rules, with the messages a user reads. The rules
// that need the item (its plan year, its start, the JP already reported) are the service's.

export const PESAN = {
  tanggalWajib: (apa: string) => `Isi ${apa}.`,
  tanggalSalah: (apa: string) => `${apa} tidak valid; gunakan format YYYY-MM-DD.`,
  detailWajib: 'Isi detail materi pengembangan.',
  detailPanjang: 'Detail materi paling banyak 2000 karakter.',
  tempatWajib: 'Isi tempat penyelenggara.',
  tempatPanjang: 'Tempat penyelenggara paling banyak 300 karakter.',
  frekuensi: 'Pilih laporan kegiatan dilaksanakan: sekali, harian, mingguan, bulanan atau tahunan.',
  biaya: 'Biaya tidak valid; tulis angka, mis. 2.500.000 atau 2500000,00.',
  biayaBesar: 'Biaya terlalu besar.',
  jpWajib: 'Isi JP yang diperoleh.',
  jpSalah: 'JP harus bilangan bulat lebih dari 0.',
  nomorWajib: 'Isi nomor sertifikat (wajib bila dengan sertifikat).',
  nomorPanjang: 'Nomor sertifikat paling banyak 100 karakter.',
  deskripsiPanjang: 'Deskripsi paling banyak 4000 karakter.',
};

/** One trimmed string (missing, an array or an object: ''), cut at `maks` so huge input stays cheap. */
const s = (maks: number) => z.preprocess((v) => teks(v).slice(0, maks), z.string());
const centang = z.preprocess((v) => teks(v) === '1' || teks(v) === 'on', z.boolean());

/** A required text of at most `maks` characters. */
const wajib = (potong: number, maks: number, pesanWajib: string, pesanPanjang: string) =>
  s(potong).superRefine((v, ctx) => {
    if (!v) ctx.addIssue({ code: 'custom', message: pesanWajib });
    else if (v.length > maks) ctx.addIssue({ code: 'custom', message: pesanPanjang });
  });

/** A required calendar date YYYY-MM-DD. */
const tanggal = (apa: string, Apa: string) =>
  s(20).superRefine((v, ctx) => {
    if (!v) ctx.addIssue({ code: 'custom', message: PESAN.tanggalWajib(apa) });
    else if (!isTanggal(v)) ctx.addIssue({ code: 'custom', message: PESAN.tanggalSalah(Apa) });
  });

export const mulaiSchema = z.object({
  tanggal_mulai: tanggal('tanggal mulai', 'Tanggal mulai'),
  tanggal_selesai: tanggal('tanggal selesai', 'Tanggal selesai'),
  detail_materi: wajib(5000, 2000, PESAN.detailWajib, PESAN.detailPanjang),
  tempat: wajib(1000, 300, PESAN.tempatWajib, PESAN.tempatPanjang),
  frekuensi_laporan: s(20).transform((v, ctx): Frekuensi => {
    if (isFrekuensi(v)) return v;
    ctx.addIssue({ code: 'custom', message: PESAN.frekuensi });
    return z.NEVER;
  }),
  // optional; rounded to the sen
  biaya_realisasi: s(50).transform((v, ctx): number | null => {
    if (v === '') return null;
    const biaya = parseAngka(v);
    if (biaya === null || biaya < 0) ctx.addIssue({ code: 'custom', message: PESAN.biaya });
    else if (biaya > 1_000_000_000_000) ctx.addIssue({ code: 'custom', message: PESAN.biayaBesar });
    else return Math.round(biaya * 100) / 100;
    return z.NEVER;
  }),
});

export const laporanSchema = z
  .object({
    tanggal: tanggal('tanggal laporan', 'Tanggal laporan'),
    jp: s(20).superRefine((v, ctx) => {
      const jp = parseBulat(v);
      if (!v) ctx.addIssue({ code: 'custom', message: PESAN.jpWajib });
      else if (jp === null || jp <= 0) ctx.addIssue({ code: 'custom', message: PESAN.jpSalah });
    }),
    dengan_sertifikat: centang,
    nomor_sertifikat: s(500),
    deskripsi: s(10_000).refine((v) => v.length <= 4000, PESAN.deskripsiPanjang),
    akhir: centang,
  })
  .superRefine((v, ctx) => {
    // an uploaded certificate also asks for its number: the service checks that one
    const nomor = (message: string) => ctx.addIssue({ code: 'custom', path: ['nomor_sertifikat'], message });
    if (v.dengan_sertifikat && !v.nomor_sertifikat) nomor(PESAN.nomorWajib);
    else if (v.nomor_sertifikat.length > 100) nomor(PESAN.nomorPanjang);
  })
  .transform((v) => ({ ...v, jp: parseBulat(v.jp) ?? 0 }));

/** The values of a form as typed, for showing it again: every field one string. */
export function nilaiForm(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, teks(v)]));
}

export const daftarQuerySchema = z.object({
  tahun: z.preprocess((v) => {
    const n = Number(teks(v));
    return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : undefined;
  }, z.number().optional()),
  page: z.preprocess((v) => {
    const n = Number(teks(v));
    return Number.isInteger(n) && n >= 1 ? n : undefined;
  }, z.number().optional()),
});
