import { Router } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin } from '../../middleware/auth';
import { teks, idDari } from '../validasi';

// Bawahan Langsung.
export function bawahanRouter(services: Services) {
  const router = Router();

  router.get('/bawahan', requireLogin, async (req, res) => {
    const model = await services.verifikasi.bawahan.daftar(pengguna(req), teks(req.query.tahun));
    res.render('bawahan/daftar', { judul: 'Bawahan Langsung', ...model });
  });

  router.get('/bawahan/:pegawaiId', requireLogin, async (req, res) => {
    const id = idDari(req.params.pegawaiId);
    const model = await services.verifikasi.bawahan.pegawai(pengguna(req), id, teks(req.query.tahun));
    res.render('bawahan/pegawai', { judul: `Pengajuan ${model.pegawai.nama}`, ...model });
  });

  return router;
}
