import { z } from 'zod';
import { teks } from '../validasi';
import { MAKS_SEKALIGUS, PESAN_KEPUTUSAN, salahAlasan } from '../../domain/verifikasi';

const teksMentah = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

// The decision on one item: every field becomes a string (missing or an array: empty). Its rules
// are checked by the service after who may decide and the item's state (404/409 before 422).
export const keputusanSchema = z.object({
  keputusan: z.preprocess(teks, z.string()),
  alasan: teksMentah,
});

/** ids[] from checkboxes: one value or many; anything that is not a whole number is dropped; each once, in order. */
export function idsDari(v: unknown): number[] {
  const ids = (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .map(teks)
    .filter((s) => /^\d{1,9}$/.test(s))
    .map(Number);
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Accepting several items with one reason: the choice and the reason, both checked here. */
export const terimaBanyakSchema = z
  .object({
    ids: z.preprocess(idsDari, z.array(z.number())),
    alasan: teksMentah.transform((s) => s.trim()),
  })
  .superRefine((v, ctx) => {
    if (!v.ids.length) ctx.addIssue({ code: 'custom', path: ['ids'], message: PESAN_KEPUTUSAN.pilihItem });
    else if (v.ids.length > MAKS_SEKALIGUS) ctx.addIssue({ code: 'custom', path: ['ids'], message: PESAN_KEPUTUSAN.terlaluBanyak });
    const salah = salahAlasan(v.alasan);
    if (salah) ctx.addIssue({ code: 'custom', path: ['alasan'], message: salah });
  });

export const filterSchema = z.object({
  jalur: z.preprocess(teks, z.string()),
  q: z.preprocess(teks, z.string()),
  // an employee's id (at most 9 digits: within the id column); anything else is no filter
  pegawai: z.preprocess((v) => (/^[1-9]\d{0,8}$/.test(teks(v)) ? teks(v) : ''), z.string()),
  page: z.preprocess(teks, z.string()),
});
