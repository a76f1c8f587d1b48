// The user guide (/panduan): its sections, and which section explains the page at a given path.
// The "?" link in every page's header (views/partials/atas.ejs) leads to /panduan#<section>.

export type Untuk = 'semua' | 'atasan' | 'bkpsdm' | 'operator' | 'admin';

export interface BagianPanduan {
  /** anchor on /panduan; also the screenshot's name: public/img/panduan/<id>.jpg */
  id: string;
  judul: string;
  untuk: Untuk;
  /** the page the section describes, for its "Buka halaman" link; null: none */
  halaman: string | null;
  /** alt text of the screenshot; null: the section has none */
  alt: string | null;
}

export const UNTUK: Record<Untuk, string> = {
  semua: 'Semua pegawai',
  atasan: 'Atasan langsung',
  bkpsdm: 'Petugas BKPSDMD',
  operator: 'Operator unit kerja',
  admin: 'Admin',
};

export const BAGIAN_PANDUAN: readonly BagianPanduan[] = [
  { id: 'alur', judul: 'Alur dan Ketentuan Umum', untuk: 'semua', halaman: null, alt: null },
  {
    id: 'dashboard',
    judul: 'Dashboard Pengembangan Kompetensi',
    untuk: 'semua',
    halaman: '/',
    alt: 'Dashboard: empat kartu jumlah pengajuan per status, capaian JP tahun ini terhadap target 20 JP, dan tabel Kegiatan Berjalan.',
  },
  {
    id: 'pengajuan-baru',
    judul: 'Pengajuan Baru (Menyusun Rencana)',
    untuk: 'semua',
    halaman: '/pengajuan/baru',
    alt: 'Halaman Pengajuan Baru: tahun perencanaan yang masih dibuka beserta batas waktunya, dan tiga pilihan jalur: Tugas Belajar, Pelatihan Klasikal, Pelatihan Non Klasikal.',
  },
  {
    id: 'daftar-pengajuan',
    judul: 'Daftar Pengajuan',
    untuk: 'semua',
    halaman: '/pengajuan',
    alt: 'Daftar Pengajuan Rincian: kolom pencarian dan filter, lalu tabel usulan dengan tahap (status) dan tombol Detail, Kirim, Edit, Hapus, Mulai atau Laporan.',
  },
  {
    id: 'laporan',
    judul: 'Mulai Kegiatan dan Laporan',
    untuk: 'semua',
    halaman: '/laporan',
    alt: 'Halaman Laporan: capaian JP tahun ini, daftar laporan yang harus disampaikan, dan tabel kegiatan berjalan atau selesai dengan tombol Lapor.',
  },
  {
    id: 'rekomendasi',
    judul: 'Pengajuan Rekomendasi',
    untuk: 'semua',
    halaman: '/rekomendasi',
    alt: 'Proses Pengajuan Rekomendasi: tab status Konsep, Pengajuan Terkirim, Diterima, Ditolak, kolom pencarian, dan tabel pengajuan dengan tombol Detail atau Surat.',
  },
  {
    id: 'pemberitahuan',
    judul: 'Pemberitahuan',
    untuk: 'semua',
    halaman: '/notifikasi',
    alt: 'Halaman Pemberitahuan: daftar pemberitahuan terbaru di atas, yang belum dibaca ditandai Baru, dengan tombol Buka dan tanda sudah dibaca.',
  },
  {
    id: 'akun',
    judul: 'Akun dan Ganti Password',
    untuk: 'semua',
    halaman: '/akun/password',
    alt: 'Halaman Ganti Password: isian kata sandi lama, kata sandi baru, dan ulangi kata sandi baru.',
  },
  {
    id: 'verifikasi',
    judul: 'Verifikasi',
    untuk: 'atasan',
    halaman: '/verifikasi',
    alt: 'Halaman Verifikasi: filter jalur dan bawahan, tabel pengajuan bawahan yang menunggu beserta lama menunggu, tombol Lakukan Tindakan, dan kotak Terima beberapa pengajuan sekaligus.',
  },
  {
    id: 'bawahan',
    judul: 'Bawahan Langsung',
    untuk: 'atasan',
    halaman: '/bawahan',
    alt: 'Halaman Bawahan Langsung: setiap bawahan dengan jumlah pengajuan per status, JP rencana, dan batang capaian JP terhadap 20 JP.',
  },
  {
    id: 'bkpsdm-rekomendasi',
    judul: 'Rekomendasi (Keputusan BKPSDMD)',
    untuk: 'bkpsdm',
    halaman: '/bkpsdm/rekomendasi?status=terkirim',
    alt: 'Halaman Rekomendasi Pengembangan Kompetensi untuk BKPSDMD: filter status, instansi, jalur dan tanggal kirim, dan daftar permohonan dari semua perangkat daerah.',
  },
  {
    id: 'bkpsdm-periode',
    judul: 'Periode Perencanaan',
    untuk: 'bkpsdm',
    halaman: '/bkpsdm/periode',
    alt: 'Halaman Periode Perencanaan: daftar tahun dengan batas pengajuan dan status Terbuka atau Terkunci, serta formulir membuat atau mengubah periode.',
  },
  {
    id: 'bkpsdm-rekap',
    judul: 'Rekap Perencanaan',
    untuk: 'bkpsdm',
    halaman: '/bkpsdm/rekap',
    alt: 'Halaman Rekap Perencanaan: tombol unduh XLSX, PDF dan ekspor SIASN, filter tahun dan instansi, kartu jumlah pegawai, item, JP dan anggaran yang diterima.',
  },
  {
    id: 'bkpsdm-capaian',
    judul: 'Capaian 20 JP',
    untuk: 'bkpsdm',
    halaman: '/bkpsdm/capaian-jp',
    alt: 'Halaman Capaian 20 JP: persentase pegawai yang mencapai 20 JP per instansi dan daftar pegawai yang masih di bawah 20 JP.',
  },
  {
    id: 'bkpsdm-plt',
    judul: 'Plt Verifikator',
    untuk: 'bkpsdm',
    halaman: '/bkpsdm/plt',
    alt: 'Halaman Plt Verifikator: daftar pegawai tanpa atasan aktif dan formulir Tunjuk Plt dengan NIP atasan, NIP pengganti, tanggal mulai dan selesai.',
  },
  {
    id: 'unit-rekap',
    judul: 'Rekap Unit',
    untuk: 'operator',
    halaman: '/unit/rekap',
    alt: 'Halaman Rekap Perencanaan Unit: tombol unduh XLSX dan PDF, pilihan tahun, dan kartu ringkasan rencana unit kerja.',
  },
  {
    id: 'unit-capaian',
    judul: 'Capaian JP Unit',
    untuk: 'operator',
    halaman: '/unit/capaian-jp',
    alt: 'Halaman Capaian JP Unit: capaian 20 JP pegawai unit kerja dan daftar pegawai yang belum mencapainya.',
  },
  {
    id: 'unit-surat',
    judul: 'Surat Unit',
    untuk: 'operator',
    halaman: '/unit/surat',
    alt: 'Halaman Surat Rekomendasi Unit: tabel nomor, tanggal, pegawai, pelatihan dan keputusan, dengan tombol Lihat PDF dan Unduh.',
  },
  {
    id: 'admin-pegawai',
    judul: 'Pegawai',
    untuk: 'admin',
    halaman: '/admin/pegawai',
    alt: 'Halaman Pegawai: tombol Tambah Pegawai, Impor CSV, Data Master, kolom pencarian, dan tabel pegawai dengan tombol Ubah dan Reset Sandi.',
  },
  {
    id: 'admin-impor',
    judul: 'Impor Pegawai dari CSV',
    untuk: 'admin',
    halaman: '/admin/pegawai/import',
    alt: 'Halaman Impor Pegawai dari CSV: petunjuk kolom berkas, pemilih berkas, tombol Periksa dan Impor.',
  },
  {
    id: 'admin-master',
    judul: 'Data Master',
    untuk: 'admin',
    halaman: '/admin/master',
    alt: 'Halaman Data Master: kartu Instansi, Bentuk Pengembangan, Jenis Jabatan, Kompetensi (SKJ), Sumber Dana, dan Pengaturan Surat.',
  },
  {
    id: 'admin-surat',
    judul: 'Pengaturan Surat',
    untuk: 'admin',
    halaman: '/admin/master/surat',
    alt: 'Halaman Pengaturan Surat: unggah logo daerah dan isian kop, alamat, penanda tangan, dan pola nomor surat.',
  },
];

/**
 * The screenshots: the window only, at 1366×768, written by tests/e2e/panduan.test.ts. JPEG at
 * quality 70 keeps each under 150 KB with the text still crisp (as PNG they are 100–210 KB).
 */
export const GAMBAR = { type: 'jpeg', quality: 70, ekstensi: 'jpg' } as const;

/** Where a section's screenshot lives in the repository, and its address in the app. */
export function berkasGambar(id: string): string {
  return `public/img/panduan/${id}.${GAMBAR.ekstensi}`;
}
export function alamatGambar(id: string): string {
  return `/static/img/panduan/${id}.${GAMBAR.ekstensi}`;
}

/** Anchors inside a section that a page leads to directly. */
export const SUB_BAGIAN = ['data-rencana', 'mulai-kegiatan'] as const;

// First match wins: the more specific path before the general one.
const POLA: readonly [RegExp, string][] = [
  [/^\/$/, 'dashboard'],
  [/^\/pengajuan\/baru(\/|$)/, 'pengajuan-baru'],
  [/^\/pengajuan\/rencana(\/|$)/, 'data-rencana'],
  [/^\/pengajuan\/[^/]+\/mulai$/, 'mulai-kegiatan'],
  [/^\/pengajuan(\/|$)/, 'daftar-pengajuan'],
  [/^\/laporan(\/|$)/, 'laporan'],
  [/^\/rekomendasi(\/|$)/, 'rekomendasi'],
  [/^\/notifikasi(\/|$)/, 'pemberitahuan'],
  [/^\/akun(\/|$)/, 'akun'],
  [/^\/verifikasi(\/|$)/, 'verifikasi'],
  [/^\/bawahan(\/|$)/, 'bawahan'],
  [/^\/bkpsdm\/rekomendasi(\/|$)/, 'bkpsdm-rekomendasi'],
  [/^\/bkpsdm\/periode(\/|$)/, 'bkpsdm-periode'],
  [/^\/bkpsdm\/(rekap|siasn)\b/, 'bkpsdm-rekap'],
  [/^\/bkpsdm\/capaian-jp\b/, 'bkpsdm-capaian'],
  [/^\/bkpsdm\/plt(\/|$)/, 'bkpsdm-plt'],
  [/^\/unit\/rekap\b/, 'unit-rekap'],
  [/^\/unit\/capaian-jp\b/, 'unit-capaian'],
  [/^\/unit\/surat\b/, 'unit-surat'],
  [/^\/admin\/pegawai\/import(\/|$)/, 'admin-impor'],
  [/^\/admin\/pegawai(\/|$)/, 'admin-pegawai'],
  [/^\/admin\/master\/surat(\/|$)/, 'admin-surat'],
  [/^\/admin\/master(\/|$)/, 'admin-master'],
];

/** The /panduan anchor explaining the page at `path`, or null (the guide's beginning). */
export function bagianPanduan(path: string): string | null {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [pola, id] of POLA) if (pola.test(p)) return id;
  return null;
}

/** The address of the "?" link of the page at `path`. */
export function tautanPanduan(path: string): string {
  const id = bagianPanduan(path);
  return id ? `/panduan#${id}` : '/panduan';
}
