import { awalHariWIB, formatTanggal, formatWaktu, tambahHari, tanggalWIB, selisihHari } from './waktu';

// Planning for year Y is open until the end of its deadline day in WIB.

export interface Periode {
  tahun: number;
  batas_pengajuan: string;
}

/** The first moment at which the period is closed: 00:00 WIB the day after the deadline. */
export function saatTerkunci(periode: Periode): Date {
  return awalHariWIB(tambahHari(periode.batas_pengajuan, 1));
}

export function isTerbuka(periode: Periode | undefined | null, now: Date): boolean {
  return !!periode && now.getTime() < saatTerkunci(periode).getTime();
}

/** Days left including today (0 when closed). */
export function sisaHari(periode: Periode, now: Date): number {
  if (!isTerbuka(periode, now)) return 0;
  return selisihHari(tanggalWIB(now), periode.batas_pengajuan) + 1;
}

export function batasBaku(tahun: number): string {
  return `${tahun - 1}-11-30`;
}

/** Why planning of a year is refused: no period yet, or its deadline has passed. */
export const PESAN_PERIODE = {
  belumDibuka: (tahun: number) => `Perencanaan tahun ${tahun} belum dibuka oleh BKPSDMD. Pilih tahun lain atau hubungi BKPSDMD.`,
  terkunci: (p: Periode) =>
    `Periode perencanaan tahun ${p.tahun} sudah terkunci sejak ${formatWaktu(saatTerkunci(p))} ` +
    `(batas pengajuan ${formatTanggal(p.batas_pengajuan)}). Usulan tahun ${p.tahun} tidak dapat lagi dibuat, diubah, dikirim, atau dihapus. ` +
    `Hubungi BKPSDMD bila batas waktu perlu diperpanjang.`,
};
