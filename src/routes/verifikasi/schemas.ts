import { z } from 'zod';
import { teks } from '../validasi';

// Every field becomes a string (missing or an array: empty), so the service gives the messages.
export const keputusanSchema = z.object({
  keputusan: z.preprocess(teks, z.string()),
  alasan: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

/** ids[] from checkboxes: one value or many; anything that is not a whole number is dropped. */
export const terimaBanyakSchema = z.object({
  ids: z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v])
        .map(teks)
        .filter((s) => /^\d{1,9}$/.test(s))
        .map(Number),
    z.array(z.number()),
  ),
  alasan: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

export const filterSchema = z.object({
  jalur: z.preprocess(teks, z.string()),
  q: z.preprocess(teks, z.string()),
  pegawai: z.preprocess(teks, z.string()),
  page: z.preprocess(teks, z.string()),
});
