import { z } from 'zod';
import { PESAN } from '../../services/lupa-password';
import { teks } from '../validasi';

export const mintaSchema = z.object({
  nip: z.preprocess(teks, z.string().regex(/^\d{18}$/, PESAN.nip)),
});

// Passwords are taken as typed (not trimmed). Whether the new one is strong (not guessable from the
// account's name or NIP) and confirmed is checked by the service, together, so one submission
// shows every message.
const kataSandi = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

export const aturSchema = z.object({
  password_baru: kataSandi,
  konfirmasi_password: kataSandi,
});
