import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { filterSchema, keputusanSchema, terimaBanyakSchema } from './schemas';
import { idDari } from '../validasi';

// Verifikasi by the atasan (and Plt stand-ins).
export function verifikasiRouter(services: Services) {
  const router = Router();
  const svc = services.verifikasi;

  async function renderDaftar(req: Request, res: Response, status = 200, errors = {}, values: Record<string, unknown> = {}) {
    const filter = filterSchema.parse(req.query ?? {});
    const model = await svc.daftar(pengguna(req), filter);
    res.status(status).render('verifikasi/daftar', { judul: 'Verifikasi', ...model, errors, values });
  }

  async function renderDetail(req: Request, res: Response, id: number, status = 200, errors = {}, values: Record<string, unknown> = {}) {
    const model = await svc.detail(pengguna(req), id);
    res.status(status).render('verifikasi/detail', { judul: 'Rincian Pengajuan', ...model, errors, values });
  }

  const idParam = (req: Request) => {
    const id = idDari(req.params.id);
    return id;
  };

  router.get('/verifikasi', requireLogin, (req, res) => renderDaftar(req, res));

  router.post('/verifikasi/terima-banyak', requireLogin, async (req, res) => {
    const input = terimaBanyakSchema.parse(req.body ?? {});
    try {
      const n = await svc.terimaBanyak(pengguna(req), input.ids, input.alasan);
      flash(req, 'sukses', `${n} pengajuan diterima.`);
    } catch (e) {
      if (e instanceof ValidationError) return renderDaftar(req, res, 422, e.errors, { alasan: input.alasan, ids: input.ids });
      throw e;
    }
    res.redirect(303, '/verifikasi');
  });

  router.get('/verifikasi/:id', requireLogin, (req, res) => renderDetail(req, res, idParam(req)));

  router.post('/verifikasi/:id', requireLogin, async (req, res) => {
    const id = idParam(req);
    const input = keputusanSchema.parse(req.body ?? {});
    try {
      const k = await svc.putuskan(pengguna(req), id, input);
      flash(
        req,
        'sukses',
        k.keputusan === 'terima' ? `Usulan "${k.materi}" diterima.` : `Usulan "${k.materi}" dikembalikan ke pengaju untuk direvisi.`,
      );
    } catch (e) {
      if (e instanceof ValidationError) return renderDetail(req, res, id, 422, e.errors, input);
      throw e;
    }
    res.redirect(303, '/verifikasi');
  });

  return router;
}
