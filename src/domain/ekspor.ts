// The exports kept ready (table `ekspor`): which files, their content types, and which of them a
// unit has of its own (the SIASN files are the province's only).

export const JENIS_EKSPOR = ['rekap.xlsx', 'rekap.pdf', 'capaian-jp.xlsx', 'siasn.csv', 'siasn.xlsx'] as const;
export type JenisEkspor = (typeof JENIS_EKSPOR)[number];

export const TIPE_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const TIPE_EKSPOR: Record<JenisEkspor, string> = {
  'rekap.xlsx': TIPE_XLSX,
  'rekap.pdf': 'application/pdf',
  'capaian-jp.xlsx': TIPE_XLSX,
  'siasn.csv': 'text/csv; charset=utf-8; header=present',
  'siasn.xlsx': TIPE_XLSX,
};

/** The years built in the background: this year and the one before (older ones on demand). */
export const tahunEkspor = (tahunIni: number): number[] => [tahunIni, tahunIni - 1];

/** An export is never served from a build of an older version of the data than the one read now. */
export const versiLebihBaru = (a: string, b: string | null): boolean => b === null || BigInt(a) > BigInt(b);
