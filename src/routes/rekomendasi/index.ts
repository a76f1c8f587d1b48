import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Services } from '../../services';
import { NotFoundError } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { hanyaBerkas } from '../../middleware/upload';
import { validate } from '../../middleware/validate';
import { JENIS_BERKAS, SUMBER_BIAYA } from '../../domain/rekomendasi';
import type { BerkasMasuk, IsianRekomendasi } from '../../services/rekomendasi';
import { teks, idDari } from '../validasi';
import { bacaUnggahan, selesaiUnggahan, sudahDikonfirmasi, tahanUnggahan, type Unggahan } from '../unggahan';
import { isianSchema, rekomendasiSchema } from './schemas';

const BERKAS = ['surat_usulan', 'surat_pemanggilan'];

/** Sends a PDF so that browsers show it and never sniff it as something else. */
export function kirimPdf(res: Response, isi: Buffer, nama: string, unduh: boolean) {
  const ascii = nama.replace(/[^\w.\- ()]/g, '_');
  res.removeHeader('Content-Security-Policy');
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `${unduh ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(nama)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Length': String(isi.length),
  });
  res.end(isi);
}

function berkasDari(u: Unggahan): BerkasMasuk {
  return { surat_usulan: u.berkas.surat_usulan, surat_pemanggilan: u.berkas.surat_pemanggilan, errors: u.errors };
}

// Pengajuan Rekomendasi (the employee's side).
export function rekomendasiRouter(services: Services) {
  const router = Router();
  const svc = services.rekomendasi;
  const umum = { sumberBiaya: SUMBER_BIAYA, jenisBerkas: JENIS_BERKAS };

  /**
   * A POST of the request form (multipart: its files were parsed before the route). Saved: the
   * files (new, else held) are stored and the held ones forgotten. Back with errors (the schema's,
   * the upload's or the service's, all together): the page shows the values as typed, holds its
   * valid files and keeps the confirmation of Kirim. `halaman` gives the page's own data, and
   * refuses (404/409) before any file is held.
   */
  function formRekomendasi(
    path: string,
    o: {
      judul: string;
      halaman: (req: Request, isian: z.infer<typeof isianSchema>) => Promise<Record<string, unknown>>;
      simpan: (req: Request, input: IsianRekomendasi, berkas: BerkasMasuk) => Promise<{ id: number; terkirim: boolean }>;
      pesanKonsep: string;
    },
  ) {
    router.post(
      path,
      requireLogin,
      ...hanyaBerkas(BERKAS),
      validate(
        rekomendasiSchema,
        async (req, res, { errors, values }) => {
          const isian = isianSchema.parse(values);
          const halaman = await o.halaman(req, isian);
          const unggahan = await bacaUnggahan(req, services.berkasTertahan, BERKAS);
          const semua = { ...unggahan.errors, ...errors };
          res.render('rekomendasi/form', {
            judul: o.judul,
            ...umum,
            ...halaman,
            values: isian,
            errors: semua,
            tertahan: await tahanUnggahan(req, services.berkasTertahan, unggahan, semua),
            dikonfirmasi: isian.aksi === 'kirim' && sudahDikonfirmasi(req),
          });
        },
        async (req, res, input) => {
          const unggahan = await bacaUnggahan(req, services.berkasTertahan, BERKAS);
          const { id, terkirim } = await o.simpan(req, input, berkasDari(unggahan));
          await selesaiUnggahan(req, services.berkasTertahan, unggahan);
          flash(req, 'sukses', terkirim ? 'Pengajuan rekomendasi telah dikirim ke BKPSDMD.' : o.pesanKonsep);
          res.redirect(303, `/rekomendasi/${id}`);
        },
      ),
    );
  }

  router.get('/rekomendasi', requireLogin, async (req, res) => {
    const hasil = await svc.daftar(pengguna(req), { status: teks(req.query.status), q: teks(req.query.q), jalur: teks(req.query.jalur) });
    res.render('rekomendasi/daftar', { judul: 'Proses Pengajuan Rekomendasi', ...hasil });
  });

  router.get('/rekomendasi/baru', requireLogin, async (req, res) => {
    const form = await svc.formBaru(pengguna(req), teks(req.query.jalur));
    if (!form.jalur) return res.render('rekomendasi/pilih-jalur', { judul: 'Pengajuan Rekomendasi Baru' });
    res.render('rekomendasi/form', { judul: 'Pengajuan Rekomendasi Baru', ...umum, ...form, r: null, values: { jalur: form.jalur } });
  });

  formRekomendasi('/rekomendasi', {
    judul: 'Pengajuan Rekomendasi Baru',
    halaman: async (req, isian) => ({ ...(await svc.formBaru(pengguna(req), isian.jalur)), jalur: isian.jalur, r: null }),
    simpan: (req, input, berkas) => svc.buat(pengguna(req), input, berkas),
    pesanKonsep: 'Pengajuan rekomendasi disimpan sebagai konsep.',
  });

  router.get('/rekomendasi/:id', requireLogin, async (req, res) => {
    const d = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('rekomendasi/detail', { judul: 'Detail Pengajuan Rekomendasi', ...umum, ...d });
  });

  router.get('/rekomendasi/:id/edit', requireLogin, async (req, res) => {
    const form = await svc.formUbah(pengguna(req), idDari(req.params.id));
    const values = { ...form.r, biaya: Number(form.r.biaya) ? form.r.biaya : '', pernyataan: form.r.pernyataan ? '1' : '' };
    res.render('rekomendasi/form', { judul: 'Ubah Pengajuan Rekomendasi', ...umum, ...form, jalur: form.r.jalur, values });
  });

  formRekomendasi('/rekomendasi/:id/edit', {
    judul: 'Ubah Pengajuan Rekomendasi',
    // only the owner's konsep shows the form again
    halaman: async (req, isian) => {
      const form = await svc.formUbah(pengguna(req), idDari(req.params.id));
      return { ...form, jalur: isian.jalur || form.r.jalur };
    },
    simpan: (req, input, berkas) => svc.ubah(pengguna(req), idDari(req.params.id), input, berkas),
    pesanKonsep: 'Perubahan konsep disimpan.',
  });

  // Without JavaScript the action links open these confirmation pages; the POST does the work.
  const konfirmasi = {
    kirim: {
      judul: 'Kirim Pengajuan',
      pesan: 'Kirim pengajuan rekomendasi ini ke BKPSDMD? Setelah dikirim, pengajuan tidak dapat diubah.',
      tombol: 'Kirim',
    },
    hapus: { judul: 'Hapus Konsep', pesan: 'Hapus konsep pengajuan rekomendasi ini?', tombol: 'Hapus' },
  };
  for (const aksi of ['kirim', 'hapus'] as const) {
    router.get(`/rekomendasi/:id/${aksi}`, requireLogin, async (req, res) => {
      const id = idDari(req.params.id);
      const { r } = await svc.formUbah(pengguna(req), id);
      res.render('rekomendasi/konfirmasi', { ...konfirmasi[aksi], aksi, r, action: `/rekomendasi/${id}/${aksi}` });
    });
  }

  router.post('/rekomendasi/:id/kirim', requireLogin, async (req, res) => {
    const id = idDari(req.params.id);
    await svc.kirim(pengguna(req), id);
    flash(req, 'sukses', 'Pengajuan rekomendasi telah dikirim ke BKPSDMD.');
    res.redirect(303, `/rekomendasi/${id}`);
  });

  router.post('/rekomendasi/:id/hapus', requireLogin, async (req, res) => {
    await svc.hapus(pengguna(req), idDari(req.params.id));
    flash(req, 'sukses', 'Konsep pengajuan rekomendasi dihapus.');
    res.redirect(303, '/rekomendasi?status=konsep');
  });

  router.get('/rekomendasi/:id/berkas/:jenis', requireLogin, async (req, res) => {
    const b = await svc.berkas(pengguna(req), idDari(req.params.id), teks(req.params.jenis));
    kirimPdf(res, b.isi, b.nama, req.query.unduh === '1');
  });

  router.get('/rekomendasi/:id/surat.pdf', requireLogin, async (req, res) => {
    const { pdf, namaFile } = await svc.surat(pengguna(req), idDari(req.params.id));
    kirimPdf(res, pdf, namaFile, req.query.unduh === '1');
  });

  // Public, no login: anyone holding a letter can check it is genuine (the QR code on the letter).
  router.get('/verifikasi-surat/:kode', async (req, res) => {
    try {
      const surat = await svc.verifikasiSurat(teks(req.params.kode));
      res.render('rekomendasi/verifikasi-surat', { judul: 'Verifikasi Surat', surat, ditemukan: true });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      res
        .status(404)
        .render('rekomendasi/verifikasi-surat', { judul: 'Verifikasi Surat', surat: null, ditemukan: false, pesan: e.message });
    }
  });

  return router;
}
