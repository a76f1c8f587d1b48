import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as umum } from '@zxcvbn-ts/language-common';
import { dictionary as indonesia, translations } from '@zxcvbn-ts/language-id';

// Password policy (NIST SP 800-63B): 8 to 72 bytes (bcrypt reads no further), not a common or
// easily guessed password (zxcvbn's lists of common passwords, words and names, Indonesian
// included), and not built from the user's own NIP or name.

export const PESAN_KATA_SANDI = {
  terlaluPendek: 'Kata sandi baru paling sedikit 8 karakter.',
  terlaluPanjang: 'Kata sandi baru paling banyak 72 karakter.',
  dataPribadi: 'Kata sandi tidak boleh memuat NIP atau nama Anda.',
  mudahDitebak: 'Kata sandi ini terlalu mudah ditebak.',
  saran: 'Pakai beberapa kata yang tidak umum, misalnya "kopi susu di pangkalpinang", atau campuran huruf, angka dan tanda baca.',
  samaDenganLama: 'Kata sandi baru harus berbeda dari kata sandi lama.',
  tidakSama: 'Konfirmasi kata sandi tidak sama dengan kata sandi baru.',
};

/** zxcvbn's score: 0 (guessed at once) to 4; 3 resists an offline attack on a slow hash. */
const SKOR_MINIMAL = 3;

let penilai: ZxcvbnFactory | undefined;
const nilai = () => (penilai ??= new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary: { ...umum, ...indonesia } }));

/** Why `sandi` is refused for this person, or null when it is acceptable. */
export function tolakKataSandi(sandi: string, pemilik: { nip: string; nama: string }): string | null {
  if (sandi.length < 8) return PESAN_KATA_SANDI.terlaluPendek;
  if (Buffer.byteLength(sandi) > 72) return PESAN_KATA_SANDI.terlaluPanjang;
  if (memuatDataPribadi(sandi, pemilik)) return PESAN_KATA_SANDI.dataPribadi;
  const hasil = nilai().check(sandi, [pemilik.nip, ...pemilik.nama.split(/\s+/)]);
  if (hasil.score >= SKOR_MINIMAL) return null;
  const alasan = hasil.feedback.warning ? ` ${hasil.feedback.warning}` : '';
  return `${PESAN_KATA_SANDI.mudahDitebak}${alasan} ${PESAN_KATA_SANDI.saran}`;
}

/**
 * Eight or more digits of the NIP (a birth date, the whole NIP), or a part of the name: as a whole
 * run of letters ("andi" in "Andi1992!"), or inside one when 5 letters or longer ("pratamaku").
 */
function memuatDataPribadi(sandi: string, pemilik: { nip: string; nama: string }): boolean {
  const huruf = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter(Boolean);
  const nama = huruf(pemilik.nama).filter((n) => n.length >= 3);
  const angka = sandi.match(/\d{8,}/g) ?? [];
  return (
    angka.some((a) => pemilik.nip.includes(a) || a.includes(pemilik.nip)) ||
    huruf(sandi).some((run) => nama.some((n) => run === n || (n.length >= 5 && run.includes(n))))
  );
}

/**
 * A new password and its confirmation, as the password forms name them (password_baru,
 * konfirmasi_password): a message per refused field, none when both are right. With `lama`, the
 * new one must also differ from it.
 */
export function galatKataSandiBaru(
  baru: string,
  konfirmasi: string,
  pemilik: { nip: string; nama: string },
  lama?: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const tolak = lama !== undefined && baru === lama ? PESAN_KATA_SANDI.samaDenganLama : tolakKataSandi(baru, pemilik);
  if (tolak) errors.password_baru = tolak;
  if (konfirmasi !== baru) errors.konfirmasi_password = PESAN_KATA_SANDI.tidakSama;
  return errors;
}
