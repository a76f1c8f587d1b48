import { Router } from 'express';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { JENIS_BERKAS, SUMBER_BIAYA } from '../../services/rekomendasi';
import { filterBkpsdmSchema, keputusanSchema } from '../rekomendasi/schemas';
import { idDari } from '../validasi';

// BKPSDM's side of the rekomendasi: every unit's requests, the decision.
export function bkpsdmRekomendasiRouter(services: Services) {
  const router = Router();
  const svc = services.rekomendasi;
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];
  const umum = { sumberBiaya: SUMBER_BIAYA, jenisBerkas: JENIS_BERKAS };

  router.get('/bkpsdm/rekomendasi', ...guard, async (req, res) => {
    const hasil = await svc.daftarBkpsdm(pengguna(req), filterBkpsdmSchema.parse(req.query ?? {}));
    res.render('bkpsdm/rekomendasi', { judul: 'Rekomendasi Pengembangan Kompetensi', ...hasil });
  });

  router.get('/bkpsdm/rekomendasi/:id', ...guard, async (req, res) => {
    const d = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('bkpsdm/rekomendasi-detail', { judul: 'Periksa Pengajuan Rekomendasi', ...umum, ...d, values: {} });
  });

  router.post('/bkpsdm/rekomendasi/:id', ...guard, async (req, res) => {
    const user = pengguna(req);
    const id = idDari(req.params.id);
    const input = keputusanSchema.parse(req.body ?? {});
    try {
      const { nomor, status } = await svc.putuskan(user, id, input);
      flash(req, 'sukses', `Pengajuan ${status === 'diterima' ? 'diterima' : 'ditolak'}. Surat nomor ${nomor} dapat diunduh.`);
      res.redirect(303, `/bkpsdm/rekomendasi/${id}`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const d = await svc.detail(user, id);
      res.status(422).render('bkpsdm/rekomendasi-detail', {
        judul: 'Periksa Pengajuan Rekomendasi',
        ...umum,
        ...d,
        values: input,
        errors: e.errors,
      });
    }
  });

  return router;
}
