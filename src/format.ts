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
import { LABEL_STATUS_JADWAL, type StatusJadwal } from './domain/laporan';

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

/** A due report's state; `terlewat`: of a finished item, never filed (no longer late, just missing). */
const TAMPIL_JADWAL: Record<StatusJadwal | 'terlewat', { label: string; warna: string }> = {
  selesai: { label: LABEL_STATUS_JADWAL.selesai, warna: 'success' },
  belum: { label: LABEL_STATUS_JADWAL.belum, warna: 'secondary' },
  terlambat: { label: LABEL_STATUS_JADWAL.terlambat, warna: 'danger' },
  terlewat: { label: 'Tidak dilaporkan', warna: 'light' },
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
  statusJadwal: (s: StatusJadwal | 'terlewat') => TAMPIL_JADWAL[s].label,
  warnaJadwal: (s: StatusJadwal | 'terlewat') => TAMPIL_JADWAL[s].warna,
  jalur: (j: string) => LABEL_JALUR[j as Jalur] ?? j,
  aksi: (a: string) => LABEL_AKSI[a] ?? a,
  kinerja: (k: string) => LABEL_KINERJA[k as KesenjanganKinerja] ?? k,
  /** value of a form field for re-rendering; never undefined */
  nilai: (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v)),
};
export type Fmt = typeof fmt;
