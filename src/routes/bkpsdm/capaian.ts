import { Router } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { teks } from '../validasi';
import { filterRekap, unduhan } from './ekspor';

// Capaian 20 JP: realised JP per employee against 20 JP, per unit; XLSX export.
export function capaianRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];
  const { capaian } = services.bkpsdm;
  const unduh = unduhan(services, filterRekap);

  router.get('/bkpsdm/capaian-jp', ...guard, async (req, res) => {
    const data = await capaian.lihat(pengguna(req), { ...filterRekap(req), page: teks(req.query.page) });
    res.render('bkpsdm/capaian-jp', { judul: 'Capaian 20 JP', ...data });
  });

  router.get('/bkpsdm/capaian-jp.xlsx', ...guard, unduh.capaianXlsx);

  // SIASN: the year's finished courses. The CSV is the exact machine file (RFC 4180, UTF-8, values
  // verbatim) for the national system; the XLSX is the same rows for people.
  router.get('/bkpsdm/siasn.csv', ...guard, unduh.siasnCsv);
  router.get('/bkpsdm/siasn.xlsx', ...guard, unduh.siasnXlsx);

  return router;
}
