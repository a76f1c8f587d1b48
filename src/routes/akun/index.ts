import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { UnauthorizedError } from '../../errors';
import type { AppPassport, LoginDitolak } from '../../middleware/passport';
import type { Perangkat } from '../../middleware/perangkat';
import { PESAN } from '../../services/akun';
import { validate } from '../../middleware/validate';
import { flash, pengguna, requireLogin, tujuanSetelahMasuk } from '../../middleware/auth';
import { gantiPasswordSchema, loginSchema } from './schemas';
import { teks } from '../validasi';

export function akunRouter(services: Services, passport: AppPassport, perangkat: Perangkat) {
  const router = Router();

  // The province's emblem: the logo uploaded in the letter settings, else a placeholder emblem.
  router.get('/logo', async (_req, res) => {
    const logo = await services.admin.master.logo();
    res.set('Cache-Control', 'no-cache');
    if (!logo) return res.redirect(302, '/static/img/lambang.svg');
    res.type(logo.tipe).set('X-Content-Type-Options', 'nosniff').send(logo.isi);
  });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('akun/login', { judul: 'Masuk', values: {}, pesan: null });
  });

  router.post('/login', (req: Request, res: Response, next: NextFunction) => {
    const input = loginSchema.safeParse(req.body);
    const nip = input.success ? input.data.nip : teks(req.body?.nip).slice(0, 18);
    const renderGagal = (status: number, pesan: string) =>
      res.status(status).render('akun/login', { judul: 'Masuk', values: { nip }, pesan });
    if (!input.success) return renderGagal(401, PESAN.salah);
    const masuk = (err: unknown, user: Express.User | false, ditolak?: LoginDitolak) => {
      if (err) return next(err);
      if (!user) return renderGagal(ditolak?.status ?? 401, ditolak?.message ?? PESAN.salah);
      // req.login regenerates the session (no fixation) and stores the id
      req.login(user, (e) => {
        if (e) return next(e);
        perangkat.tandai(req, res, input.data.nip);
        services.akun.pengguna(user.id).then((u) => {
          req.log.info({ pegawai: user.id }, 'login');
          const tujuan = tujuanSetelahMasuk(req, res);
          res.redirect(303, u?.harus_ganti_password ? '/akun/password' : tujuan);
        }, next);
      });
    };
    passport.authenticate('local', masuk)(req, res, next);
  });

  router.post('/logout', (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie('bangkom.sid');
        res.redirect(303, '/login');
      });
    });
  });

  router.get('/akun/password', requireLogin, (req, res) => {
    res.render('akun/password', { judul: 'Ganti Password', values: {} });
  });

  router.post(
    '/akun/password',
    requireLogin,
    // the passwords typed are never sent back to the page
    validate(
      gantiPasswordSchema,
      (_req, res, { errors }) => res.render('akun/password', { judul: 'Ganti Password', values: {}, errors }),
      async (req, res, input) => {
        const user = pengguna(req);
        await services.akun.gantiPassword(user.id, {
          lama: input.password_lama,
          baru: input.password_baru,
          konfirmasi: input.konfirmasi_password,
        });
        // the old password's sessions are void, this one included: sign this browser in again
        const baru = await services.akun.pengguna(user.id);
        if (!baru) throw new UnauthorizedError();
        await new Promise<void>((resolve, reject) => req.login(baru, (e) => (e ? reject(e) : resolve())));
        flash(req, 'sukses', 'Kata sandi berhasil diubah. Sesi di perangkat lain telah diakhiri.');
        res.redirect(303, '/');
      },
    ),
  );

  return router;
}
