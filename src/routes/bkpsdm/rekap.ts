import path from 'node:path';
import { createRequire } from 'node:module';
import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { teks } from '../validasi';
import { namaBerkas } from '../../services/bkpsdm-xlsx';
import { tulisRekapPdf } from '../../pdf/rekap';

// The chart library comes from node_modules, served by the app (no CDN on intranets).
const chartJs = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

const filter = (req: Request) => ({ tahun: teks(req.query.tahun).slice(0, 10), instansi: teks(req.query.instansi).slice(0, 40) });

function lampiran(res: Response, tipe: string, nama: string) {
  res.setHeader('Content-Type', tipe);
  res.setHeader('Content-Disposition', `attachment; filename="${nama}"`);
  res.setHeader('Cache-Control', 'no-store');
}

// Rekap: the compiled plan of a year, per unit and for the province; its XLSX and PDF.
export function rekapRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];

  router.get('/bkpsdm/chart.js', (_req, res) => {
    res.sendFile(chartJs, { maxAge: '7d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });

  router.get('/bkpsdm/rekap', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekap(pengguna(req), filter(req));
    const grafik = {
      label: data.perUnit.map((u) => u.singkatan || u.nama),
      jp: data.perUnit.map((u) => u.jp),
      anggaran: data.perUnit.map((u) => u.anggaran),
    };
    res.render('bkpsdm/rekap', { judul: 'Rekap Perencanaan', ...data, grafik });
  });

  router.get('/bkpsdm/rekap.xlsx', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekapXlsx(pengguna(req), filter(req));
    lampiran(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', namaBerkas(data, 'rekap-bangkom', 'xlsx'));
    res.end(data.isi);
  });

  router.get('/bkpsdm/rekap.pdf', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekapEkspor(pengguna(req), filter(req));
    lampiran(res, 'application/pdf', namaBerkas(data, 'rekap-bangkom', 'pdf'));
    tulisRekapPdf(data, res);
  });

  return router;
}
