import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { teks, idDari } from '../validasi';

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
  const svc = services.verifikasi;
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  async function render(res: Response, status = 200, errors = {}, values: Record<string, unknown> = {}) {
    const model = await svc.daftarPlt();
    res.status(status).render('bkpsdm/plt', { judul: 'Plt Verifikator', ...model, errors, values });
  }
  const idParam = (req: Request) => {
    const id = idDari(req.params.id);
    return id;
  };

  router.get('/bkpsdm/plt', ...guard, (_req, res) => render(res));

  router.post('/bkpsdm/plt', ...guard, async (req, res) => {
    const input = pltSchema.parse(req.body ?? {});
    try {
      await svc.buatPlt(pengguna(req), input);
    } catch (e) {
      if (e instanceof ValidationError) return render(res, 422, e.errors, input);
      throw e;
    }
    flash(req, 'sukses', 'Plt verifikator ditetapkan.');
    res.redirect(303, '/bkpsdm/plt');
  });

  // Without JavaScript the "Akhiri" link opens this confirmation page.
  router.get('/bkpsdm/plt/:id/akhiri', ...guard, async (req, res) => {
    const plt = await svc.pltUntukDiakhiri(idParam(req));
    res.render('bkpsdm/plt-akhiri', { judul: 'Akhiri Plt', plt });
  });

  router.post('/bkpsdm/plt/:id/akhiri', ...guard, async (req, res) => {
    await svc.akhiriPlt(pengguna(req), idParam(req));
    flash(req, 'sukses', 'Penunjukan Plt diakhiri.');
    res.redirect(303, '/bkpsdm/plt');
  });

  return router;
}
