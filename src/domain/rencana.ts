import { parseAngka, parseBulat, parseDesimal } from './angka';
import { isTanggal } from './waktu';
import { JALUR, type Jalur } from './status';
import type { FieldErrors } from '../errors';
import { isOneOf } from './pilihan';

// Validation of the plan form and of one training row, against the master lists.
// Pure: the inputs are the form's strings, the outputs typed values or messages per field.

export const MAKS_BARIS = 20;
export const JENJANG = ['D3', 'D4', 'S1', 'S2', 'S3', 'Profesi', 'Spesialis'] as const;
export const PANJANG = { materi: 500, lembaga: 200, alasan: 1000, email: 254, program_studi: 200, perguruan_tinggi: 200 };

export const PESAN = {
  jalur: 'Pilih jalur pengembangan.',
  tahun: 'Pilih tahun perencanaan.',
  jenisJabatan: 'Pilih jenis jabatan Anda saat ini.',
  email: 'Isi alamat e-mail yang valid.',
  kinerja: 'Isi penilaian kinerja antara 1 dan 100 (contoh: 87,5).',
  skj: 'Pilih level 1–5 yang sesuai dengan profil keseharian Anda.',
  persetujuan: 'Centang pernyataan persetujuan sebelum mengajukan.',
  barisKosong: 'Isi paling sedikit satu pelatihan.',
  barisBanyak: `Paling banyak ${MAKS_BARIS} pelatihan dalam satu pengajuan.`,
  bentuk: 'Pilih bentuk pengembangan dari jalur ini.',
  jp: 'Isi JP dengan bilangan bulat 1–1.000.',
  tanggal: (tahun: number) => `Isi tanggal pelaksanaan di tahun ${tahun}.`,
  wajib: (label: string) => `${label} wajib diisi.`,
  panjang: (label: string, n: number) => `${label} paling banyak ${n} karakter.`,
  anggaran: 'Isi anggaran dalam Rupiah, 0 sampai 1 triliun (contoh: 2.500.000).',
  sumberDana: 'Pilih sumber dana.',
  jenjang: 'Pilih jenjang pendidikan.',
};

export interface Masters {
  jenisJabatan: Set<string>;
  kompetensi: string[];
  /** bentuk kode → jalur */
  bentuk: Map<string, string>;
  sumberDana: Set<string>;
}

export interface BarisInput {
  bentuk: string;
  jp: string;
  tanggal: string;
  materi: string;
  anggaran: string;
  lembaga: string;
  sumber_dana: string;
  alasan: string;
  program_studi: string;
  jenjang: string;
  perguruan_tinggi: string;
}

export interface Baris {
  bentuk_kode: string;
  jp: number;
  tanggal: string;
  materi: string;
  anggaran: number;
  lembaga: string;
  sumber_dana_kode: string;
  alasan: string;
  program_studi: string | null;
  jenjang: string | null;
  perguruan_tinggi: string | null;
}

const KONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function teksWajib(v: string, label: string, maks: number, key: string, errors: FieldErrors): string {
  if (!v) errors[key] = PESAN.wajib(label);
  else if (v.length > maks) errors[key] = PESAN.panjang(label, maks);
  else if (KONTROL.test(v)) errors[key] = `${label} berisi karakter yang tidak diizinkan.`;
  return v;
}

/** One training row; `prefix` names the fields in the form ('' for the edit form, 'pelatihan[0]' in the plan). */
export function validasiBaris(b: BarisInput, jalur: Jalur, tahun: number, m: Masters, prefix: string, errors: FieldErrors): Baris {
  const k = (f: string) => (prefix ? `${prefix}[${f}]` : f);
  if (m.bentuk.get(b.bentuk) !== jalur) errors[k('bentuk')] = PESAN.bentuk;
  const jp = parseBulat(b.jp);
  if (jp === null || jp < 1 || jp > 1000) errors[k('jp')] = PESAN.jp;
  if (!isTanggal(b.tanggal) || !b.tanggal.startsWith(`${tahun}-`)) errors[k('tanggal')] = PESAN.tanggal(tahun);
  const anggaran = b.anggaran === '' ? 0 : parseAngka(b.anggaran);
  if (anggaran === null || anggaran < 0 || anggaran > 1e12 || Math.round(anggaran * 100) !== anggaran * 100)
    errors[k('anggaran')] = PESAN.anggaran;
  if (!m.sumberDana.has(b.sumber_dana)) errors[k('sumber_dana')] = PESAN.sumberDana;
  const baris: Baris = {
    bentuk_kode: b.bentuk,
    jp: jp ?? 0,
    tanggal: b.tanggal,
    materi: teksWajib(b.materi, 'Materi pengembangan', PANJANG.materi, k('materi'), errors),
    anggaran: anggaran ?? 0,
    lembaga: teksWajib(b.lembaga, 'Lembaga penyelenggara', PANJANG.lembaga, k('lembaga'), errors),
    sumber_dana_kode: b.sumber_dana,
    alasan: teksWajib(b.alasan, 'Alasan mengikuti pelatihan', PANJANG.alasan, k('alasan'), errors),
    program_studi: null,
    jenjang: null,
    perguruan_tinggi: null,
  };
  if (jalur === 'tugas_belajar') {
    baris.program_studi = teksWajib(b.program_studi, 'Program studi', PANJANG.program_studi, k('program_studi'), errors);
    baris.perguruan_tinggi = teksWajib(b.perguruan_tinggi, 'Perguruan tinggi', PANJANG.perguruan_tinggi, k('perguruan_tinggi'), errors);
    if (!isOneOf(JENJANG, b.jenjang)) errors[k('jenjang')] = PESAN.jenjang;
    baris.jenjang = b.jenjang;
  }
  return baris;
}

/** The plan's header: what the employee says about themself once a year (jenis jabatan, SKJ, kinerja, e-mail). */
export interface KepalaInput {
  jenis_jabatan: string;
  email: string;
  penilaian_kinerja: string;
  skj: Record<string, string>;
}

export interface Kepala {
  jenis_jabatan: string;
  email: string;
  penilaian_kinerja: number;
  skj: Record<string, number>;
}

export const KINERJA_MIN = 1;
export const KINERJA_MAKS = 100;

/** The header's fields, shared by the plan form and the header's edit form. */
export function validasiKepala(input: KepalaInput, m: Masters, errors: FieldErrors): Kepala {
  if (!m.jenisJabatan.has(input.jenis_jabatan)) errors.jenis_jabatan = PESAN.jenisJabatan;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(input.email) || input.email.length > PANJANG.email) errors.email = PESAN.email;
  const kinerja = parseDesimal(input.penilaian_kinerja);
  if (kinerja === null || kinerja < KINERJA_MIN || kinerja > KINERJA_MAKS) errors.penilaian_kinerja = PESAN.kinerja;
  const skj: Record<string, number> = {};
  for (const kode of m.kompetensi) {
    const level = parseBulat(input.skj[kode] ?? '');
    if (level === null || level < 1 || level > 5) errors[`skj[${kode}]`] = PESAN.skj;
    else skj[kode] = level;
  }
  return { jenis_jabatan: input.jenis_jabatan, email: input.email, penilaian_kinerja: kinerja ?? 0, skj };
}

export interface RencanaInput extends KepalaInput {
  tahun: string;
  jalur: string;
  pelatihan: BarisInput[];
  persetujuan: string;
}

export interface Rencana extends Kepala {
  tahun: number;
  jalur: Jalur;
  pelatihan: Baris[];
}

export function validasiRencana(input: RencanaInput, m: Masters): { rencana: Rencana; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const jalur = input.jalur as Jalur;
  if (!isOneOf(JALUR, jalur)) errors.jalur = PESAN.jalur;
  const tahun = parseBulat(input.tahun);
  if (tahun === null || tahun < 2000 || tahun > 2100) errors.tahun = PESAN.tahun;
  const kepala = validasiKepala(input, m, errors);
  if (input.persetujuan !== '1') errors.persetujuan = PESAN.persetujuan;
  const pelatihan: Baris[] = [];
  if (input.pelatihan.length === 0) errors.pelatihan = PESAN.barisKosong;
  else if (input.pelatihan.length > MAKS_BARIS) errors.pelatihan = PESAN.barisBanyak;
  else if (!errors.jalur && !errors.tahun)
    input.pelatihan.forEach((b, i) => pelatihan.push(validasiBaris(b, jalur, tahun!, m, `pelatihan[${i}]`, errors)));
  return { rencana: { ...kepala, tahun: tahun ?? 0, jalur, pelatihan }, errors };
}
