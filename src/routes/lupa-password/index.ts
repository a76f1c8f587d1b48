import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { TooManyRequestsError, type FieldErrors } from '../../errors';
import { flash } from '../../middleware/auth';
import { validate } from '../../middleware/validate';
import { PESAN } from '../../services/lupa-password';
import { aturSchema, mintaSchema } from './schemas';
import { teks } from '../validasi';

const token = (req: Request) => (typeof req.params.token === 'string' ? req.params.token : '');

// Lupa Kata Sandi: reset link by e-mail.
export function lupaPasswordRouter(services: Services) {
  const router = Router();
  const svc = services.lupaPassword;
  const judul = 'Lupa Kata Sandi';

  const renderMinta = (res: Response, values: Record<string, unknown>, errors: FieldErrors) =>
    res.render('lupa-password/minta', {
      judul,
      values: { nip: teks(values.nip).slice(0, 18) },
      errors,
      terkirim: false,
      pesan: PESAN.terkirim,
    });

  router.get('/lupa-password', (req, res) => {
    res.render('lupa-password/minta', { judul, values: {}, terkirim: req.query.terkirim === '1', pesan: PESAN.terkirim });
  });

  router.post(
    '/lupa-password',
    validate(
      mintaSchema,
      (_req, res, { errors, values }) => renderMinta(res, values, errors),
      async (req, res, input) => {
        try {
          await svc.minta(input.nip, req.ip ?? '');
        } catch (e) {
          if (!(e instanceof TooManyRequestsError)) throw e;
          return renderMinta(res.status(e.status), input, { nip: e.message });
        }
        // the same answer whether or not the NIP exists
        res.redirect(303, '/lupa-password?terkirim=1');
      },
    ),
  );

  router.get('/lupa-password/:token', async (req, res) => {
    const akun = await svc.periksa(token(req));
    res.render('lupa-password/atur', { judul: 'Atur Ulang Kata Sandi', akun, token: token(req) });
  });

  router.post(
    '/lupa-password/:token',
    // the passwords typed are never sent back to the page; an unknown or used link is a 404 first
    validate(
      aturSchema,
      async (req, res, { errors }) => {
        const akun = await svc.periksa(token(req));
        res.render('lupa-password/atur', { judul: 'Atur Ulang Kata Sandi', akun, token: token(req), errors });
      },
      async (req, res, input) => {
        const pegawaiId = await svc.atur(token(req), input);
        // this browser stays signed in if it is the same account; its other sessions have ended
        if (req.user?.id === pegawaiId) {
          const baru = await services.akun.pengguna(pegawaiId);
          if (baru) await new Promise<void>((resolve, reject) => req.login(baru, (e) => (e ? reject(e) : resolve())));
          flash(req, 'sukses', 'Kata sandi berhasil diatur ulang. Sesi di perangkat lain telah diakhiri.');
          return res.redirect(303, '/');
        }
        flash(req, 'sukses', 'Kata sandi berhasil diatur ulang. Silakan masuk dengan kata sandi baru.');
        res.redirect(303, '/login');
      },
    ),
  );

  return router;
}
