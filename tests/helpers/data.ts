import type { Knex } from 'knex';
import { idPegawai } from './app';
import { WAKTU_UJI } from './waktu';
import { tambahHari } from '../../src/domain/waktu';

// Rows made directly in the database, for tests of features that start from a given state.

export interface RincianBaru {
  nip: string;
  tahun: number;
  status?: 'konsep' | 'dikirim' | 'diterima' | 'ditolak' | 'berjalan' | 'selesai';
  jalur?: 'tugas_belajar' | 'klasikal' | 'non_klasikal';
  bentuk?: string;
  jp?: number;
  tanggal?: string;
  materi?: string;
  anggaran?: number;
  lembaga?: string;
  sumber_dana?: string;
  /** for berjalan/selesai */
  tanggal_mulai?: string;
  tanggal_selesai?: string;
  frekuensi_laporan?: 'sekali' | 'harian' | 'mingguan' | 'bulanan' | 'tahunan';
  dikirim_at?: Date;
}

/** Makes a plan header (if needed) and one item in the given status, with its history rows. */
export async function buatRincian(knex: Knex, r: RincianBaru): Promise<number> {
  const pegawaiId = await idPegawai(knex, r.nip);
  const p = await knex('pegawai').where({ id: pegawaiId }).first();
  await knex('periode')
    .insert({ tahun: r.tahun, batas_pengajuan: `${r.tahun - 1}-11-30` })
    .onConflict('tahun')
    .ignore();
  const [h] = await knex('pengajuan')
    .insert({
      pegawai_id: pegawaiId,
      tahun: r.tahun,
      jalur: r.jalur ?? 'klasikal',
      jenis_jabatan_kode: p!.jenis_jabatan_kode ?? 'pelaksana',
      email: p!.email ?? 'uji@example.go.id',
      penilaian_kinerja: 80,
      kesenjangan_kinerja: 'rendah',
      skj: JSON.stringify([]),
      prioritas: 'Kesenjangan kinerja',
    })
    .returning('id');
  const status = r.status ?? 'konsep';
  const dimulai = status === 'berjalan' || status === 'selesai';
  const tanggal = r.tanggal ?? `${r.tahun}-06-10`;
  const [row] = await knex('rincian')
    .insert({
      pengajuan_id: h!.id,
      pegawai_id: pegawaiId,
      tahun: r.tahun,
      jalur: r.jalur ?? 'klasikal',
      bentuk_kode: r.bentuk ?? 'pelatihan-teknis',
      jp: r.jp ?? 20,
      tanggal,
      materi: r.materi ?? 'Materi uji',
      anggaran: r.anggaran ?? 1000000,
      lembaga: r.lembaga ?? 'Lembaga Uji',
      sumber_dana_kode: r.sumber_dana ?? 'apbd',
      alasan: 'Alasan uji',
      status,
      dikirim_at: status === 'konsep' ? null : (r.dikirim_at ?? new Date(WAKTU_UJI)),
      tanggal_mulai: dimulai ? (r.tanggal_mulai ?? tanggal) : null,
      tanggal_selesai: dimulai ? (r.tanggal_selesai ?? tanggal) : null,
      frekuensi_laporan: dimulai ? (r.frekuensi_laporan ?? 'sekali') : null,
      tempat: dimulai ? 'Tempat uji' : null,
      detail_materi: dimulai ? 'Detail uji' : null,
    })
    .returning('id');
  await knex('riwayat_status').insert({ rincian_id: row!.id, aksi: 'buat', dari: null, ke: status, oleh: pegawaiId });
  return row!.id as number;
}

/** A sent rekomendasi of this employee (its letters and fields borrowed from a demo request). */
export async function rekomendasiTerkirim(knex: Knex, pegawaiId: number, nama = 'Diklat milik sendiri'): Promise<number> {
  const contoh = await knex('rekomendasi').where({ status: 'terkirim' }).first();
  const { id: _id, pegawai_id: _p, ...isi } = contoh!;
  const [r] = await knex('rekomendasi')
    .insert({ ...isi, pegawai_id: pegawaiId, nama_pelatihan: nama })
    .returning('id');
  return r!.id as number;
}

/** The employee CSV's header row. */
export const HEADER_CSV = 'nip,nama,jabatan,jenis_jabatan,instansi,nip_atasan,email';

/** A valid NIP per number: birth date 1980-01-01 + n days, TMT 2020-01, male, sequence 001. */
export function nipKe(n: number, seq = '001') {
  return `${tambahHari('1980-01-01', n).replace(/-/g, '')}2020011${seq}`;
}
