import { isTanggal } from './waktu';

// NIP: birth date YYYYMMDD, TMT CPNS YYYYMM, sex digit (1/2), 3-digit sequence.

export function periksaNip(nip: string): string | null {
  if (!/^\d{18}$/.test(nip)) return 'NIP harus 18 angka.';
  const lahir = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  if (!isTanggal(lahir) || Number(nip.slice(0, 4)) < 1900) return 'Tanggal lahir dalam NIP (angka 1–8) tidak valid.';
  const tmtTahun = Number(nip.slice(8, 12));
  const tmtBulan = Number(nip.slice(12, 14));
  if (tmtBulan < 1 || tmtBulan > 12 || tmtTahun < Number(nip.slice(0, 4)) + 15) return 'TMT CPNS dalam NIP (angka 9–14) tidak valid.';
  const jk = nip.charAt(14);
  if (jk !== '1' && jk !== '2') return 'Kode jenis kelamin dalam NIP (angka 15) harus 1 atau 2.';
  return null;
}

export const isNipValid = (nip: string) => periksaNip(nip) === null;
