import { Router, type Request } from 'express';
import type { Services } from '../../services';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { teks, idDari } from '../validasi';

/** notifikasi.id is bigint: any id up to JavaScript's safe integers. */
const idParam = (req: Request) => idDari(req.params.id, Number.MAX_SAFE_INTEGER);

/** Back to the page of the list the user came from. */
function kembali(req: Request) {
  const page = teks((req.body as Record<string, unknown> | undefined)?.page);
  return /^\d{1,6}$/.test(page) && page !== '1' ? `/notifikasi?page=${page}` : '/notifikasi';
}

// Notifikasi: in-app notifications (the page is titled "Pemberitahuan").
export function notifikasiRouter(services: Services) {
  const router = Router();
  const svc = services.notifikasi;

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

  // Opening a notification (the list's button, a POST) marks it read and follows its link.
  // The address alone (a bookmark, an old link) only follows it: a GET changes nothing.
  router.post('/notifikasi/:id/buka', requireLogin, async (req, res) => {
    res.redirect(303, await svc.buka(pengguna(req), idParam(req), true));
  });
  router.get('/notifikasi/:id/buka', requireLogin, async (req, res) => {
    res.redirect(303, await svc.buka(pengguna(req), idParam(req), false));
  });

  return router;
}
