import { z } from 'zod';
import { teks } from '../validasi';
import type { BarisInput, KepalaInput, RencanaInput } from '../../domain/rencana';
import { MAKS_BARIS } from '../../domain/rencana';
import { JALUR } from '../../domain/status';
import { isOneOf } from '../../domain/pilihan';

// The plan forms' bodies normalised to strings: arrays, objects or missing values become '' so that
// every field gets its Indonesian message from the domain's validation (domain/rencana.ts), never
// a crash. Those rules need the master lists and come after who may act and the deadline, so the
// service applies them, every message at once; the routes apply these schemas with validate().

const s = z.preprocess(teks, z.string());
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const barisSchema = z.preprocess(
  (v) => (isObj(v) ? v : {}),
  z.object({
    bentuk: s,
    jp: s,
    tanggal: s,
    materi: s,
    anggaran: s,
    lembaga: s,
    sumber_dana: s,
    alasan: s,
    program_studi: s,
    jenjang: s,
    perguruan_tinggi: s,
  }),
);

/** pelatihan[i] arrives as an array, or as an object keyed by index past qs's array limit. */
function daftarBaris(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.slice(0, MAKS_BARIS + 1);
  if (isObj(v))
    return Object.keys(v)
      .filter((k) => /^\d{1,3}$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .slice(0, MAKS_BARIS + 1)
      .map((k) => v[k]);
  return [];
}

/** The plan's header: the fields of GET/POST /pengajuan/rencana/:tahun, also part of the plan form. */
export const kepalaSchema = z.object({
  jenis_jabatan: s,
  email: s,
  penilaian_kinerja: s,
  skj: z.preprocess(
    (v) =>
      isObj(v)
        ? Object.fromEntries(
            Object.entries(v)
              .slice(0, 50)
              .map(([k, x]) => [k, teks(x)]),
          )
        : {},
    z.record(z.string(), z.string()),
  ),
});

export const rencanaSchema = kepalaSchema.extend({
  tahun: s,
  jalur: s,
  pelatihan: z.preprocess(daftarBaris, z.array(barisSchema)),
  persetujuan: s,
});

/** A form's values as typed, for showing it again. */
export function rencanaDariBody(body: unknown): RencanaInput {
  return rencanaSchema.parse(isObj(body) ? body : {});
}

export function kepalaDariBody(body: unknown): KepalaInput {
  return kepalaSchema.parse(isObj(body) ? body : {});
}

export function barisDariBody(body: unknown): BarisInput {
  return barisSchema.parse(body);
}

/** "Kirim semua" of a year's drafts. */
export const kirimSemuaSchema = z.object({
  tahun: z.preprocess(teks, z.string().regex(/^\d{4}$/, 'Pilih tahun.')).transform(Number),
});

export const BARIS_KOSONG: BarisInput = {
  bentuk: '',
  jp: '',
  tanggal: '',
  materi: '',
  anggaran: '',
  lembaga: '',
  sumber_dana: '',
  alasan: '',
  program_studi: '',
  jenjang: '',
  perguruan_tinggi: '',
};

export const filterSchema = z.object({
  tahun: z.preprocess((v) => (/^\d{4}$/.test(teks(v)) ? Number(teks(v)) : undefined), z.number().optional()),
  jalur: z.preprocess((v) => (isOneOf(JALUR, teks(v)) ? teks(v) : undefined), z.string().optional()),
  status: z.preprocess(
    (v) => (['konsep', 'dikirim', 'diterima', 'ditolak', 'berjalan', 'selesai'].includes(teks(v)) ? teks(v) : undefined),
    z.string().optional(),
  ),
  q: z.preprocess((v) => teks(v).slice(0, 100) || undefined, z.string().optional()),
  page: z.preprocess((v) => Math.min(Math.max(1, Number.parseInt(teks(v), 10) || 1), 100000), z.number()),
});
