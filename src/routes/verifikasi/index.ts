import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import type { FieldErrors } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { validate } from '../../middleware/validate';
import { filterSchema, idsDari, keputusanSchema, terimaBanyakSchema } from './schemas';
import { idDari } from '../validasi';

// Verifikasi by the atasan (and Plt stand-ins).
export function verifikasiRouter(services: Services) {
  const router = Router();
  const svc = services.verifikasi;

  async function renderDaftar(req: Request, res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const filter = filterSchema.parse(req.query ?? {});
    const model = await svc.daftar(pengguna(req), filter);
    res.render('verifikasi/daftar', { judul: 'Verifikasi', ...model, errors, values });
  }

  async function renderDetail(req: Request, res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const model = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('verifikasi/detail', { judul: 'Rincian Pengajuan', ...model, errors, values });
  }

  router.get('/verifikasi', requireLogin, (req, res) => renderDaftar(req, res));

  router.post(
    '/verifikasi/terima-banyak',
    requireLogin,
    validate(
      terimaBanyakSchema,
      (req, res, { errors, values }) =>
        renderDaftar(req, res, errors, { alasan: typeof values.alasan === 'string' ? values.alasan : '', ids: idsDari(values.ids) }),
      async (req, res, input) => {
        const n = await svc.terimaBanyak(pengguna(req), input.ids, input.alasan);
        flash(req, 'sukses', `${n} pengajuan diterima.`);
        res.redirect(303, '/verifikasi');
      },
    ),
  );

  router.get('/verifikasi/:id', requireLogin, (req, res) => renderDetail(req, res));

  router.post(
    '/verifikasi/:id',
    requireLogin,
    validate(
      keputusanSchema,
      (req, res, { errors, values }) => renderDetail(req, res, errors, keputusanSchema.parse(values)),
      async (req, res, input) => {
        const k = await svc.putuskan(pengguna(req), idDari(req.params.id), input);
        flash(
          req,
          'sukses',
          k.keputusan === 'terima' ? `Usulan "${k.materi}" diterima.` : `Usulan "${k.materi}" dikembalikan ke pengaju untuk direvisi.`,
        );
        res.redirect(303, '/verifikasi');
      },
    ),
  );

  return router;
}
