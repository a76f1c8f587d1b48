// The status machines of Bangkom, one table each. Every transition goes through services/transisi.ts.
import { isOneOf } from './pilihan';

export type StatusRincian = 'konsep' | 'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai' | 'dihapus';
export type StatusRekomendasi = 'konsep' | 'terkirim' | 'diterima' | 'ditolak' | 'dihapus';
export type Pelaku = 'pemilik' | 'atasan' | 'bkpsdm';

export interface Transisi<S extends string> {
  dari: readonly S[];
  /** null: the action keeps the status (an edit), but is still recorded */
  ke: S | null;
  oleh: Pelaku;
  /** refused once the period's deadline has passed */
  batas: boolean;
}

export const AKSI_RINCIAN = {
  edit: { dari: ['konsep', 'ditolak'], ke: null, oleh: 'pemilik', batas: true },
  kirim: { dari: ['konsep', 'ditolak'], ke: 'dikirim', oleh: 'pemilik', batas: true },
  hapus: { dari: ['konsep', 'ditolak'], ke: 'dihapus', oleh: 'pemilik', batas: true },
  terima: { dari: ['dikirim'], ke: 'diterima', oleh: 'atasan', batas: false },
  tolak: { dari: ['dikirim'], ke: 'ditolak', oleh: 'atasan', batas: false },
  mulai: { dari: ['diterima'], ke: 'berjalan', oleh: 'pemilik', batas: false },
  selesai: { dari: ['berjalan'], ke: 'selesai', oleh: 'pemilik', batas: false },
} as const satisfies Record<string, Transisi<StatusRincian>>;
export type AksiRincian = keyof typeof AKSI_RINCIAN;

/** Items that count as accepted in the plan: decided in favour, running or finished. */
export const STATUS_DITERIMA = ['diterima', 'berjalan', 'selesai'] as const satisfies readonly StatusRincian[];
/** Items that carry reports (and so realised JP): running or finished. */
export const STATUS_BERLAPOR = ['berjalan', 'selesai'] as const satisfies readonly StatusRincian[];

export const AKSI_REKOMENDASI = {
  edit: { dari: ['konsep'], ke: null, oleh: 'pemilik', batas: false },
  kirim: { dari: ['konsep'], ke: 'terkirim', oleh: 'pemilik', batas: false },
  hapus: { dari: ['konsep'], ke: 'dihapus', oleh: 'pemilik', batas: false },
  terima: { dari: ['terkirim'], ke: 'diterima', oleh: 'bkpsdm', batas: false },
  tolak: { dari: ['terkirim'], ke: 'ditolak', oleh: 'bkpsdm', batas: false },
} as const satisfies Record<string, Transisi<StatusRekomendasi>>;
export type AksiRekomendasi = keyof typeof AKSI_REKOMENDASI;

export function bolehRincian(aksi: AksiRincian, status: string): boolean {
  return isOneOf(AKSI_RINCIAN[aksi].dari, status);
}
export function bolehRekomendasi(aksi: AksiRekomendasi, status: string): boolean {
  return isOneOf(AKSI_REKOMENDASI[aksi].dari, status);
}

export const LABEL_STATUS_RINCIAN: Record<StatusRincian, string> = {
  konsep: 'Konsep',
  dikirim: 'Proses Verifikasi',
  diterima: 'Diterima',
  // the atasan returned it ("Kembalikan ke Pengaju untuk Direvisi Kembali"): it can be revised and sent again
  ditolak: 'Dikembalikan untuk Revisi',
  berjalan: 'Berjalan',
  selesai: 'Selesai',
  dihapus: 'Dihapus',
};

export const LABEL_STATUS_REKOMENDASI: Record<StatusRekomendasi, string> = {
  konsep: 'Konsep',
  terkirim: 'Terkirim',
  diterima: 'Diterima',
  ditolak: 'Ditolak',
  dihapus: 'Dihapus',
};

export const LABEL_AKSI: Record<string, string> = {
  buat: 'Dibuat',
  edit: 'Diubah',
  kirim: 'Dikirim ke atasan',
  hapus: 'Dihapus',
  terima: 'Diterima',
  tolak: 'Dikembalikan untuk direvisi',
  mulai: 'Mulai dilaksanakan',
  selesai: 'Selesai (laporan akhir)',
};

export const JALUR = ['tugas_belajar', 'klasikal', 'non_klasikal'] as const;
export type Jalur = (typeof JALUR)[number];
export const LABEL_JALUR: Record<Jalur, string> = {
  tugas_belajar: 'Tugas Belajar',
  klasikal: 'Pelatihan Klasikal',
  non_klasikal: 'Pelatihan Non Klasikal',
};
/** URL segment ↔ jalur */
export const JALUR_DARI_SLUG: Record<string, Jalur> = {
  'tugas-belajar': 'tugas_belajar',
  klasikal: 'klasikal',
  'non-klasikal': 'non_klasikal',
};
export const SLUG_JALUR: Record<Jalur, string> = {
  tugas_belajar: 'tugas-belajar',
  klasikal: 'klasikal',
  non_klasikal: 'non-klasikal',
};
