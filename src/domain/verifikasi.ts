// The atasan's decision on an item: how long it may wait, and what a decision needs.

/** Waiting longer than this is marked on the page and in the daily digest. */
export const BATAS_TUNGGU_HARI = 14;

/** At most this many items are accepted with one reason at once. */
export const MAKS_SEKALIGUS = 100;

export const ALASAN_MAKS = 1000;

export const PESAN_KEPUTUSAN = {
  alasanWajib: 'Alasan keputusan wajib diisi, baik diterima maupun ditolak.',
  alasanPanjang: `Alasan keputusan paling banyak ${ALASAN_MAKS} karakter.`,
  keputusan: 'Pilih Verifikasi Pengajuan (terima) atau Kembalikan ke Pengaju (tolak).',
  pilihItem: 'Pilih paling sedikit satu pengajuan.',
  terlaluBanyak: `Paling banyak ${MAKS_SEKALIGUS} pengajuan sekaligus.`,
};

/** What is wrong with a decision's reason (already trimmed), or null. */
export function salahAlasan(alasan: string): string | null {
  if (!alasan) return PESAN_KEPUTUSAN.alasanWajib;
  if (alasan.length > ALASAN_MAKS) return PESAN_KEPUTUSAN.alasanPanjang;
  return null;
}

/** Whole days an item has waited since it was sent (0 when it was not). */
export function lamaTunggu(dikirim: Date | null, now: Date): number {
  if (!dikirim) return 0;
  return Math.max(0, Math.floor((now.getTime() - new Date(dikirim).getTime()) / 86_400_000));
}
