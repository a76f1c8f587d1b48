import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services';
import type { FieldErrors } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { validate } from '../../middleware/validate';
import { teks, idDari } from '../validasi';

/** The Plt form: trimmed strings; the service checks them all at once, the NIPs against the employees. */
const pltSchema = z.object({
  nip_atasan: z.preprocess(teks, z.string()),
  nip_pengganti: z.preprocess(teks, z.string()),
  mulai: z.preprocess(teks, z.string()),
  selesai: z.preprocess(teks, z.string()),
  keterangan: z.preprocess(teks, z.string()),
});

// Stand-in verifiers (Plt), named by BKPSDM/admin.
export function pltRouter(services: Services) {
  const router = Router();
  const svc = services.verifikasi.plt;
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  async function render(res: Response, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const model = await svc.daftar();
    res.render('bkpsdm/plt', { judul: 'Plt Verifikator', ...model, errors, values });
  }
  const idParam = (req: Request) => idDari(req.params.id);

  router.get('/bkpsdm/plt', ...guard, (_req, res) => render(res));

  router.post(
    '/bkpsdm/plt',
    ...guard,
    validate(
      pltSchema,
      (_req, res, { errors, values }) => render(res, errors, pltSchema.parse(values)),
      async (req, res, input) => {
        await svc.buat(pengguna(req), input);
        flash(req, 'sukses', 'Plt verifikator ditetapkan.');
        res.redirect(303, '/bkpsdm/plt');
      },
    ),
  );

  // Without JavaScript the "Akhiri" link opens this confirmation page.
  router.get('/bkpsdm/plt/:id/akhiri', ...guard, async (req, res) => {
    const plt = await svc.untukDiakhiri(idParam(req));
    res.render('bkpsdm/plt-akhiri', { judul: 'Akhiri Plt', plt });
  });

  router.post('/bkpsdm/plt/:id/akhiri', ...guard, async (req, res) => {
    await svc.akhiri(pengguna(req), idParam(req));
    flash(req, 'sukses', 'Penunjukan Plt diakhiri.');
    res.redirect(303, '/bkpsdm/plt');
  });

  return router;
}
