import { Router, type Request } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { teks } from '../validasi';
import { namaBerkas } from '../../services/bkpsdm-xlsx';

const filter = (req: Request) => ({ tahun: teks(req.query.tahun).slice(0, 10), instansi: teks(req.query.instansi).slice(0, 40) });

// Capaian 20 JP: realised JP per employee against 20 JP, per unit; XLSX export.
export function capaianRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  router.get('/bkpsdm/capaian-jp', ...guard, async (req, res) => {
    const data = await services.bkpsdm.capaianJp(pengguna(req), { ...filter(req), page: teks(req.query.page) });
    res.render('bkpsdm/capaian-jp', { judul: 'Capaian 20 JP', ...data });
  });

  router.get('/bkpsdm/capaian-jp.xlsx', ...guard, async (req, res) => {
    await services.bkpsdm.capaianJpXlsx(pengguna(req), filter(req), (info) => {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="${namaBerkas(info, 'capaian-20jp', 'xlsx')}"`);
      res.setHeader('Cache-Control', 'no-store');
      return res;
    });
  });

  // SIASN: the year's finished courses. The CSV is the exact machine file (RFC 4180, UTF-8, values
  // verbatim) for the national system; the XLSX is the same rows for people.
  router.get('/bkpsdm/siasn.csv', ...guard, async (req, res) => {
    const r = await services.bkpsdm.siasnCsv(pengguna(req), { tahun: teks(req.query.tahun).slice(0, 10) });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="siasn-diklat-${r.tahun}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(r.csv);
  });

  router.get('/bkpsdm/siasn.xlsx', ...guard, async (req, res) => {
    await services.bkpsdm.siasnXlsx(pengguna(req), { tahun: teks(req.query.tahun).slice(0, 10) }, (tahun) => {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="siasn-diklat-${tahun}.xlsx"`);
      res.setHeader('Cache-Control', 'no-store');
      return res;
    });
  });

  return router;
}
