import { isTanggal } from './waktu';

// NIP: birth date YYYYMMDD, TMT CPNS YYYYMM, sex digit (1/2), 3-digit sequence.
//
// Bounds chosen (PP 11/2017: a CPNS applicant is at least 18, at most 35, or 40 for some posts):
// - birth year from 1940 (nobody born earlier is still in service), and, when the caller passes
//   this year, at most this year − 17;
// - TMT CPNS a real month, its year at least birth year + 17 (18 at application, one year of slack
//   for back-dated records) and at most birth year + 60 (a typo guard that needs no clock), and,
//   when the caller passes this year, at most next year;
// - sex digit 1 (male) or 2 (female);
// - sequence 001–999: 000 is never issued. An 18-digit NIP typed into Excel as a number keeps only
//   15 significant digits, so it always ends in 000 (199203142019031002 → 199203142019031000), or is
//   shown in scientific notation (1,99203E+17). Both are refused with how to fix the file.

export const TAHUN_LAHIR_MIN = 1940;
const USIA_MIN_CPNS = 17;
const SELISIH_TMT_MAKS = 60;

export const PESAN_NIP = {
  angka: 'NIP harus 18 angka.',
  ilmiah:
    'NIP tertulis dalam notasi ilmiah (misalnya 1,99203E+17): Excel menyimpannya sebagai angka dan sudah membulatkannya. ' +
    'Format kolom NIP sebagai Teks (Format Cells → Text), isi ulang NIP lengkap 18 angka dari data kepegawaian, lalu simpan lagi.',
  dibulatkan:
    'NIP berakhiran 000 tampaknya dibulatkan oleh Excel (Excel hanya menyimpan 15 angka, tiga angka terakhir menjadi 000; ' +
    'nomor urut 000 tidak pernah diterbitkan). Format kolom NIP sebagai Teks (Format Cells → Text), isi ulang NIP lengkap 18 angka ' +
    'dari data kepegawaian, lalu simpan lagi.',
  lahir: `Tanggal lahir dalam NIP (angka 1–8) tidak valid: harus tanggal yang ada, tahun ${TAHUN_LAHIR_MIN} atau sesudahnya.`,
  tmt: `TMT CPNS dalam NIP (angka 9–14) tidak valid: harus tahun dan bulan (01–12), ${USIA_MIN_CPNS} sampai ${SELISIH_TMT_MAKS} tahun setelah tahun lahir.`,
  jenisKelamin: 'Kode jenis kelamin dalam NIP (angka 15) harus 1 atau 2.',
};

/** What a spreadsheet shows for a long number: 1.99203E+17, 1,99203142E+17. */
const NOTASI_ILMIAH = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/**
 * The structure of a NIP, or why it is wrong. `tahunIni` (the WIB year of the application's clock)
 * adds the upper bounds of the birth and TMT years; without it those are left to the TMT rule.
 */
export function periksaNip(nip: string, tahunIni?: number): string | null {
  if (NOTASI_ILMIAH.test(nip)) return PESAN_NIP.ilmiah;
  if (!/^\d{18}$/.test(nip)) return PESAN_NIP.angka;
  // before the other checks: rounding can also turn the TMT month into 13 or the sex digit into 3
  if (nip.endsWith('000')) return PESAN_NIP.dibulatkan;
  const tahunLahir = Number(nip.slice(0, 4));
  const lahir = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  if (!isTanggal(lahir) || tahunLahir < TAHUN_LAHIR_MIN || (tahunIni !== undefined && tahunLahir > tahunIni - USIA_MIN_CPNS))
    return PESAN_NIP.lahir;
  const tmtTahun = Number(nip.slice(8, 12));
  const tmtBulan = Number(nip.slice(12, 14));
  if (
    tmtBulan < 1 ||
    tmtBulan > 12 ||
    tmtTahun < tahunLahir + USIA_MIN_CPNS ||
    tmtTahun > tahunLahir + SELISIH_TMT_MAKS ||
    (tahunIni !== undefined && tmtTahun > tahunIni + 1)
  )
    return PESAN_NIP.tmt;
  const jk = nip.charAt(14);
  if (jk !== '1' && jk !== '2') return PESAN_NIP.jenisKelamin;
  return null;
}

export const isNipValid = (nip: string, tahunIni?: number) => periksaNip(nip, tahunIni) === null;
