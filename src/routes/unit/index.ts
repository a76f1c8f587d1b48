import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { idDari, teks } from '../validasi';
import { namaBerkas } from '../../services/bkpsdm-xlsx';
import { tulisRekapPdf } from '../../pdf/rekap';
import { kirimPdf } from '../rekomendasi';

// The unit's own view, for its operator: the rekap and capaian 20 JP of their unit only (the unit
// is always their own: the services ignore any `instansi` asked for), and the letters issued to it.
const tahun = (req: Request) => ({ tahun: teks(req.query.tahun).slice(0, 10), instansi: '' });

function lampiran(res: Response, tipe: string, nama: string) {
  res.setHeader('Content-Type', tipe);
  res.setHeader('Content-Disposition', `attachment; filename="${nama}"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function unitRouter(services: Services) {
  const router = Router();
  const unit = services.unit;
  const guard = [requireLogin, requireRole('operator')];

  router.get('/unit/rekap', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekap(pengguna(req), tahun(req));
    res.render('unit/rekap', { judul: 'Rekap Unit', ...data });
  });

  router.get('/unit/rekap.xlsx', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekapXlsx(pengguna(req), tahun(req));
    lampiran(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', namaBerkas(data, 'rekap-bangkom', 'xlsx'));
    res.end(data.isi);
  });

  router.get('/unit/rekap.pdf', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekapEkspor(pengguna(req), tahun(req));
    lampiran(res, 'application/pdf', namaBerkas(data, 'rekap-bangkom', 'pdf'));
    tulisRekapPdf(data, res);
  });

  router.get('/unit/capaian-jp', ...guard, async (req, res) => {
    const data = await services.bkpsdm.capaianJp(pengguna(req), { ...tahun(req), page: teks(req.query.page) });
    res.render('unit/capaian-jp', { judul: 'Capaian JP Unit', ...data });
  });

  router.get('/unit/capaian-jp.xlsx', ...guard, async (req, res) => {
    await services.bkpsdm.capaianJpXlsx(pengguna(req), tahun(req), (info) => {
      lampiran(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', namaBerkas(info, 'capaian-20jp', 'xlsx'));
      return res;
    });
  });

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
