// Rules of the rekomendasi request and its letter, pure.

export const JALUR_REKOMENDASI = ['klasikal', 'non_klasikal'] as const;
export type JalurRekomendasi = (typeof JALUR_REKOMENDASI)[number];

/** Who pays: the unit, BKPSDM, both (each its share), or nobody. */
export const SUMBER_BIAYA = {
  pd: 'Perangkat Daerah (PD)',
  bkpsdm: 'BKPSDMD',
  pd_bkpsdm: 'PD dan BKPSDMD',
  tanpa_biaya: 'Tanpa biaya',
} as const;
export type SumberBiaya = keyof typeof SUMBER_BIAYA;
export const KODE_SUMBER_BIAYA = Object.keys(SUMBER_BIAYA) as SumberBiaya[];

export const JENIS_BERKAS = { surat_usulan: 'Surat usulan dari PD', surat_pemanggilan: 'Surat pemanggilan peserta' } as const;

/** The statuses the employee's list filters by. */
export const STATUS_DAFTAR = ['konsep', 'terkirim', 'diterima', 'ditolak'] as const;
/** Sent requests: the only ones BKPSDM sees (drafts are the employee's own business). */
export const STATUS_TERKIRIM = ['terkirim', 'diterima', 'ditolak'] as const;

/** The largest cost (and share) a request may carry, in rupiah. */
export const BIAYA_MAKS = 10_000_000_000;

/** The letter number when the settings give no pattern. */
export const POLA_NOMOR_BAKU = '800/{nomor}/BKPSDMD/{tahun}';

/** The letter number of the `urut`-th letter of `tahun` by a pattern with {nomor} and {tahun}. */
export function nomorSurat(pola: string, urut: number, tahun: number): string {
  return pola.replaceAll('{nomor}', String(urut).padStart(4, '0')).replaceAll('{tahun}', String(tahun));
}

/** The file name of a letter's PDF, from its number. */
export function namaFileSurat(nomor: string): string {
  return `surat-rekomendasi-${nomor.replace(/[^\w-]+/g, '-')}.pdf`;
}

/** RFC 4648 base32, lower case, without padding: easy to read aloud and to type. */
export function base32(buf: Uint8Array): string {
  const abjad = 'abcdefghijklmnopqrstuvwxyz234567';
  let bit = 0;
  let nilai = 0;
  let out = '';
  for (const b of buf) {
    nilai = (nilai << 8) | b;
    bit += 8;
    while (bit >= 5) {
      out += abjad[(nilai >>> (bit - 5)) & 31];
      bit -= 5;
    }
  }
  if (bit > 0) out += abjad[(nilai << (5 - bit)) & 31];
  return out;
}

/** A verification code as typed (any case, spaces or dashes) → its canonical form, or null. */
export function kodeVerifikasi(mentah: string): string | null {
  const kode = mentah.toLowerCase().replace(/[\s-]+/g, '');
  return /^[a-z2-7]{26}$/.test(kode) ? kode : null;
}

/** The same name, ignoring case and spacing ("BADAN KEPEGAWAIAN …" and "Badan Kepegawaian …"). */
export function namaSama(a: string, b: string | undefined): boolean {
  const n = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return !!b && n(a) === n(b);
}
