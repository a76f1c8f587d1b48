// Everything a template prints goes through here: money, dates, times, statuses.
import { formatAngka, formatRupiah } from './domain/angka';
import { formatTanggal, formatWaktu } from './domain/waktu';
import {
  LABEL_AKSI,
  LABEL_JALUR,
  LABEL_STATUS_REKOMENDASI,
  LABEL_STATUS_RINCIAN,
  type Jalur,
  type StatusRekomendasi,
  type StatusRincian,
} from './domain/status';
import { LABEL_KINERJA, type KesenjanganKinerja } from './domain/kesenjangan';

const WARNA_RINCIAN: Record<string, string> = {
  konsep: 'secondary',
  dikirim: 'warning',
  diterima: 'success',
  ditolak: 'danger',
  berjalan: 'primary',
  selesai: 'dark',
  dihapus: 'light',
};
const WARNA_REKOMENDASI: Record<string, string> = {
  konsep: 'secondary',
  terkirim: 'warning',
  diterima: 'success',
  ditolak: 'danger',
  dihapus: 'light',
};

export const fmt = {
  rupiah: formatRupiah,
  angka: formatAngka,
  tanggal: formatTanggal,
  waktu: formatWaktu,
  rentang: (a: string | null | undefined, b: string | null | undefined) =>
    a && b ? (a === b ? formatTanggal(a) : `${formatTanggal(a)} s/d ${formatTanggal(b)}`) : '-',
  statusRincian: (s: string) => LABEL_STATUS_RINCIAN[s as StatusRincian] ?? s,
  warnaRincian: (s: string) => WARNA_RINCIAN[s] ?? 'secondary',
  statusRekomendasi: (s: string) => LABEL_STATUS_REKOMENDASI[s as StatusRekomendasi] ?? s,
  warnaRekomendasi: (s: string) => WARNA_REKOMENDASI[s] ?? 'secondary',
  jalur: (j: string) => LABEL_JALUR[j as Jalur] ?? j,
  aksi: (a: string) => LABEL_AKSI[a] ?? a,
  kinerja: (k: string) => LABEL_KINERJA[k as KesenjanganKinerja] ?? k,
  /** value of a form field for re-rendering; never undefined */
  nilai: (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v)),
};
export type Fmt = typeof fmt;
