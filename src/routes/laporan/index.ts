import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { ValidationError, type FieldErrors } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { hanyaBerkas } from '../../middleware/upload';
import { daftarQuerySchema, laporanSchema, mulaiSchema } from './schemas';
import { idDari } from '../validasi';
import { bacaUnggahan, selesaiUnggahan, sudahDikonfirmasi, tahanUnggahan, type Tertahan } from '../unggahan';

// Pelaksanaan (mulai) and Laporan.
export function laporanRouter(services: Services) {
  const router = Router();
  const svc = services.laporan;

  // --- Mulai Melaksanakan Kegiatan ---

  async function renderMulai(req: Request, res: Response, status: number, values: Record<string, unknown>, errors: FieldErrors = {}) {
    const kegiatan = await svc.formMulai(pengguna(req), idDari(req.params.id));
    const konfirmasi = status === 200 && req.query.ya !== '1';
    res.status(status).render('laporan/mulai', {
      judul: 'Mulai Melaksanakan Kegiatan',
      kegiatan,
      konfirmasi,
      frekuensi: svc.frekuensi,
      values,
      errors,
    });
  }

  router.get('/pengajuan/:id/mulai', requireLogin, async (req, res) => {
    await renderMulai(req, res, 200, {});
  });

  router.post('/pengajuan/:id/mulai', requireLogin, async (req, res) => {
    const input = mulaiSchema.parse(req.body ?? {});
    try {
      const id = await svc.mulai(pengguna(req), idDari(req.params.id), input);
      flash(req, 'sukses', 'Kegiatan dimulai. Sampaikan laporannya sesuai jadwal di bawah ini.');
      res.redirect(303, `/laporan/${id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderMulai(req, res, 422, input, e.errors);
      throw e;
    }
  });

  // --- Laporan ---

  router.get('/laporan', requireLogin, async (req, res) => {
    const q = daftarQuerySchema.parse(req.query);
    const vm = await svc.daftar(pengguna(req), q);
    res.render('laporan/daftar', { judul: 'Laporan', ...vm });
  });

  async function renderDetail(
    req: Request,
    res: Response,
    status: number,
    values: Record<string, unknown> = {},
    errors: FieldErrors = {},
    ulang: { tertahan: Tertahan; dikonfirmasi: boolean } = { tertahan: {}, dikonfirmasi: false },
  ) {
    const vm = await svc.detail(pengguna(req), idDari(req.params.id));
    res.status(status).render('laporan/detail', { judul: 'Laporan Pengembangan Kompetensi', ...vm, values, errors, ...ulang });
  }

  router.get('/laporan/:id', requireLogin, async (req, res) => {
    await renderDetail(req, res, 200);
  });

  // Multipart when a certificate is attached; the body and its CSRF token were checked app-wide.
  router.post('/laporan/:id', requireLogin, ...hanyaBerkas(['sertifikat']), async (req, res) => {
    const input = laporanSchema.parse(req.body ?? {});
    // a certificate held from a form that came back with errors is used unless a new file is sent
    const unggahan = await bacaUnggahan(req, services.berkasTertahan, ['sertifikat']);
    try {
      const r = await svc.tambahLaporan(pengguna(req), idDari(req.params.id), {
        ...input,
        sertifikat: unggahan.berkas.sertifikat,
        galatBerkas: unggahan.errors,
      });
      await selesaiUnggahan(req, services.berkasTertahan, unggahan);
      flash(req, 'sukses', r.selesai ? 'Laporan akhir tersimpan. Kegiatan ini sekarang Selesai.' : 'Laporan tersimpan.');
      res.redirect(303, `/laporan/${idDari(req.params.id)}`);
    } catch (e) {
      if (e instanceof ValidationError) {
        const values = { ...input, dengan_sertifikat: input.dengan_sertifikat ? '1' : '', akhir: input.akhir ? '1' : '' };
        const tertahan = await tahanUnggahan(req, services.berkasTertahan, unggahan, e.errors);
        return renderDetail(req, res, 422, values, e.errors, { tertahan, dikonfirmasi: sudahDikonfirmasi(req) });
      }
      throw e;
    }
  });

  router.get('/laporan/:id/sertifikat/:laporanId', requireLogin, async (req, res) => {
    const f = await svc.sertifikat(pengguna(req), idDari(req.params.id), idDari(req.params.laporanId));
    const nama = f.nama.replace(/[^\w.\- ()]/g, '_') || 'sertifikat.pdf';
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${nama}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    res.send(f.isi);
  });

  return router;
}
