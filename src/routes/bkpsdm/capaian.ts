import { Router } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { siasnCsv, tulisSiasnXlsx } from '../../ekspor/siasn';
import { teks } from '../validasi';
import { filterRekap, lampiran, TIPE_XLSX, unduhan } from './ekspor';

// Capaian 20 JP: realised JP per employee against 20 JP, per unit; XLSX export.
export function capaianRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];
  const { capaian, siasn } = services.bkpsdm;

  router.get('/bkpsdm/capaian-jp', ...guard, async (req, res) => {
    const data = await capaian.lihat(pengguna(req), { ...filterRekap(req), page: teks(req.query.page) });
    res.render('bkpsdm/capaian-jp', { judul: 'Capaian 20 JP', ...data });
  });

  router.get('/bkpsdm/capaian-jp.xlsx', ...guard, unduhan(services, filterRekap).capaianXlsx);

  // SIASN: the year's finished courses. The CSV is the exact machine file (RFC 4180, UTF-8, values
  // verbatim) for the national system; the XLSX is the same rows for people.
  router.get('/bkpsdm/siasn.csv', ...guard, async (req, res) => {
    const d = await siasn.ekspor(pengguna(req), { tahun: filterRekap(req).tahun });
    lampiran(res, 'text/csv; charset=utf-8; header=present', `siasn-diklat-${d.tahun}.csv`);
    res.send(siasnCsv(d));
  });

  router.get('/bkpsdm/siasn.xlsx', ...guard, async (req, res) => {
    const d = await siasn.ekspor(pengguna(req), { tahun: filterRekap(req).tahun });
    lampiran(res, TIPE_XLSX, `siasn-diklat-${d.tahun}.xlsx`);
    await tulisSiasnXlsx(d, res);
  });

  return router;
}
