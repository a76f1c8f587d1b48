import { z } from 'zod';
import { teks } from '../validasi';

export const loginSchema = z.object({
  nip: z.preprocess(teks, z.string().regex(/^\d{18}$/)),
  password: z.string().min(1).max(200),
});

// Passwords are taken as typed (not trimmed). Whether the old one is right, the new one strong
// (not guessable from the user's name or NIP), different and confirmed is checked by the service,
// all at once, so one submission shows every message.
const kataSandi = (pesan: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().min(1, pesan).max(200, 'Kata sandi paling panjang 200 karakter.'));

export const gantiPasswordSchema = z.object({
  password_lama: kataSandi('Masukkan kata sandi lama.'),
  password_baru: kataSandi('Masukkan kata sandi baru.'),
  konfirmasi_password: kataSandi('Ulangi kata sandi baru.'),
});
