import { z } from 'zod';
import { teks } from '../validasi';

export const loginSchema = z.object({
  nip: z.preprocess(teks, z.string().regex(/^\d{18}$/)),
  password: z.string().min(1).max(200),
});

// Every field becomes a string (missing or an array: empty), so the service gives the messages.
export const gantiPasswordSchema = z.object({
  password_lama: z.preprocess(teks, z.string()),
  password_baru: z.preprocess(teks, z.string()),
  konfirmasi_password: z.preprocess(teks, z.string()),
});
