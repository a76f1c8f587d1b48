import { z } from 'zod';
import { teks } from '../validasi';

// Every field becomes one trimmed string (missing, arrays, objects: ''); the service gives the messages.
const s = z.preprocess(teks, z.string());

export const rekomendasiSchema = z.object({
  jalur: s,
  nama_pelatihan: s,
  jenis_pelatihan: s,
  lembaga: s,
  tanggal_mulai: s,
  tanggal_selesai: s,
  biaya: s,
  sumber_biaya: s,
  biaya_pd: s,
  biaya_bkpsdm: s,
  rincian_id: s,
  pernyataan: s,
  aksi: s,
});

export const keputusanSchema = z.object({
  keputusan: s,
  alasan: s,
});

export const filterBkpsdmSchema = z.object({
  status: s,
  instansi: s,
  jalur: s,
  dari: s,
  sampai: s,
  page: s,
});
