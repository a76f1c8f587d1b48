import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import type { FieldErrors } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { validate } from '../../middleware/validate';
import { JENIS_BERKAS, SUMBER_BIAYA } from '../../domain/rekomendasi';
import { filterBkpsdmSchema, keputusanSchema } from '../rekomendasi/schemas';
import { idDari } from '../validasi';

// BKPSDM's side of the rekomendasi: every unit's requests, the decision.
export function bkpsdmRekomendasiRouter(services: Services) {
  const router = Router();
  const svc = services.rekomendasi;
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];
  const umum = { sumberBiaya: SUMBER_BIAYA, jenisBerkas: JENIS_BERKAS };

  /** The request to check, with the decision form (again with its errors after a 422). */
  async function renderDetail(req: Request, res: Response, values: Record<string, unknown>, errors?: FieldErrors) {
    const d = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('bkpsdm/rekomendasi-detail', { judul: 'Periksa Pengajuan Rekomendasi', ...umum, ...d, values, ...(errors && { errors }) });
  }

  router.get('/bkpsdm/rekomendasi', ...guard, async (req, res) => {
    const hasil = await svc.daftarBkpsdm(pengguna(req), filterBkpsdmSchema.parse(req.query ?? {}));
    res.render('bkpsdm/rekomendasi', { judul: 'Rekomendasi Pengembangan Kompetensi', ...hasil });
  });

  router.get('/bkpsdm/rekomendasi/:id', ...guard, async (req, res) => {
    await renderDetail(req, res, {});
  });

  // The decision's rules are the service's: a request no longer waiting is a conflict whatever was typed.
  router.post(
    '/bkpsdm/rekomendasi/:id',
    ...guard,
    validate(
      keputusanSchema,
      (req, res, { errors, values }) => renderDetail(req, res, keputusanSchema.parse(values), errors),
      async (req, res, input) => {
        const id = idDari(req.params.id);
        const { nomor, status } = await svc.putuskan(pengguna(req), id, input);
        flash(req, 'sukses', `Pengajuan ${status === 'diterima' ? 'diterima' : 'ditolak'}. Surat nomor ${nomor} dapat diunduh.`);
        res.redirect(303, `/bkpsdm/rekomendasi/${id}`);
      },
    ),
  );

  return router;
}
