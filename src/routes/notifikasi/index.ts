import { Router, type Request } from 'express';
import type { Services } from '../../services';
import { NotFoundError } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { teks } from '../validasi';

/** notifikasi.id is bigint: accept up to 15 digits, still a safe JS number. */
function idParam(req: Request): number {
  const s = req.params.id;
  if (typeof s !== 'string' || !/^\d{1,15}$/.test(s)) throw new NotFoundError();
  return Number(s);
}

/** Back to the page of the list the user came from. */
function kembali(req: Request) {
  const page = teks((req.body as Record<string, unknown> | undefined)?.page);
  return /^\d{1,6}$/.test(page) && page !== '1' ? `/notifikasi?page=${page}` : '/notifikasi';
}

// Pemberitahuan (in-app notifications).
export function notifikasiRouter(services: Services) {
  const router = Router();
  const svc = services.pemberitahuan;

  router.get('/notifikasi', requireLogin, async (req, res) => {
    const model = await svc.daftar(pengguna(req), teks(req.query.page));
    res.render('notifikasi/daftar', { judul: 'Pemberitahuan', ...model });
  });

  router.post('/notifikasi/baca-semua', requireLogin, async (req, res) => {
    const n = await svc.bacaSemua(pengguna(req));
    flash(req, 'sukses', n ? `${n} pemberitahuan ditandai sudah dibaca.` : 'Semua pemberitahuan sudah dibaca.');
    res.redirect(303, kembali(req));
  });

  router.post('/notifikasi/:id/baca', requireLogin, async (req, res) => {
    await svc.baca(pengguna(req), idParam(req));
    res.redirect(303, kembali(req));
  });

  // Following a notification's link marks it read.
  router.get('/notifikasi/:id/buka', requireLogin, async (req, res) => {
    res.redirect(303, await svc.buka(pengguna(req), idParam(req)));
  });

  return router;
}
