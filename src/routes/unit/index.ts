import { Router, type Request } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { idDari, teks } from '../validasi';
import { unduhan } from '../bkpsdm/ekspor';
import { kirimPdf } from '../rekomendasi';

// The unit's own view, for its operator: the rekap and capaian 20 JP of their unit only (the unit
// is always their own: the services ignore any `instansi` asked for), and the letters issued to it.
const tahun = (req: Request) => ({ tahun: teks(req.query.tahun).slice(0, 10), instansi: '' });

export function unitRouter(services: Services) {
  const router = Router();
  const unit = services.unit;
  const { rekap, capaian } = services.bkpsdm;
  const guard = [requireLogin, requireRole('operator')];
  const unduh = unduhan(services, tahun);

  router.get('/unit/rekap', ...guard, async (req, res) => {
    const data = await rekap.lihat(pengguna(req), tahun(req));
    res.render('unit/rekap', { judul: 'Rekap Unit', ...data });
  });

  router.get('/unit/rekap.xlsx', ...guard, unduh.rekapXlsx);
  router.get('/unit/rekap.pdf', ...guard, unduh.rekapPdf);

  router.get('/unit/capaian-jp', ...guard, async (req, res) => {
    const data = await capaian.lihat(pengguna(req), { ...tahun(req), page: teks(req.query.page) });
    res.render('unit/capaian-jp', { judul: 'Capaian JP Unit', ...data });
  });

  router.get('/unit/capaian-jp.xlsx', ...guard, unduh.capaianXlsx);

  router.get('/unit/surat', ...guard, async (req, res) => {
    const data = await unit.daftarSurat(pengguna(req), { page: teks(req.query.page) });
    res.render('unit/surat', { judul: 'Surat Unit', ...data });
  });

  router.get('/unit/surat/:id.pdf', ...guard, async (req, res) => {
    const { pdf, namaFile } = await unit.suratPdf(pengguna(req), idDari(req.params.id));
    kirimPdf(res, pdf, namaFile, req.query.unduh === '1');
  });

  return router;
}
