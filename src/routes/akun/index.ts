import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { AppError, ValidationError } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { gantiPasswordSchema, loginSchema } from './schemas';
import { teks } from '../validasi';

export function akunRouter(services: Services) {
  const router = Router();

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('akun/login', { judul: 'Masuk', values: {}, pesan: null });
  });

  router.post('/login', async (req: Request, res: Response) => {
    const input = loginSchema.safeParse(req.body);
    const nip = input.success ? input.data.nip : teks(req.body?.nip).slice(0, 18);
    const renderGagal = (status: number, pesan: string) =>
      res.status(status).render('akun/login', { judul: 'Masuk', values: { nip }, pesan });
    if (!input.success) return renderGagal(401, 'NIP atau kata sandi salah');
    let id: number;
    try {
      id = await services.akun.login(input.data.nip, input.data.password, req.ip ?? '');
    } catch (e) {
      if (e instanceof AppError && (e.status === 401 || e.status === 429)) return renderGagal(e.status, e.message);
      throw e;
    }
    const kembaliKe = req.session.kembaliKe;
    await new Promise<void>((resolve, reject) => req.login({ id } as Express.User, (err) => (err ? reject(err) : resolve())));
    const user = await services.akun.pengguna(id);
    req.log.info({ pegawai: id }, 'login');
    if (user?.harus_ganti_password) return res.redirect(303, '/akun/password');
    res.redirect(303, kembaliKe && kembaliKe.startsWith('/') && !kembaliKe.startsWith('//') ? kembaliKe : '/');
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

  router.post('/akun/password', requireLogin, async (req, res) => {
    const user = pengguna(req);
    const input = gantiPasswordSchema.parse(req.body);
    try {
      await services.akun.gantiPassword(user.id, {
        lama: input.password_lama,
        baru: input.password_baru,
        konfirmasi: input.konfirmasi_password,
      });
    } catch (e) {
      if (e instanceof ValidationError)
        return res.status(422).render('akun/password', { judul: 'Ganti Password', values: {}, errors: e.errors });
      throw e;
    }
    flash(req, 'sukses', 'Kata sandi berhasil diubah.');
    res.redirect(303, '/');
  });

  return router;
}
