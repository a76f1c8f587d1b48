import { Router } from 'express';
import { requireLogin, requireRole } from '../../middleware/auth';

// Menu pages whose feature has not been built yet: they say so plainly instead of failing.
const HALAMAN: { path: string; judul: string; peran?: ('bkpsdm' | 'admin')[] }[] = [
  { path: '/', judul: 'Pengembangan Kompetensi' },
  { path: '/pengajuan', judul: 'Daftar Pengajuan' },
  { path: '/pengajuan/baru', judul: 'Pengajuan Baru' },
  { path: '/rekomendasi', judul: 'Pengajuan Rekomendasi' },
  { path: '/rekomendasi/baru', judul: 'Pengajuan Rekomendasi Baru' },
  { path: '/laporan', judul: 'Laporan' },
  { path: '/verifikasi', judul: 'Verifikasi' },
  { path: '/bawahan', judul: 'Bawahan Langsung' },
  { path: '/notifikasi', judul: 'Pemberitahuan' },
  { path: '/bkpsdm/rekomendasi', judul: 'Rekomendasi (BKPSDM)', peran: ['bkpsdm', 'admin'] },
  { path: '/bkpsdm/periode', judul: 'Periode Perencanaan', peran: ['bkpsdm', 'admin'] },
  { path: '/bkpsdm/rekap', judul: 'Rekap Perencanaan', peran: ['bkpsdm', 'admin'] },
  { path: '/bkpsdm/capaian-jp', judul: 'Capaian 20 JP', peran: ['bkpsdm', 'admin'] },
  { path: '/admin/pegawai', judul: 'Pegawai', peran: ['admin'] },
];

export function placeholderRouter() {
  const router = Router();
  for (const h of HALAMAN) {
    const guards = h.peran ? [requireLogin, requireRole(...h.peran)] : [requireLogin];
    router.get(h.path, ...guards, (_req, res) => res.render('belum-tersedia', { judul: h.judul }));
  }
  return router;
}
