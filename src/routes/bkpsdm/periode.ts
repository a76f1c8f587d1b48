import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { validate } from '../../middleware/validate';
import { teks } from '../validasi';
import { periodeSchema } from './schemas';

// Periode: each planning year and its deadline; create, extend, reopen.
export function periodeRouter(services: Services) {
  const router = Router();
  const { periode } = services.bkpsdm;
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  router.get('/bkpsdm/periode', ...guard, async (req, res) => {
    const data = await periode.daftar(pengguna(req));
    const tahun = teks(req.query.tahun);
    const dipilih = data.periode.find((p) => String(p.tahun) === tahun);
    const values = dipilih ? { tahun: String(dipilih.tahun), batas_pengajuan: dipilih.batas_pengajuan, alasan: '' } : data.usulan;
    res.render('bkpsdm/periode', { judul: 'Periode Perencanaan', ...data, values, ubah: !!dipilih });
  });

  /** The form again (422) with its messages and the values as typed, cut to size. */
  async function tampilkan(
    req: Request,
    res: Response,
    { errors, values }: { errors: Record<string, string>; values: Record<string, unknown> },
  ) {
    const data = await periode.daftar(pengguna(req));
    const tahun = teks(values.tahun);
    const ubah = data.periode.some((p) => String(p.tahun) === tahun);
    const isian = {
      tahun: tahun.slice(0, 10),
      batas_pengajuan: teks(values.batas_pengajuan).slice(0, 20),
      alasan: teks(values.alasan).slice(0, 600),
    };
    res.render('bkpsdm/periode', { judul: 'Periode Perencanaan', ...data, values: isian, ubah, errors });
  }

  router.post(
    '/bkpsdm/periode',
    ...guard,
    validate(periodeSchema, tampilkan, async (req, res, input) => {
      const r = await periode.simpan(pengguna(req), input);
      flash(req, r.berubah ? 'sukses' : 'info', r.pesan);
      res.redirect(303, '/bkpsdm/periode');
    }),
  );

  return router;
}
