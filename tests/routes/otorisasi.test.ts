import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian, rekomendasiTerkirim } from '../helpers/data';
import { daftarRute } from '../helpers/routes';

// The authorization matrix: every route the app registers × every kind of user, on someone's
// (Andi's) data. A new route without an entry here fails the test.

const AKTOR = ['anonim', 'pemilik', 'pegawaiLain', 'atasan', 'atasanLain', 'bkpsdm', 'admin'] as const;
type Aktor = (typeof AKTOR)[number];
type Harapan = Record<Aktor, number[]>;

const KE_LOGIN = [302, 303];
const BOLEH = [200]; // a page
const BERTINDAK = [200, 303, 409, 422]; // an action the actor may attempt (state or input may still refuse it)
const BUKAN_MILIK = [404];
const TERLARANG = [403];

/** Everyone logged in may open it. */
const semua = (ok = BOLEH): Harapan => ({
  anonim: KE_LOGIN,
  pemilik: ok,
  pegawaiLain: ok,
  atasan: ok,
  atasanLain: ok,
  bkpsdm: ok,
  admin: ok,
});
/** Public pages. */
const publik = (ok = BOLEH): Harapan => ({ anonim: ok, pemilik: ok, pegawaiLain: ok, atasan: ok, atasanLain: ok, bkpsdm: ok, admin: ok });
/** Only the listed actors; others get 404 (someone else's data); anonymous goes to login. */
function hanya(ok: number[], ...siapa: Aktor[]): Harapan {
  const h = { anonim: KE_LOGIN } as Harapan;
  for (const a of AKTOR) if (a !== 'anonim') h[a] = siapa.includes(a) ? ok : BUKAN_MILIK;
  return h;
}
/** Role pages: others get 403. */
function peran(ok: number[], ...siapa: ('bkpsdm' | 'admin')[]): Harapan {
  const h = { anonim: KE_LOGIN } as Harapan;
  for (const a of AKTOR) if (a !== 'anonim') h[a] = (siapa as Aktor[]).includes(a) ? ok : TERLARANG;
  return h;
}

const NIP_AKTOR: Partial<Record<Aktor, string>> = {
  pemilik: NIP.andi,
  pegawaiLain: NIP.fajar,
  atasan: NIP.sari,
  atasanLain: NIP.rudi,
  bkpsdm: NIP.hendra,
  admin: NIP.maya,
};

let t: TestApp;
let agen: Record<Aktor, Agent>;
const id: Record<string, number | string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  const k = t.knex;
  const andi = await idPegawai(k, NIP.andi);
  id.andi = andi;
  id.konsep = await buatRincian(k, { nip: NIP.andi, tahun: 2027 });
  id.konsepHapus = await buatRincian(k, { nip: NIP.andi, tahun: 2027 });
  id.dikirim = await buatRincian(k, { nip: NIP.andi, tahun: 2027, status: 'dikirim' });
  id.diterima = await buatRincian(k, { nip: NIP.andi, tahun: 2027, status: 'diterima' });
  id.berjalan = await buatRincian(k, {
    nip: NIP.andi,
    tahun: 2026,
    status: 'berjalan',
    tanggal_mulai: '2026-11-01',
    tanggal_selesai: '2026-11-20',
  });
  const isi = Buffer.from('%PDF-1.4\n%%EOF\n');
  const [b] = await k('berkas')
    .insert({
      nama: 's.pdf',
      tipe: 'application/pdf',
      ukuran: isi.length,
      sha256: crypto.createHash('sha256').update(isi).digest('hex'),
      isi,
      diunggah_oleh: andi,
    })
    .returning('id');
  const [l] = await k('laporan')
    .insert({
      rincian_id: id.berjalan,
      tanggal: '2026-11-10',
      jp: 4,
      dengan_sertifikat: true,
      nomor_sertifikat: 'S-1',
      sertifikat_berkas_id: b!.id,
      dibuat_oleh: andi,
    })
    .returning('id');
  id.laporan = l!.id;
  id.rekTerkirim = (await k('rekomendasi').where({ pegawai_id: andi, status: 'terkirim' }).first('id'))!.id;
  id.rekDiterima = (await k('rekomendasi').where({ pegawai_id: andi, status: 'diterima' }).first('id'))!.id;
  id.rekKonsep = (await k('rekomendasi').where({ pegawai_id: andi, status: 'konsep' }).first('id'))!.id;
  const [n] = await k('notifikasi').insert({ pegawai_id: andi, judul: 'Uji', pesan: 'Uji', tautan: '/' }).returning('id');
  id.notifikasi = n!.id;
  const [p] = await k('plt')
    .insert({
      atasan_id: await idPegawai(k, NIP.rudi),
      pengganti_id: await idPegawai(k, NIP.dewi),
      mulai: '2026-12-01',
      selesai: '2026-12-31',
      dibuat_oleh: await idPegawai(k, NIP.hendra),
    })
    .returning('id');
  id.plt = p!.id;
  agen = {
    anonim: await anonim(t.app),
    pemilik: await masuk(t.app, NIP_AKTOR.pemilik!),
    pegawaiLain: await masuk(t.app, NIP_AKTOR.pegawaiLain!),
    atasan: await masuk(t.app, NIP_AKTOR.atasan!),
    atasanLain: await masuk(t.app, NIP_AKTOR.atasanLain!),
    bkpsdm: await masuk(t.app, NIP_AKTOR.bkpsdm!),
    admin: await masuk(t.app, NIP_AKTOR.admin!),
  };
});
afterAll(() => t.close());

// route → the concrete URL on Andi's data, and who may do what.
const MATRIX: Record<string, [url: () => string, harapan: Harapan]> = {
  'GET /healthz': [() => '/healthz', publik()],
  // the emblem of the login page and the letters (the uploaded logo, else a placeholder)
  'GET /logo': [() => '/logo', publik([200, 302])],
  'GET /login': [
    () => '/login',
    {
      ...publik(),
      pemilik: KE_LOGIN.concat(BOLEH),
      pegawaiLain: [...KE_LOGIN, 200],
      atasan: [...KE_LOGIN, 200],
      atasanLain: [...KE_LOGIN, 200],
      bkpsdm: [...KE_LOGIN, 200],
      admin: [...KE_LOGIN, 200],
    },
  ],
  'POST /login': [() => '/login', publik([401])],
  'POST /logout': [() => '/logout', publik([303])],
  'GET /lupa-password': [() => '/lupa-password', publik()],
  'POST /lupa-password': [() => '/lupa-password', publik([303, 422])],
  'GET /lupa-password/:token': [() => '/lupa-password/tidak-sah', publik([200, 404, 410])],
  'POST /lupa-password/:token': [() => '/lupa-password/tidak-sah', publik([404, 410, 422])],
  'GET /': [() => '/', semua()],
  'GET /akun/password': [() => '/akun/password', semua()],
  'POST /akun/password': [() => '/akun/password', semua([422])],
  'GET /notifikasi': [() => '/notifikasi', semua()],
  'GET /panduan': [() => '/panduan', semua()],
  'GET /notifikasi/:id/buka': [() => `/notifikasi/${id.notifikasi}/buka`, hanya([302, 303], 'pemilik')],
  'POST /notifikasi/:id/buka': [() => `/notifikasi/${id.notifikasi}/buka`, hanya([302, 303], 'pemilik')],
  'POST /notifikasi/:id/baca': [() => `/notifikasi/${id.notifikasi}/baca`, hanya([303], 'pemilik')],
  'POST /notifikasi/baca-semua': [() => '/notifikasi/baca-semua', semua([303])],

  'GET /pengajuan': [() => '/pengajuan', semua()],
  'GET /pengajuan/baru': [() => '/pengajuan/baru', semua()],
  'GET /pengajuan/baru/:jalur': [() => '/pengajuan/baru/klasikal?tahun=2027', semua()],
  'POST /pengajuan': [() => '/pengajuan', semua([422])],
  'POST /pengajuan/kirim-semua': [() => '/pengajuan/kirim-semua', semua([422])],
  // only Andi has a 2027 plan here; everyone else has none that year (404); an empty form is 422
  'GET /pengajuan/rencana/:tahun': [() => '/pengajuan/rencana/2027', hanya(BOLEH, 'pemilik')],
  'POST /pengajuan/rencana/:tahun': [() => '/pengajuan/rencana/2027', hanya([422], 'pemilik')],
  'GET /pengajuan/:id': [() => `/pengajuan/${id.konsep}`, hanya(BOLEH, 'pemilik')],
  'GET /pengajuan/:id/formulir.pdf': [() => `/pengajuan/${id.konsep}/formulir.pdf`, hanya(BOLEH, 'pemilik', 'atasan', 'bkpsdm', 'admin')],
  'GET /pengajuan/:id/edit': [() => `/pengajuan/${id.konsep}/edit`, hanya(BOLEH, 'pemilik')],
  'POST /pengajuan/:id/edit': [() => `/pengajuan/${id.konsep}/edit`, hanya([422], 'pemilik')],
  'GET /pengajuan/:id/kirim': [() => `/pengajuan/${id.konsep}/kirim`, hanya(BOLEH, 'pemilik')],
  'POST /pengajuan/:id/kirim': [() => `/pengajuan/${id.konsep}/kirim`, hanya([303], 'pemilik')],
  'GET /pengajuan/:id/hapus': [() => `/pengajuan/${id.konsepHapus}/hapus`, hanya(BOLEH, 'pemilik')],
  'POST /pengajuan/:id/hapus': [() => `/pengajuan/${id.konsepHapus}/hapus`, hanya([303], 'pemilik')],
  'GET /pengajuan/:id/mulai': [() => `/pengajuan/${id.diterima}/mulai`, hanya(BOLEH, 'pemilik')],
  'POST /pengajuan/:id/mulai': [() => `/pengajuan/${id.diterima}/mulai`, hanya([422], 'pemilik')],

  'GET /verifikasi': [() => '/verifikasi', semua()],
  'GET /verifikasi/:id': [() => `/verifikasi/${id.dikirim}`, hanya(BOLEH, 'atasan')],
  'POST /verifikasi/:id': [() => `/verifikasi/${id.dikirim}`, hanya([422], 'atasan')],
  'POST /verifikasi/terima-banyak': [() => '/verifikasi/terima-banyak', semua([422])],
  'GET /bawahan': [() => '/bawahan', semua()],
  'GET /bawahan/:pegawaiId': [() => `/bawahan/${id.andi}`, hanya(BOLEH, 'atasan')],

  'GET /laporan': [() => '/laporan', semua()],
  'GET /laporan/:id': [() => `/laporan/${id.berjalan}`, hanya(BOLEH, 'pemilik', 'atasan')],
  'POST /laporan/:id': [() => `/laporan/${id.berjalan}`, hanya([422], 'pemilik')],
  'GET /laporan/:id/sertifikat/:laporanId': [() => `/laporan/${id.berjalan}/sertifikat/${id.laporan}`, hanya(BOLEH, 'pemilik', 'atasan')],

  'GET /rekomendasi': [() => '/rekomendasi', semua()],
  'GET /rekomendasi/baru': [() => '/rekomendasi/baru', semua()],
  'POST /rekomendasi': [() => '/rekomendasi', semua([422])],
  'GET /rekomendasi/:id': [() => `/rekomendasi/${id.rekTerkirim}`, hanya(BOLEH, 'pemilik', 'atasan', 'bkpsdm', 'admin')],
  'GET /rekomendasi/:id/berkas/:jenis': [
    () => `/rekomendasi/${id.rekTerkirim}/berkas/surat_usulan`,
    hanya(BOLEH, 'pemilik', 'atasan', 'bkpsdm', 'admin'),
  ],
  // public: a letter's code, unknown here
  'GET /verifikasi-surat/:kode': [() => '/verifikasi-surat/aaaaaaaaaaaaaaaaaaaaaaaaaa', publik([404])],
  'GET /rekomendasi/:id/surat.pdf': [
    () => `/rekomendasi/${id.rekDiterima}/surat.pdf`,
    hanya(BOLEH, 'pemilik', 'atasan', 'bkpsdm', 'admin'),
  ],
  'GET /rekomendasi/:id/edit': [() => `/rekomendasi/${id.rekKonsep}/edit`, hanya(BOLEH, 'pemilik')],
  'POST /rekomendasi/:id/edit': [() => `/rekomendasi/${id.rekKonsep}/edit`, hanya([422], 'pemilik')],
  'GET /rekomendasi/:id/kirim': [() => `/rekomendasi/${id.rekKonsep}/kirim`, hanya([200, 409], 'pemilik')],
  'POST /rekomendasi/:id/kirim': [() => `/rekomendasi/${id.rekKonsep}/kirim`, hanya([303, 409, 422], 'pemilik')],
  'GET /rekomendasi/:id/hapus': [() => `/rekomendasi/${id.rekKonsep}/hapus`, hanya([200, 409], 'pemilik')],
  'POST /rekomendasi/:id/hapus': [() => `/rekomendasi/${id.rekKonsep}/hapus`, hanya([303, 409], 'pemilik')],

  'GET /bkpsdm/rekomendasi': [() => '/bkpsdm/rekomendasi', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/rekomendasi/:id': [() => `/bkpsdm/rekomendasi/${id.rekTerkirim}`, peran(BOLEH, 'bkpsdm', 'admin')],
  'POST /bkpsdm/rekomendasi/:id': [() => `/bkpsdm/rekomendasi/${id.rekTerkirim}`, peran([422], 'bkpsdm', 'admin')],
  'GET /bkpsdm/periode': [() => '/bkpsdm/periode', peran(BOLEH, 'bkpsdm', 'admin')],
  'POST /bkpsdm/periode': [() => '/bkpsdm/periode', peran([422], 'bkpsdm', 'admin')],
  'GET /bkpsdm/plt': [() => '/bkpsdm/plt', peran(BOLEH, 'bkpsdm', 'admin')],
  'POST /bkpsdm/plt': [() => '/bkpsdm/plt', peran([422], 'bkpsdm', 'admin')],
  'GET /bkpsdm/plt/:id/akhiri': [() => `/bkpsdm/plt/${id.plt}/akhiri`, peran(BERTINDAK, 'bkpsdm', 'admin')],
  // bkpsdm cancels the Plt first; admin then finds it gone
  'POST /bkpsdm/plt/:id/akhiri': [() => `/bkpsdm/plt/${id.plt}/akhiri`, peran([...BERTINDAK, 404], 'bkpsdm', 'admin')],
  'GET /bkpsdm/rekap': [() => '/bkpsdm/rekap?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/rekap.xlsx': [() => '/bkpsdm/rekap.xlsx?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/rekap.pdf': [() => '/bkpsdm/rekap.pdf?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  // a public library file, like the other vendor assets
  'GET /bkpsdm/chart.js': [() => '/bkpsdm/chart.js', publik()],
  'GET /bkpsdm/capaian-jp': [() => '/bkpsdm/capaian-jp?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/capaian-jp.xlsx': [() => '/bkpsdm/capaian-jp.xlsx?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/siasn.csv': [() => '/bkpsdm/siasn.csv?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  'GET /bkpsdm/siasn.xlsx': [() => '/bkpsdm/siasn.xlsx?tahun=2026', peran(BOLEH, 'bkpsdm', 'admin')],
  // the unit's operator only (none of these actors is one)
  'GET /unit/rekap': [() => '/unit/rekap?tahun=2026', peran(BOLEH)],
  'GET /unit/rekap.xlsx': [() => '/unit/rekap.xlsx?tahun=2026', peran(BOLEH)],
  'GET /unit/rekap.pdf': [() => '/unit/rekap.pdf?tahun=2026', peran(BOLEH)],
  'GET /unit/capaian-jp': [() => '/unit/capaian-jp?tahun=2026', peran(BOLEH)],
  'GET /unit/capaian-jp.xlsx': [() => '/unit/capaian-jp.xlsx?tahun=2026', peran(BOLEH)],
  'GET /unit/surat': [() => '/unit/surat', peran(BOLEH)],
  'GET /unit/surat/:id.pdf': [() => `/unit/surat/${id.rekDiterima}.pdf`, peran(BOLEH)],

  'GET /admin/pegawai': [() => '/admin/pegawai', peran(BOLEH, 'admin')],
  'GET /admin/pegawai/baru': [() => '/admin/pegawai/baru', peran(BOLEH, 'admin')],
  'POST /admin/pegawai': [() => '/admin/pegawai', peran([422], 'admin')],
  'GET /admin/pegawai/import': [() => '/admin/pegawai/import', peran(BOLEH, 'admin')],
  'POST /admin/pegawai/import': [() => '/admin/pegawai/import', peran([422], 'admin')],
  'GET /admin/pegawai/:id': [() => `/admin/pegawai/${id.andi}`, peran(BOLEH, 'admin')],
  'POST /admin/pegawai/:id': [() => `/admin/pegawai/${id.andi}`, peran([422], 'admin')],
  'GET /admin/pegawai/:id/reset-password': [() => `/admin/pegawai/${id.andi}/reset-password`, peran(BOLEH, 'admin')],
  'POST /admin/pegawai/:id/reset-password': [() => `/admin/pegawai/${id.andi}/reset-password`, peran(BERTINDAK, 'admin')],
  'GET /admin/master': [() => '/admin/master', peran(BOLEH, 'admin')],
  'GET /admin/master/surat': [() => '/admin/master/surat', peran(BOLEH, 'admin')],
  'POST /admin/master/surat': [() => '/admin/master/surat', peran([422], 'admin')],
  'GET /admin/master/:jenis': [() => '/admin/master/sumber-dana', peran(BOLEH, 'admin')],
  'POST /admin/master/:jenis': [() => '/admin/master/sumber-dana', peran([422], 'admin')],
  'GET /admin/master/:jenis/:kunci': [() => '/admin/master/sumber-dana/apbd', peran(BOLEH, 'admin')],
  'POST /admin/master/:jenis/:kunci': [() => '/admin/master/sumber-dana/apbd', peran([422], 'admin')],
};

// Placeholder pages still registered while an area is being built answer like any menu page.
// (the admin's reset of Andi's password ends Andi's sessions: it comes last)
const URUTAN_AKHIR = [
  'POST /logout',
  'POST /pengajuan/:id/kirim',
  'POST /rekomendasi/:id/kirim',
  'POST /rekomendasi/:id/hapus',
  'POST /admin/pegawai/:id/reset-password',
];

describe('authorization matrix', () => {
  it('has an entry for every registered route', () => {
    const tanpa = daftarRute(t.app).filter((r) => !MATRIX[r]);
    expect(tanpa, 'routes without an entry in the authorization matrix').toEqual([]);
  });

  it('answers every actor as expected on someone else’s data', { timeout: 240_000 }, async () => {
    const rute = daftarRute(t.app).filter((r) => MATRIX[r]);
    rute.sort((a, b) => URUTAN_AKHIR.indexOf(a) - URUTAN_AKHIR.indexOf(b));
    const salah: string[] = [];
    let jumlah = 0;
    for (const r of rute) {
      const [method, pola] = r.split(' ') as ['GET' | 'POST', string];
      const [url, harapan] = MATRIX[r]!;
      for (const aktor of AKTOR) {
        // logging out would end the shared sessions: log in afresh as that actor
        const a = r === 'POST /logout' ? (aktor === 'anonim' ? await anonim(t.app) : await masuk(t.app, NIP_AKTOR[aktor]!)) : agen[aktor];
        const res =
          method === 'GET'
            ? await a.get(url())
            : await a
                .post(url())
                .type('form')
                // a wrong password for an unknown NIP, another one per actor (5 failures lock a NIP)
                .send({
                  _csrf: a.csrf,
                  ...(r === 'POST /login' ? { nip: `19900101201501${1000 + AKTOR.indexOf(aktor)}`, password: 'salah' } : {}),
                });
        jumlah++;
        if (!harapan[aktor].includes(res.status))
          salah.push(`${r} (${pola}) as ${aktor}: ${res.status}, expected ${harapan[aktor].join('/')}`);
        expect(res.status, `${r} as ${aktor}`).not.toBe(500);
        // a refusal is the same whatever the body's encoding: the same post as multipart, for the
        // outsiders of every route (anonymous, another employee, and a role the route is not for)
        const luar = aktor === 'anonim' || aktor === 'pegawaiLain' || harapan[aktor].every((s) => s === 403);
        if (method === 'POST' && r !== 'POST /logout' && luar && (aktor === 'anonim' || harapan[aktor].every((s) => s >= 400))) {
          const mp = await a.post(url()).field('_csrf', a.csrf).field('alasan', 'x');
          jumlah++;
          if (!harapan[aktor].includes(mp.status))
            salah.push(`${r} (${pola}) as ${aktor}, multipart: ${mp.status}, expected ${harapan[aktor].join('/')}`);
        }
      }
    }
    console.log(`authorization matrix: ${rute.length} routes × ${AKTOR.length} actors = ${jumlah} requests`);
    expect(salah).toEqual([]);
  });
});

describe('nobody decides their own case', () => {
  it('refuses every decision path on one’s own item or request, as a Plt or as a BKPSDM officer, in either encoding', async () => {
    const k = t.knex;
    const sari = await idPegawai(k, NIP.sari);
    const dewi = await idPegawai(k, NIP.dewi);
    // Dewi stands in for her own atasan today (Andi's password was reset by the matrix); Hendra (BKPSDM) has a request of his own
    await k('plt').insert({ atasan_id: sari, pengganti_id: dewi, mulai: '2026-11-01', selesai: '2026-12-31', dibuat_oleh: sari });
    const milikDewi = await buatRincian(k, { nip: NIP.dewi, tahun: 2027, status: 'dikirim', materi: 'Usulan milik Dewi' });
    const rek = { id: await rekomendasiTerkirim(k, await idPegawai(k, NIP.hendra)) };
    const plt = await masuk(t.app, NIP.dewi);
    const bkpsdm = await masuk(t.app, NIP.hendra);
    const kasus: [Agent, string, Record<string, string | string[]>, number][] = [
      [plt, `/verifikasi/${milikDewi}`, { keputusan: 'terima', alasan: 'Setuju' }, 404],
      [plt, '/verifikasi/terima-banyak', { 'ids[]': [String(milikDewi)], alasan: 'Setuju' }, 404],
      [bkpsdm, `/bkpsdm/rekomendasi/${rek.id}`, { keputusan: 'terima', alasan: 'Setuju' }, 403],
    ];
    for (const [a, url, isiForm, status] of kasus) {
      expect(
        (
          await a
            .post(url)
            .type('form')
            .send({ _csrf: a.csrf, ...isiForm })
        ).status,
        url,
      ).toBe(status);
      let mp = a.post(url).field('_csrf', a.csrf);
      for (const [n, v] of Object.entries(isiForm)) for (const x of Array.isArray(v) ? v : [v]) mp = mp.field(n, x);
      expect((await mp).status, `${url} multipart`).toBe(status);
    }
    expect((await plt.get(`/verifikasi/${milikDewi}`)).status).toBe(404);
    expect((await plt.get('/verifikasi')).text).not.toContain('Usulan milik Dewi');
    expect((await k('rincian').where({ id: milikDewi }).first())!.status).toBe('dikirim');
    expect((await k('rekomendasi').where({ id: rek.id }).first())!.status).toBe('terkirim');
    await k('plt').where({ pengganti_id: dewi }).del();
  });
});
