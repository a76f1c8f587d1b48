import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { ValidationError } from '../../errors';
import { flash, pengguna, requireLogin, requireRole } from '../../middleware/auth';
import { berkasDari } from '../../middleware/csrf';
import { hanyaBerkas } from '../../middleware/upload';
import { MAKS_LOGO_BYTE } from '../../services/admin/master';

const PESAN_LOGO = 'Logo harus gambar PNG atau JPEG, paling besar 200 KB.';

// Admin: master data (instansi, bentuk, jenis jabatan + standard levels, kompetensi + levels, sumber dana)
// and the letter settings. Nothing is deleted: a row in use is deactivated.
export function masterRouter(services: Services) {
  const router = Router();
  const guard = [requireLogin, requireRole('admin')];
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  router.get('/admin/master', ...guard, async (req, res) => {
    res.render('admin/master', { judul: 'Data Master', ...(await services.admin.master.daftar(pengguna(req))) });
  });

  router.get('/admin/master/surat', ...guard, async (req, res) => {
    const d = await services.admin.master.pengaturanSurat(pengguna(req));
    res.render('admin/master-surat', { judul: 'Pengaturan Surat', ...d, values: d.nilai });
  });

  router.post('/admin/master/surat', ...guard, ...hanyaBerkas(['logo_berkas']), async (req, res) => {
    try {
      // an uploaded logo (PNG or JPEG) becomes the value of surat[logo]; hapus_logo clears it
      if (body(req).hapus_logo === '1') ((body(req).surat ?? {}) as Record<string, unknown>).logo = '';
      const logo = berkasDari(req, 'logo_berkas');
      if (logo && logo.size > 0) {
        const png = logo.buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        const jpeg = logo.buffer.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
        if ((!png && !jpeg) || logo.size > MAKS_LOGO_BYTE) throw new ValidationError({ 'surat[logo]': PESAN_LOGO });
        const s = (body(req).surat ?? {}) as Record<string, unknown>;
        s.logo = `data:image/${png ? 'png' : 'jpeg'};base64,${logo.buffer.toString('base64')}`;
        body(req).surat = s;
      }
      await services.admin.master.simpanPengaturanSurat(pengguna(req), body(req));
      flash(req, 'sukses', 'Pengaturan surat disimpan.');
      res.redirect(303, '/admin/master/surat');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const d = await services.admin.master.pengaturanSurat(pengguna(req));
      const s = (body(req).surat ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        d.kunci.map(([k]) => [
          k,
          typeof s[k.slice(6)] === 'string' ? String(s[k.slice(6)]).slice(0, k === 'surat.logo' ? 300_000 : 1000) : '',
        ]),
      );
      res.status(422).render('admin/master-surat', { judul: 'Pengaturan Surat', ...d, values, errors: e.errors });
    }
  });

  const renderList = async (req: Request, res: Response, status: number, values: Record<string, unknown>, errors = {}) => {
    const d = await services.admin.master.list(pengguna(req), String(req.params.jenis));
    res.status(status).render('admin/master-list', { judul: d.d.judul, ...d, values, errors });
  };

  router.get('/admin/master/:jenis', ...guard, (req, res) => renderList(req, res, 200, { aktif: true }));

  router.post('/admin/master/:jenis', ...guard, async (req, res) => {
    const jenis = String(req.params.jenis);
    try {
      const id = await services.admin.master.simpan(pengguna(req), jenis, null, body(req));
      flash(req, 'sukses', 'Data ditambahkan.');
      res.redirect(303, `/admin/master/${jenis}/${encodeURIComponent(id)}`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      await renderList(req, res, 422, body(req), e.errors);
    }
  });

  const renderRow = async (req: Request, res: Response, status: number, values?: Record<string, unknown>, errors = {}) => {
    const d = await services.admin.master.row(pengguna(req), String(req.params.jenis), String(req.params.kunci));
    res.status(status).render('admin/master-row', { judul: `Ubah ${d.d.judul}`, ...d, values: values ?? d.row, errors });
  };

  router.get('/admin/master/:jenis/:kunci', ...guard, (req, res) => renderRow(req, res, 200));

  router.post('/admin/master/:jenis/:kunci', ...guard, async (req, res) => {
    const { jenis, kunci } = req.params as { jenis: string; kunci: string };
    await services.admin.master.row(pengguna(req), jenis, kunci); // 404 before anything else
    try {
      await services.admin.master.simpan(pengguna(req), jenis, kunci, body(req));
      flash(req, 'sukses', 'Perubahan disimpan.');
      res.redirect(303, `/admin/master/${jenis}/${encodeURIComponent(kunci)}`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      await renderRow(req, res, 422, body(req), e.errors);
    }
  });

  return router;
}
