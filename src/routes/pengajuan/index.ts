import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services';
import { NotFoundError, ValidationError } from '../../errors';
import { flash, pengguna, requireLogin } from '../../middleware/auth';
import { JALUR, JALUR_DARI_SLUG, SLUG_JALUR, LABEL_JALUR, type Jalur } from '../../domain/status';
import { isOneOf } from '../../domain/pilihan';
import { validate } from '../../middleware/validate';
import { JENJANG, KINERJA_MAKS, KINERJA_MIN, MAKS_BARIS, type KepalaInput, type RencanaInput } from '../../domain/rencana';
import { kesenjanganKinerja } from '../../domain/kesenjangan';
import { parseDesimal } from '../../domain/angka';
import {
  BARIS_KOSONG,
  barisDariBody,
  barisSchema,
  filterSchema,
  kepalaDariBody,
  kepalaSchema,
  kirimSemuaSchema,
  rencanaDariBody,
  rencanaSchema,
} from './schemas';
import { teks, idDari } from '../validasi';
import { formulirPdf } from '../../ekspor/formulir';

export function pengajuanRouter(services: Services) {
  const router = Router();
  const svc = services.pengajuan;

  // Dashboard "Pengembangan Kompetensi"
  router.get('/', requireLogin, async (req, res) => {
    const user = pengguna(req);
    const q = teks(req.query.tahun);
    const tahun = /^\d{4}$/.test(q) ? Number(q) : svc.tahunIni();
    const bkpsdm = user.peran === 'bkpsdm' || user.peran === 'admin';
    const [model, beranda] = await Promise.all([svc.dashboard(user, tahun), bkpsdm ? services.bkpsdm.beranda(user) : null]);
    res.render('pengajuan/dashboard', { judul: 'Pengembangan Kompetensi', tahun, ...model, beranda });
  });

  router.get('/pengajuan/baru', requireLogin, (req, res) => {
    const periode = svc.pilihanPeriode(pengguna(req));
    res.render('pengajuan/baru', { judul: 'Pengajuan Baru', periode, LABEL_JALUR, SLUG_JALUR });
  });

  /** The kinerja band to show beside the field, for a valid score only. */
  function bandDari(nilai: string) {
    const kinerja = parseDesimal(nilai);
    return kinerja !== null && kinerja >= KINERJA_MIN && kinerja <= KINERJA_MAKS ? kesenjanganKinerja(kinerja) : null;
  }

  async function renderForm(
    req: Request,
    res: Response,
    jalur: Jalur,
    tahun: number,
    values: RencanaInput,
    errors: Record<string, string>,
    status = 200,
    dariRencana = false,
  ) {
    const user = pengguna(req);
    const model = await svc.dataForm(user, jalur, tahun);
    // a year that already has a plan: the form opens with its header as it stands
    if (dariRencana && model.kepala) Object.assign(values, model.kepala);
    res.status(status).render('pengajuan/form', {
      judul: `Pengajuan Baru: ${LABEL_JALUR[jalur]}`,
      jalur,
      slug: SLUG_JALUR[jalur],
      labelJalur: LABEL_JALUR[jalur],
      tahun,
      values,
      errors,
      jenjangList: JENJANG,
      maksBaris: MAKS_BARIS,
      bandKinerja: bandDari(values.penilaian_kinerja),
      adaRencana: !!model.kepala,
      ...model,
    });
  }

  router.get('/pengajuan/baru/:jalur', requireLogin, async (req, res) => {
    const jalur = JALUR_DARI_SLUG[String(req.params.jalur)];
    if (!jalur) throw new NotFoundError('Jalur pengembangan tidak dikenal.');
    const user = pengguna(req);
    let tahun = Number(teks(req.query.tahun));
    if (!/^\d{4}$/.test(teks(req.query.tahun))) {
      const terbuka = svc.pilihanPeriode(user).find((p) => p.terbuka);
      if (!terbuka) return res.redirect(303, '/pengajuan/baru');
      tahun = terbuka.tahun;
    }
    const values: RencanaInput = {
      tahun: String(tahun),
      jalur,
      jenis_jabatan: user.jenis_jabatan_kode ?? '',
      email: user.email ?? '',
      penilaian_kinerja: '',
      skj: {},
      pelatihan: [{ ...BARIS_KOSONG }],
      persetujuan: '',
    };
    await renderForm(req, res, jalur, tahun, values, {}, 200, true);
  });

  /** A year as the plan form sends it (the form can only be shown again with one, and a known jalur). */
  const isTahun = (s: string) => /^\d{4}$/.test(s);

  router.post(
    '/pengajuan',
    requireLogin,
    validate(
      rencanaSchema,
      (req, res, { errors, values }) => {
        const v = rencanaDariBody(values);
        // without a jalur or a year there is no form to show: the error page says what is wrong
        if (!isOneOf(JALUR, v.jalur) || !isTahun(v.tahun)) throw new ValidationError(errors);
        return renderForm(req, res, v.jalur, Number(v.tahun), v, errors, 422);
      },
      async (req, res, values) => {
        const user = pengguna(req);
        // Without JavaScript, rows are added and removed by re-rendering the form.
        if (isOneOf(JALUR, values.jalur) && isTahun(values.tahun)) {
          const tahun = Number(values.tahun);
          if (teks(req.body?.tambah) === '1') {
            if (values.pelatihan.length < MAKS_BARIS) values.pelatihan.push({ ...BARIS_KOSONG });
            return renderForm(req, res, values.jalur, tahun, values, {});
          }
          const hapus = teks(req.body?.hapus_baris);
          if (/^\d+$/.test(hapus)) {
            values.pelatihan.splice(Number(hapus), 1);
            if (!values.pelatihan.length) values.pelatihan.push({ ...BARIS_KOSONG });
            return renderForm(req, res, values.jalur, tahun, values, {});
          }
        }
        const hasil = await svc.buat(user, values, teks(req.body?.aksi) === 'kirim');
        const disimpan = hasil.ditambahkan ? `ditambahkan ke rencana tahun ${hasil.tahun}` : 'disimpan';
        flash(
          req,
          'sukses',
          hasil.terkirim
            ? `${hasil.jumlah} usulan ${disimpan} dan dikirim ke atasan untuk diverifikasi.`
            : `${hasil.jumlah} usulan ${disimpan} sebagai konsep (belum dikirim). Periksa kembali, lalu kirim ke atasan.`,
        );
        res.redirect(303, `/pengajuan?tahun=${hasil.tahun}`);
      },
    ),
  );

  // Daftar Pengajuan
  router.get('/pengajuan', requireLogin, async (req, res) => {
    const user = pengguna(req);
    const f = filterSchema.parse(req.query);
    const model = await svc.daftar(user, { tahun: f.tahun, jalur: f.jalur, status: f.status, q: f.q }, f.page);
    res.render('pengajuan/daftar', { judul: 'Daftar Pengajuan', filter: f, LABEL_JALUR, ...model });
  });

  router.post(
    '/pengajuan/kirim-semua',
    requireLogin,
    validate(
      kirimSemuaSchema,
      // a button on the list, not a form to fill in: the error page says what is wrong
      (_req, _res, { errors }) => {
        throw new ValidationError(errors);
      },
      async (req, res, { tahun }) => {
        const n = await svc.kirimSemua(pengguna(req), tahun);
        flash(req, n ? 'sukses' : 'info', n ? `${n} usulan dikirim ke atasan untuk diverifikasi.` : 'Tidak ada usulan berstatus konsep.');
        res.redirect(303, `/pengajuan?tahun=${tahun}`);
      },
    ),
  );

  // Data Rencana: the header of the year's one plan (jenis jabatan, SKJ, kinerja, e-mail).
  function tahunRencana(v: unknown): number {
    const s = teks(v);
    if (!/^\d{4}$/.test(s)) throw new NotFoundError('Rencana tidak ditemukan.');
    return Number(s);
  }

  async function renderRencana(
    req: Request,
    res: Response,
    tahun: number,
    values: KepalaInput | null,
    errors: Record<string, string>,
    status = 200,
  ) {
    const user = pengguna(req);
    const model = await svc.dataRencana(user, tahun);
    const v = values ?? (await svc.kepalaForm(user, tahun))!;
    res.status(status).render('pengajuan/rencana', {
      judul: `Data Rencana ${tahun}`,
      tahun,
      values: v,
      errors,
      bandKinerja: bandDari(v.penilaian_kinerja),
      ...model,
    });
  }

  router.get('/pengajuan/rencana/:tahun', requireLogin, async (req, res) => {
    await renderRencana(req, res, tahunRencana(req.params.tahun), null, {});
  });

  router.post(
    '/pengajuan/rencana/:tahun',
    requireLogin,
    validate(
      kepalaSchema,
      (req, res, { errors, values }) => renderRencana(req, res, tahunRencana(req.params.tahun), kepalaDariBody(values), errors, 422),
      async (req, res, values) => {
        const tahun = tahunRencana(req.params.tahun);
        const berubah = await svc.ubahRencana(pengguna(req), tahun, values);
        flash(req, berubah ? 'sukses' : 'info', berubah ? `Data rencana tahun ${tahun} tersimpan.` : 'Tidak ada perubahan data rencana.');
        res.redirect(303, `/pengajuan/rencana/${tahun}`);
      },
    ),
  );

  router.get('/pengajuan/:id', requireLogin, async (req, res) => {
    const model = await svc.detail(pengguna(req), idDari(req.params.id));
    res.render('pengajuan/detail', { judul: 'Detail Pengajuan', ...model });
  });

  router.get('/pengajuan/:id/formulir.pdf', requireLogin, async (req, res) => {
    const model = await svc.formulir(pengguna(req), idDari(req.params.id));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="formulir-pengajuan-${model.pengajuan.tahun}-${model.pemilik.nip}.pdf"`);
    formulirPdf(res, model);
  });

  router.get('/pengajuan/:id/edit', requireLogin, async (req, res) => {
    const model = await svc.dataEdit(pengguna(req), idDari(req.params.id));
    const r = model.rincian;
    const values = {
      bentuk: r.bentuk_kode,
      jp: String(r.jp),
      tanggal: r.tanggal,
      materi: r.materi,
      anggaran: String(Number(r.anggaran)).replace('.', ','),
      lembaga: r.lembaga,
      sumber_dana: r.sumber_dana_kode,
      alasan: r.alasan,
      program_studi: r.program_studi ?? '',
      jenjang: r.jenjang ?? '',
      perguruan_tinggi: r.perguruan_tinggi ?? '',
    };
    res.render('pengajuan/edit', { judul: 'Edit Pengajuan', ...model, values, errors: {}, jenjangList: JENJANG });
  });

  router.post(
    '/pengajuan/:id/edit',
    requireLogin,
    validate(
      barisSchema,
      async (req, res, { errors, values }) => {
        const model = await svc.dataEdit(pengguna(req), idDari(req.params.id));
        res.render('pengajuan/edit', { judul: 'Edit Pengajuan', ...model, values: barisDariBody(values), errors, jenjangList: JENJANG });
      },
      async (req, res, values) => {
        await svc.edit(pengguna(req), idDari(req.params.id), values);
        flash(req, 'sukses', 'Perubahan usulan tersimpan.');
        res.redirect(303, `/pengajuan/${idDari(req.params.id)}`);
      },
    ),
  );

  for (const aksi of ['kirim', 'hapus'] as const) {
    // Without JavaScript the action link opens this confirmation page.
    router.get(`/pengajuan/:id/${aksi}`, requireLogin, async (req, res) => {
      const rincian = await svc.untukAksi(pengguna(req), idDari(req.params.id), aksi);
      res.render('pengajuan/konfirmasi', { judul: aksi === 'kirim' ? 'Kirim Pengajuan' : 'Hapus Pengajuan', aksi, rincian });
    });
    router.post(`/pengajuan/:id/${aksi}`, requireLogin, async (req, res) => {
      const user = pengguna(req);
      const r = aksi === 'kirim' ? await svc.kirim(user, idDari(req.params.id)) : await svc.hapus(user, idDari(req.params.id));
      flash(
        req,
        'sukses',
        aksi === 'kirim'
          ? `Usulan "${r.materi}" dikirim ke atasan${user.atasan_nama ? ` (${user.atasan_nama})` : ''} untuk diverifikasi.`
          : `Usulan "${r.materi}" dihapus.`,
      );
      res.redirect(303, `/pengajuan?tahun=${r.tahun}`);
    });
  }

  return router;
}
