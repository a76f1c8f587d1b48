import { Router } from 'express';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { teks } from '../validasi';

// Periode: each planning year and its deadline; create, extend, reopen.
export function periodeRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  router.get('/bkpsdm/periode', ...guard, async (req, res) => {
    const data = await services.bkpsdm.daftarPeriode(pengguna(req));
    const tahun = teks(req.query.tahun);
    const dipilih = data.periode.find((p) => String(p.tahun) === tahun);
    const values = dipilih ? { tahun: String(dipilih.tahun), batas_pengajuan: dipilih.batas_pengajuan, alasan: '' } : data.usulan;
    res.render('bkpsdm/periode', { judul: 'Periode Perencanaan', ...data, values, ubah: !!dipilih });
  });

  router.post('/bkpsdm/periode', ...guard, async (req, res) => {
    const user = pengguna(req);
    const input = { tahun: teks(req.body?.tahun), batas_pengajuan: teks(req.body?.batas_pengajuan), alasan: teks(req.body?.alasan) };
    try {
      const r = await services.bkpsdm.simpanPeriode(user, input);
      flash(req, r.berubah ? 'sukses' : 'info', r.pesan);
      res.redirect(303, '/bkpsdm/periode');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const data = await services.bkpsdm.daftarPeriode(user);
      const ubah = data.periode.some((p) => String(p.tahun) === input.tahun);
      const values = {
        ...input,
        tahun: input.tahun.slice(0, 10),
        batas_pengajuan: input.batas_pengajuan.slice(0, 20),
        alasan: input.alasan.slice(0, 600),
      };
      res.status(422).render('bkpsdm/periode', { judul: 'Periode Perencanaan', ...data, values, ubah, errors: e.errors });
    }
  });

  return router;
}
