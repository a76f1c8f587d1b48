import { z } from 'zod';
import { teks } from '../validasi';

// Every field becomes a string (missing or an array: empty); the service gives the messages.
const s = (maks: number) => z.preprocess((v) => teks(v).slice(0, maks), z.string());
const centang = z.preprocess((v) => teks(v) === '1' || teks(v) === 'on', z.boolean());

export const mulaiSchema = z.object({
  tanggal_mulai: s(20),
  tanggal_selesai: s(20),
  detail_materi: s(5000),
  tempat: s(1000),
  frekuensi_laporan: s(20),
  biaya_realisasi: s(50),
});

export const laporanSchema = z.object({
  tanggal: s(20),
  jp: s(20),
  dengan_sertifikat: centang,
  nomor_sertifikat: s(500),
  deskripsi: s(10_000),
  akhir: centang,
});

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
