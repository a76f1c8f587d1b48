import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import type { FieldErrors } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { hanyaBerkas } from '../../middleware/upload';
import { validate } from '../../middleware/validate';
import { daftarQuerySchema, laporanSchema, mulaiSchema, nilaiForm } from './schemas';
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

  router.post(
    '/pengajuan/:id/mulai',
    requireLogin,
    validate(
      mulaiSchema,
      // only the owner's accepted item shows the form again (404/409 otherwise, as before any check)
      (req, res, { errors, values }) => renderMulai(req, res, 422, nilaiForm(values), errors),
      async (req, res, input) => {
        const id = await svc.mulai(pengguna(req), idDari(req.params.id), input);
        flash(req, 'sukses', 'Kegiatan dimulai. Sampaikan laporannya sesuai jadwal di bawah ini.');
        res.redirect(303, `/laporan/${id}`);
      },
    ),
  );

  // --- Laporan ---

  router.get('/laporan', requireLogin, async (req, res) => {
    const q = daftarQuerySchema.parse(req.query);
    const vm = await svc.daftar(pengguna(req), q);
    res.render('laporan/daftar', { judul: 'Laporan', ...vm });
  });

  router.get('/laporan/:id', requireLogin, async (req, res) => {
    const vm = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('laporan/detail', {
      judul: 'Laporan Pengembangan Kompetensi',
      ...vm,
      values: {},
      errors: {},
      tertahan: {},
      dikonfirmasi: false,
    });
  });

  /**
   * The report form came back with errors (the schema's, the upload's or the service's, all
   * together): its valid certificate is held and the confirmation of the final report kept.
   */
  async function renderLaporanGagal(req: Request, res: Response, errors: FieldErrors, values: Record<string, unknown>) {
    const unggahan = await bacaUnggahan(req, services.berkasTertahan, ['sertifikat']);
    const semua = { ...unggahan.errors, ...errors };
    const vm = await svc.formLaporan(pengguna(req), idDari(req.params.id));
    const tertahan: Tertahan = await tahanUnggahan(req, services.berkasTertahan, unggahan, semua);
    const nilai = { ...nilaiForm(values), dengan_sertifikat: centang(values.dengan_sertifikat), akhir: centang(values.akhir) };
    res.status(422).render('laporan/detail', {
      judul: 'Laporan Pengembangan Kompetensi',
      ...vm,
      values: nilai,
      errors: semua,
      tertahan,
      dikonfirmasi: sudahDikonfirmasi(req),
    });
  }

  // Multipart when a certificate is attached; the body and its CSRF token were checked app-wide.
  router.post(
    '/laporan/:id',
    requireLogin,
    ...hanyaBerkas(['sertifikat']),
    validate(
      laporanSchema,
      (req, res, { errors, values }) => renderLaporanGagal(req, res, errors, values),
      async (req, res, input) => {
        // a certificate held from a form that came back with errors is used unless a new file is sent
        const unggahan = await bacaUnggahan(req, services.berkasTertahan, ['sertifikat']);
        const r = await svc.tambahLaporan(pengguna(req), idDari(req.params.id), {
          ...input,
          sertifikat: unggahan.berkas.sertifikat,
          galatBerkas: unggahan.errors,
        });
        await selesaiUnggahan(req, services.berkasTertahan, unggahan);
        flash(req, 'sukses', r.selesai ? 'Laporan akhir tersimpan. Kegiatan ini sekarang Selesai.' : 'Laporan tersimpan.');
        res.redirect(303, `/laporan/${idDari(req.params.id)}`);
      },
    ),
  );

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

/** A checkbox as the form shows it again: '1' when ticked. */
function centang(v: unknown): string {
  return v === '1' || v === 'on' ? '1' : '';
}
