import { Router } from 'express';
import type { Services } from '../../services';
import { NotFoundError } from '../../errors';
import { pengguna, requireLogin } from '../../middleware/auth';
import { teks } from '../validasi';
import { idDari } from '../verifikasi/schemas';

// Bawahan Langsung.
export function bawahanRouter(services: Services) {
  const router = Router();

  router.get('/bawahan', requireLogin, async (req, res) => {
    const model = await services.verifikasi.bawahan(pengguna(req), teks(req.query.tahun));
    res.render('bawahan/daftar', { judul: 'Bawahan Langsung', ...model });
  });

  router.get('/bawahan/:pegawaiId', requireLogin, async (req, res) => {
    const id = idDari(req.params.pegawaiId);
    if (id === null) throw new NotFoundError();
    const model = await services.verifikasi.itemBawahan(pengguna(req), id, teks(req.query.tahun));
    res.render('bawahan/pegawai', { judul: `Pengajuan ${model.pegawai.nama}`, ...model });
  });

  return router;
}
