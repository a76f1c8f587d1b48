import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { berkasDari } from '../../middleware/csrf';
import { hanyaBerkas } from '../../middleware/upload';
import { validate } from '../../middleware/validate';
import { isOneOf } from '../../domain/pilihan';
import { teks, idDari } from '../validasi';
import { isianPegawai, pegawaiSchema } from './schemas';

const PESAN_CSV = { wajib: 'Pilih berkas CSV.', aksi: 'Pilih Periksa atau Impor.' };
const AKSI_CSV = ['periksa', 'impor'] as const;

// The CSV upload (parsed, and its CSRF token checked, by csrfProtection): one file, `berkas`.
const unggahCsv = hanyaBerkas(['berkas']);

// Admin: employees — search, create, edit, one-time password, CSV import.
export function pegawaiRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('admin')];

  router.get('/admin/pegawai', ...guard, async (req, res) => {
    const data = await services.admin.pegawai.cari(pengguna(req), { q: teks(req.query.q), page: teks(req.query.page) });
    res.render('admin/pegawai', { judul: 'Pegawai', ...data });
  });

  const renderForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const pilihan = await services.admin.pegawai.pilihanForm(pengguna(req));
    res.status(status).render('admin/pegawai-form', { judul: extra.id ? 'Ubah Pegawai' : 'Tambah Pegawai', ...pilihan, ...extra });
  };

  router.get('/admin/pegawai/baru', ...guard, (req, res) =>
    renderForm(req, res, 200, { id: null, values: { peran: 'pegawai', aktif: true } }),
  );

  router.post(
    '/admin/pegawai',
    ...guard,
    validate(
      pegawaiSchema,
      (req, res, { errors, values }) => renderForm(req, res, 422, { id: null, values: isianPegawai.parse(values), errors }),
      async (req, res, v) => {
        const r = await services.admin.pegawai.buat(pengguna(req), v);
        flash(
          req,
          'sukses',
          `Pegawai ${v.nama} ditambahkan. Kata sandi sementara: ${r.password} — berikan kepada pegawai; kata sandi ini hanya ditampilkan sekali dan harus diganti saat masuk.`,
        );
        res.redirect(303, `/admin/pegawai/${r.id}`);
      },
    ),
  );

  router.get('/admin/pegawai/import', ...guard, (_req, res) => {
    res.render('admin/impor', { judul: 'Impor Pegawai', laporan: null, values: {} });
  });

  router.post('/admin/pegawai/import', ...guard, ...unggahCsv, async (req, res) => {
    const user = pengguna(req);
    const aksi = teks(req.body?.aksi);
    const errors: Record<string, string> = { ...(req.uploadError ?? {}) };
    if (!isOneOf(AKSI_CSV, aksi)) errors.aksi = PESAN_CSV.aksi;
    const file = berkasDari(req, 'berkas');
    if (!errors.berkas && (!file || file.size === 0)) errors.berkas = PESAN_CSV.wajib;
    if (Object.keys(errors).length || !file || !isOneOf(AKSI_CSV, aksi))
      return res.status(422).render('admin/impor', { judul: 'Impor Pegawai', laporan: null, values: { aksi }, errors });
    const r = await services.admin.impor.proses(user, file.buffer, aksi);
    if (r.diimpor) {
      const j = r.laporan.jumlah;
      flash(req, 'sukses', `Impor selesai: ${j.baru} pegawai baru, ${j.ubah} diubah, ${j.tetap} tidak berubah.`);
      return res.redirect(303, '/admin/pegawai');
    }
    const galat = r.laporan.galat ? { berkas: r.laporan.galat } : {};
    res.status(r.ditolak ? 422 : 200).render('admin/impor', {
      judul: 'Impor Pegawai',
      laporan: r.laporan,
      namaBerkas: file.originalname.slice(0, 200),
      aksi,
      values: { aksi },
      errors: galat,
    });
  });

  router.get('/admin/pegawai/:id', ...guard, async (req, res) => {
    const p = await services.admin.pegawai.lihat(pengguna(req), idDari(req.params.id));
    await renderForm(req, res, 200, {
      id: p.id,
      pegawai: p,
      values: { ...p, instansi: String(p.instansi_id), jenis_jabatan: p.jenis_jabatan_kode ?? '', nip_atasan: p.atasan_nip ?? '' },
    });
  });

  router.post(
    '/admin/pegawai/:id',
    ...guard,
    validate(
      pegawaiSchema,
      async (req, res, { errors, values }) => {
        const p = await services.admin.pegawai.lihat(pengguna(req), idDari(req.params.id));
        await renderForm(req, res, 422, { id: p.id, pegawai: p, values: isianPegawai.parse(values), errors });
      },
      async (req, res, v) => {
        const id = idDari(req.params.id);
        await services.admin.pegawai.ubah(pengguna(req), id, v);
        flash(req, 'sukses', `Data ${v.nama} disimpan.`);
        res.redirect(303, `/admin/pegawai/${id}`);
      },
    ),
  );

  router.get('/admin/pegawai/:id/reset-password', ...guard, async (req, res) => {
    const p = await services.admin.pegawai.lihat(pengguna(req), idDari(req.params.id));
    res.render('admin/reset-password', { judul: 'Reset Kata Sandi', pegawai: p });
  });

  router.post('/admin/pegawai/:id/reset-password', ...guard, async (req, res) => {
    const r = await services.admin.pegawai.resetPassword(pengguna(req), idDari(req.params.id));
    flash(
      req,
      'sukses',
      `Kata sandi ${r.pegawai.nama} direset. Kata sandi sementara: ${r.password} — berikan kepada pegawai; hanya ditampilkan sekali dan harus diganti saat masuk.`,
    );
    res.redirect(303, `/admin/pegawai/${r.pegawai.id}`);
  });

  return router;
}
