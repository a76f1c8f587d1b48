import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { berkasDari } from '../../middleware/csrf';
import { hanyaBerkas } from '../../middleware/upload';
import { teks, idDari } from '../validasi';
import type { PegawaiInput } from '../../services/admin';

const PESAN_CSV = { wajib: 'Pilih berkas CSV.', aksi: 'Pilih Periksa atau Impor.' };

function input(body: Record<string, unknown> | undefined): PegawaiInput {
  const b = body ?? {};
  return {
    nip: teks(b.nip).slice(0, 40),
    nama: teks(b.nama).slice(0, 300),
    email: teks(b.email).slice(0, 300),
    jabatan: teks(b.jabatan).slice(0, 300),
    jenis_jabatan: teks(b.jenis_jabatan).slice(0, 60),
    instansi: teks(b.instansi).slice(0, 20),
    nip_atasan: teks(b.nip_atasan).slice(0, 40),
    peran: teks(b.peran).slice(0, 20),
    aktif: teks(b.aktif) === '1',
  };
}

// The CSV upload (parsed, and its CSRF token checked, by csrfProtection): one file, `berkas`.
const unggahCsv = hanyaBerkas(['berkas']);

// Admin: employees — search, create, edit, one-time password, CSV import.
export function pegawaiRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('admin')];

  router.get('/admin/pegawai', ...guard, async (req, res) => {
    const data = await services.admin.cariPegawai(pengguna(req), { q: teks(req.query.q), page: teks(req.query.page) });
    res.render('admin/pegawai', { judul: 'Pegawai', ...data });
  });

  const renderForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const pilihan = await services.admin.pilihanForm(pengguna(req));
    res.status(status).render('admin/pegawai-form', { judul: extra.id ? 'Ubah Pegawai' : 'Tambah Pegawai', ...pilihan, ...extra });
  };

  router.get('/admin/pegawai/baru', ...guard, (req, res) =>
    renderForm(req, res, 200, { id: null, values: { peran: 'pegawai', aktif: true } }),
  );

  router.post('/admin/pegawai', ...guard, async (req, res) => {
    const v = input(req.body);
    try {
      const r = await services.admin.buatPegawai(pengguna(req), v);
      flash(
        req,
        'sukses',
        `Pegawai ${v.nama} ditambahkan. Kata sandi sementara: ${r.password} — berikan kepada pegawai; kata sandi ini hanya ditampilkan sekali dan harus diganti saat masuk.`,
      );
      res.redirect(303, `/admin/pegawai/${r.id}`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      await renderForm(req, res, 422, { id: null, values: v, errors: e.errors });
    }
  });

  router.get('/admin/pegawai/import', ...guard, (_req, res) => {
    res.render('admin/impor', { judul: 'Impor Pegawai', laporan: null, values: {} });
  });

  router.post('/admin/pegawai/import', ...guard, ...unggahCsv, async (req, res) => {
    const user = pengguna(req);
    const aksi = teks(req.body?.aksi);
    const errors: Record<string, string> = { ...(req.uploadError ?? {}) };
    if (aksi !== 'periksa' && aksi !== 'impor') errors.aksi = PESAN_CSV.aksi;
    const file = berkasDari(req, 'berkas');
    if (!errors.berkas && (!file || file.size === 0)) errors.berkas = PESAN_CSV.wajib;
    if (Object.keys(errors).length || !file)
      return res.status(422).render('admin/impor', { judul: 'Impor Pegawai', laporan: null, values: { aksi }, errors });
    const r = await services.admin.imporPegawai(user, file.buffer, aksi as 'periksa' | 'impor');
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
    const p = await services.admin.pegawai(pengguna(req), idDari(req.params.id));
    await renderForm(req, res, 200, {
      id: p.id,
      pegawai: p,
      values: { ...p, instansi: String(p.instansi_id), jenis_jabatan: p.jenis_jabatan_kode ?? '', nip_atasan: p.atasan_nip ?? '' },
    });
  });

  router.post('/admin/pegawai/:id', ...guard, async (req, res) => {
    const id = idDari(req.params.id);
    const v = input(req.body);
    try {
      await services.admin.ubahPegawai(pengguna(req), id, v);
      flash(req, 'sukses', `Data ${v.nama} disimpan.`);
      res.redirect(303, `/admin/pegawai/${id}`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const p = await services.admin.pegawai(pengguna(req), id);
      await renderForm(req, res, 422, { id, pegawai: p, values: v, errors: e.errors });
    }
  });

  router.get('/admin/pegawai/:id/reset-password', ...guard, async (req, res) => {
    const p = await services.admin.pegawai(pengguna(req), idDari(req.params.id));
    res.render('admin/reset-password', { judul: 'Reset Kata Sandi', pegawai: p });
  });

  router.post('/admin/pegawai/:id/reset-password', ...guard, async (req, res) => {
    const r = await services.admin.resetPassword(pengguna(req), idDari(req.params.id));
    flash(
      req,
      'sukses',
      `Kata sandi ${r.pegawai.nama} direset. Kata sandi sementara: ${r.password} — berikan kepada pegawai; hanya ditampilkan sekali dan harus diganti saat masuk.`,
    );
    res.redirect(303, `/admin/pegawai/${r.pegawai.id}`);
  });

  return router;
}
