import { LABEL_FREKUENSI } from '../domain/laporan';
import { LABEL_JALUR, LABEL_STATUS_RINCIAN } from '../domain/status';
import type { InstansiRingkas, RekapKelompokRow, RekapUnitRow, RincianRekapRow } from '../data/rekap';
import type { PengaturanKop } from './kop';

// What the rekap exports (rekap.xlsx, rekap.pdf) print: plain data handed over by the service.

/** The counts of one unit or of the province, with the budget as a number. */
export type AngkaRekap = Omit<RekapUnitRow, keyof InstansiRingkas | 'anggaran'> & { anggaran: number };
export type UnitRekap = Omit<RekapUnitRow, 'anggaran'> & { anggaran: number };
export type KelompokRekap = Omit<RekapKelompokRow, 'anggaran'> & { anggaran: number };

export interface RekapEkspor {
  tahun: number;
  /** the unit asked for; none: the province */
  unit?: Pick<InstansiRingkas, 'kode' | 'nama'> | undefined;
  dibuat: Date;
  /** the letterhead settings ('surat.*') */
  surat: PengaturanKop;
  perUnit: UnitRekap[];
  total: AngkaRekap;
  perBentuk: KelompokRekap[];
  perSumberDana: KelompokRekap[];
  /** the accepted items with every field */
  rincian: RincianRekapRow[];
}

/** A code shown by its label; an unknown code as it is. */
function label(peta: Record<string, string>, kode: string): string {
  return Object.hasOwn(peta, kode) ? (peta[kode] ?? kode) : kode;
}
export const labelJalur = (j: string) => label(LABEL_JALUR, j);
export const labelStatus = (s: string) => label(LABEL_STATUS_RINCIAN, s);
export const labelFrekuensi = (f: string | null) => (f ? label(LABEL_FREKUENSI, f) : null);

/** The file name of an export: `awal-tahun[-kode unit].ext`. */
export function namaBerkas(d: { tahun: number; unit?: { kode: string } | undefined }, awal: string, ext: string) {
  return `${awal}-${d.tahun}${d.unit ? '-' + d.unit.kode.replace(/[^\w-]/g, '') : ''}.${ext}`;
}
