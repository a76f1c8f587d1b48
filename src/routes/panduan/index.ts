import { Router } from 'express';
import { requireLogin } from '../../middleware/auth';
import { TARGET_JP_TAHUNAN, JP_PER_HARI_MAKS, TENGGANG_HARI } from '../../domain/laporan';
import { MAKS_BARIS } from '../../domain/rencana';
import { BATAS_TUNGGU_HARI } from '../../domain/verifikasi';
import { BAGIAN_PANDUAN, UNTUK, alamatGambar } from './bagian';

export { bagianPanduan, tautanPanduan } from './bagian';

// Panduan: how each menu works, for every logged-in user (the sections of other roles say whom they are for).
export function panduanRouter() {
  const router = Router();

  router.get('/panduan', requireLogin, (_req, res) => {
    const bagian = Object.fromEntries(BAGIAN_PANDUAN.map((b) => [b.id, b]));
    res.render('panduan/index', {
      judul: 'Panduan',
      daftarBagian: BAGIAN_PANDUAN,
      bagian,
      UNTUK,
      alamatGambar,
      targetJp: TARGET_JP_TAHUNAN,
      jpPerHariMaks: JP_PER_HARI_MAKS,
      tenggangHari: TENGGANG_HARI,
      batasTungguHari: BATAS_TUNGGU_HARI,
      maksBaris: MAKS_BARIS,
    });
  });

  return router;
}
