import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Services } from '../../services';
import { AppError, ValidationError } from '../../errors';
import { flash } from '../../middleware/auth';
import { PESAN } from '../../services/reset-password';
import { teks } from '../validasi';

const lupaSchema = z.object({ nip: z.preprocess(teks, z.string()) });
const aturSchema = z.object({
  password_baru: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
  konfirmasi_password: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

const token = (req: Request) => (typeof req.params.token === 'string' ? req.params.token : '');

// Lupa Kata Sandi: reset link by e-mail.
export function lupaPasswordRouter(services: Services) {
  const router = Router();
  const svc = services.resetPassword;
  const judul = 'Lupa Kata Sandi';

  router.get('/lupa-password', (req, res) => {
    res.render('lupa-password/minta', { judul, values: {}, terkirim: req.query.terkirim === '1', pesan: PESAN.terkirim });
  });

  router.post('/lupa-password', async (req, res) => {
    const input = lupaSchema.parse(req.body ?? {});
    try {
      await svc.minta(input.nip, req.ip ?? '');
    } catch (e) {
      if (e instanceof ValidationError || (e instanceof AppError && e.status === 429)) {
        const errors = e instanceof ValidationError ? e.errors : { nip: e.message };
        return res.status(e.status).render('lupa-password/minta', {
          judul,
          values: { nip: input.nip.slice(0, 18) },
          errors,
          terkirim: false,
          pesan: PESAN.terkirim,
        });
      }
      throw e;
    }
    // the same answer whether or not the NIP exists
    res.redirect(303, '/lupa-password?terkirim=1');
  });

  router.get('/lupa-password/:token', async (req, res) => {
    const akun = await svc.periksa(token(req));
    res.render('lupa-password/atur', { judul: 'Atur Ulang Kata Sandi', akun, token: token(req) });
  });

  router.post('/lupa-password/:token', async (req, res) => {
    const input = aturSchema.parse(req.body ?? {});
    let pegawaiId: number;
    try {
      pegawaiId = await svc.atur(token(req), input);
    } catch (e) {
      if (e instanceof ValidationError) {
        const akun = await svc.periksa(token(req));
        return res.status(422).render('lupa-password/atur', { judul: 'Atur Ulang Kata Sandi', akun, token: token(req), errors: e.errors });
      }
      throw e;
    }
    // this browser stays signed in if it is the same account; its other sessions have ended
    if (req.user?.id === pegawaiId) {
      const baru = await services.akun.pengguna(pegawaiId);
      if (baru) await new Promise<void>((resolve, reject) => req.login(baru, (e) => (e ? reject(e) : resolve())));
      flash(req, 'sukses', 'Kata sandi berhasil diatur ulang. Sesi di perangkat lain telah diakhiri.');
      return res.redirect(303, '/');
    }
    flash(req, 'sukses', 'Kata sandi berhasil diatur ulang. Silakan masuk dengan kata sandi baru.');
    res.redirect(303, '/login');
  });

  return router;
}
