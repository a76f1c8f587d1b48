import path from 'node:path';
import { createRequire } from 'node:module';
import { Router } from 'express';
import type { Services } from '../../services';
import { pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { filterRekap, unduhan } from './ekspor';

// The chart library comes from node_modules, served by the app (no CDN on intranets).
const chartJs = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

// Rekap: the compiled plan of a year, per unit and for the province; its XLSX and PDF.
export function rekapRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('bkpsdm', 'admin')];
  const unduh = unduhan(services, filterRekap);

  router.get('/bkpsdm/chart.js', (_req, res) => {
    res.sendFile(chartJs, { maxAge: '7d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  });

  router.get('/bkpsdm/rekap', ...guard, async (req, res) => {
    const data = await services.bkpsdm.rekap.lihat(pengguna(req), filterRekap(req));
    const grafik = {
      label: data.perUnit.map((u) => u.singkatan || u.nama),
      jp: data.perUnit.map((u) => u.jp),
      anggaran: data.perUnit.map((u) => u.anggaran),
    };
    res.render('bkpsdm/rekap', { judul: 'Rekap Perencanaan', ...data, grafik });
  });

  router.get('/bkpsdm/rekap.xlsx', ...guard, unduh.rekapXlsx);
  router.get('/bkpsdm/rekap.pdf', ...guard, unduh.rekapPdf);

  return router;
}
