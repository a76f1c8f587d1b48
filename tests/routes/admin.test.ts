import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp, unggahCsv as unggah } from '../helpers/app';
import { HEADER_CSV as HEADER, nipKe } from '../helpers/data';

let t: TestApp;
let maya: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  maya = await masuk(t.app, NIP.maya);
});
afterAll(() => t.close());

async function passwordDariFlash(a: Agent, location: string) {
  const page = await a.get(location);
  const m = /Kata sandi sementara: (\S+) —/.exec(page.text);
  expect(m, 'password in the flash').toBeTruthy();
  return m![1]!;
}

describe('akses', () => {
  it('refuses a pegawai, an atasan and BKPSDM on every admin page (403)', async () => {
    const andiId = await idPegawai(t.knex, NIP.andi);
    for (const nip of [NIP.andi, NIP.sari, NIP.hendra]) {
      const a = await masuk(t.app, nip);
      for (const url of ['/admin/pegawai', '/admin/pegawai/baru', `/admin/pegawai/${andiId}`, '/admin/pegawai/import', '/admin/master']) {
        expect((await a.get(url)).status, `${nip} ${url}`).toBe(403);
      }
      const post = await a.post(`/admin/pegawai/${andiId}/reset-password`).type('form').send({ _csrf: a.csrf });
      expect(post.status).toBe(403);
      const imp = await unggah(a, `${HEADER}\n`, 'impor');
      expect(imp.status).toBe(403);
    }
  });
});

describe('pegawai', () => {
  it('searches by NIP and by name', async () => {
    const byNip = await maya.get(`/admin/pegawai?q=${NIP.fajar.slice(0, 10)}`);
    expect(byNip.status).toBe(200);
    expect(byNip.text).toContain('Fajar Nugroho');
    expect(byNip.text).not.toContain('Andi Pratama');
    const byNama = await maya.get('/admin/pegawai?q=lestari');
    expect(byNama.text).toContain('Dewi Lestari');
    expect(byNama.text).toContain('Menampilkan 1–1 dari 1 data');
  });

  it('creates an employee with a one-time password that must be changed at login', async () => {
    const disdik = await t.knex('instansi').where({ kode: 'disdik' }).first('id');
    const nip = nipKe(100);
    const res = await maya
      .post('/admin/pegawai')
      .type('form')
      .send({
        _csrf: maya.csrf,
        nip,
        nama: 'Budi Santoso',
        jabatan: 'Guru',
        jenis_jabatan: 'ahli-pertama',
        instansi: String(disdik!.id),
        nip_atasan: NIP.rudi,
        peran: 'pegawai',
        aktif: '1',
        email: 'budi@example.go.id',
      });
    expect(res.status).toBe(303);
    const password = await passwordDariFlash(maya, res.headers.location!);
    const row = await t.knex('pegawai').where({ nip }).first();
    expect(row!.harus_ganti_password).toBe(true);
    expect(row!.atasan_id).toBe(await idPegawai(t.knex, NIP.rudi));
    const a = await anonim(t.app);
    const login = await a.post('/login').type('form').send({ _csrf: a.csrf, nip, password });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/akun/password');
    // shown once: the page no longer carries it
    expect((await maya.get(res.headers.location!)).text).not.toContain(password);
  });

  it('answers 422 with messages for a bad NIP, a taken NIP, an unknown atasan, garbage', async () => {
    const sebelum = await t.knex('pegawai').count<{ n: string }>('* as n').first();
    const dasar = { _csrf: maya.csrf, nama: 'X', instansi: '1', peran: 'pegawai', aktif: '1' };
    const kasus: Record<string, unknown>[] = [
      { ...dasar, nip: '123' },
      { ...dasar, nip: '199013452015011001' },
      { ...dasar, nip: NIP.andi },
      { ...dasar, nip: nipKe(101), nip_atasan: '199001012015011999' },
      { ...dasar, nip: nipKe(102), peran: 'raja' },
      { ...dasar, nip: nipKe(103), instansi: '999999' },
      { ...dasar, nip: nipKe(104), jenis_jabatan: 'astronot' },
      { ...dasar, nip: [nipKe(105), 'x'], nama: { a: 1 } },
      { ...dasar, nip: nipKe(106), nama: 'x'.repeat(10000), email: 'bukan email' },
    ];
    for (const k of kasus) {
      const res = await maya.post('/admin/pegawai').type('form').send(k);
      expect(res.status, JSON.stringify(k).slice(0, 120)).toBe(422);
      expect(res.text).toContain('is-invalid');
    }
    expect(await t.knex('pegawai').count<{ n: string }>('* as n').first()).toEqual(sebelum);
  });

  it('refuses an atasan that would close a loop', async () => {
    const sari = await idPegawai(t.knex, NIP.sari);
    const p = await t.knex('pegawai').where({ id: sari }).first();
    const res = await maya
      .post(`/admin/pegawai/${sari}`)
      .type('form')
      .send({
        _csrf: maya.csrf,
        nip: p!.nip,
        nama: p!.nama,
        instansi: String(p!.instansi_id),
        peran: p!.peran,
        aktif: '1',
        nip_atasan: NIP.andi, // Andi reports to Sari
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('berputar');
    expect((await t.knex('pegawai').where({ id: sari }).first())!.atasan_id).toBe(p!.atasan_id);
  });

  it('edits an employee and records it in the audit log', async () => {
    const dewi = await idPegawai(t.knex, NIP.dewi);
    const p = await t.knex('pegawai').where({ id: dewi }).first();
    const res = await maya
      .post(`/admin/pegawai/${dewi}`)
      .type('form')
      .send({
        _csrf: maya.csrf,
        nip: p!.nip,
        nama: p!.nama,
        jabatan: 'Analis Kepegawaian',
        jenis_jabatan: 'ahli-pertama',
        instansi: String(p!.instansi_id),
        peran: 'pegawai',
        aktif: '1',
        nip_atasan: NIP.sari,
        email: p!.email,
      });
    expect(res.status).toBe(303);
    const baru = await t.knex('pegawai').where({ id: dewi }).first();
    expect(baru!.jabatan).toBe('Analis Kepegawaian');
    const log = await t
      .knex('audit_log')
      .where({ entitas: 'pegawai', entitas_id: String(dewi), aksi: 'ubah' })
      .first();
    expect(log).toBeTruthy();
  });

  it('resets a password: shown once, must be changed at the next login', async () => {
    const fajar = await idPegawai(t.knex, NIP.fajar);
    const konfirmasi = await maya.get(`/admin/pegawai/${fajar}/reset-password`);
    expect(konfirmasi.status).toBe(200);
    expect(konfirmasi.text).toContain('method="post"');
    const res = await maya.post(`/admin/pegawai/${fajar}/reset-password`).type('form').send({ _csrf: maya.csrf });
    expect(res.status).toBe(303);
    const password = await passwordDariFlash(maya, res.headers.location!);
    const a = await anonim(t.app);
    const lama = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.fajar, password: 'bangkom2026' });
    expect(lama.status).toBe(401);
    const login = await a.post('/login').type('form').send({ _csrf: a.csrf, nip: NIP.fajar, password });
    expect(login.headers.location).toBe('/akun/password');
  });

  it('answers 404 for an unknown employee', async () => {
    expect((await maya.get('/admin/pegawai/999999')).status).toBe(404);
    expect((await maya.get('/admin/pegawai/abc')).status).toBe(404);
  });
});

describe('impor CSV', () => {
  it('dry run: shows created, changed and refused rows with reasons, saves nothing', async () => {
    const csv = [
      HEADER,
      `${nipKe(200)},Citra Ayu,Perawat,ahli-pertama,Dinas Kesehatan,,citra@example.go.id`,
      `${NIP.dewi},Dewi Lestari,Pengelola Data Kepegawaian,pelaksana,bkpsdmd,${NIP.sari},dewi@bangkom.example.go.id`,
      `${NIP.andi},Andi Pratama,Analis SDM Aparatur Ahli Muda,ahli-muda,bkpsdmd,${NIP.sari},andi@bangkom.example.go.id`,
      `12345,Salah NIP,,,bkpsdmd,,`,
      `${nipKe(201)},Tanpa Instansi,,,Dinas Antah Berantah,,`,
      `${nipKe(202)},Jenis Aneh,,astronot,bkpsdmd,,`,
      `${nipKe(203)},Atasan Hilang,,,bkpsdmd,199001012015011999,`,
      `${nipKe(204)},Ganda Satu,,,bkpsdmd,,`,
      `${nipKe(204)},Ganda Dua,,,bkpsdmd,,`,
      `${nipKe(205)},Putar A,,,bkpsdmd,${nipKe(206)},`,
      `${nipKe(206)},Putar B,,,bkpsdmd,${nipKe(205)},`,
    ].join('\n');
    const sebelum = await t.knex('pegawai').count<{ n: string }>('* as n').first();
    const res = await unggah(maya, csv, 'periksa');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="jumlah-baru">Baru: 1<');
    expect(res.text).toContain('id="jumlah-ubah">Diubah: 2<'); // Andi, and Dewi edited above
    expect(res.text).toContain('id="jumlah-tolak">Ditolak: 8<');
    expect(res.text).toContain('NIP harus 18 angka');
    expect(res.text).toContain('Instansi &#34;Dinas Antah Berantah&#34; tidak dikenal');
    expect(res.text).toContain('Jenis jabatan &#34;astronot&#34; tidak dikenal');
    expect(res.text).toContain('Atasan dengan NIP 199001012015011999 tidak ditemukan');
    expect(res.text).toContain('NIP ganda dalam berkas (baris 9, 10)');
    expect(res.text).toContain('Rantai atasan berputar');
    expect(res.text).toContain('Berubah: jabatan, jenis jabatan');
    expect(await t.knex('pegawai').count<{ n: string }>('* as n').first()).toEqual(sebelum);
  });

  it('imports nothing when one row is refused (all or nothing)', async () => {
    const csv = [HEADER, `${nipKe(300)},Satu,,,bkpsdmd,,`, `${nipKe(301)},Dua,,,tidak-ada,,`].join('\n');
    const res = await unggah(maya, csv, 'impor');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Tidak ada yang diimpor');
    expect(
      await t
        .knex('pegawai')
        .where({ nip: nipKe(300) })
        .first(),
    ).toBeUndefined();
  });

  it('imports a semicolon file with a BOM and quotes, and links atasan within the file', async () => {
    const csv =
      '\uFEFF' +
      [
        'NIP;Nama;Jabatan;Jenis_Jabatan;Instansi;NIP_Atasan;Email',
        `${nipKe(400)};"Eko; Kepala";Kepala Bidang;Administrator;Dinas Kesehatan;;eko@example.go.id`,
        `${nipKe(401)};"Fitri ""Fi"" Amalia";Perawat;ahli-pertama;dinkes;${nipKe(400)};`,
      ].join('\r\n') +
      '\r\n';
    const res = await unggah(maya, csv, 'impor');
    expect(res.status).toBe(303);
    const eko = await t
      .knex('pegawai')
      .where({ nip: nipKe(400) })
      .first();
    const fitri = await t
      .knex('pegawai')
      .where({ nip: nipKe(401) })
      .first();
    expect(eko!.nama).toBe('Eko; Kepala');
    expect(fitri!.nama).toBe('Fitri "Fi" Amalia');
    expect(fitri!.atasan_id).toBe(eko!.id);
    expect(fitri!.harus_ganti_password).toBe(true);
    expect(eko!.jenis_jabatan_kode).toBe('administrator');
  });

  it('refuses a wrong header, a non-UTF-8 file, an empty upload', async () => {
    const h = await unggah(maya, 'nomor,nama\n1,2\n', 'periksa');
    expect(h.status).toBe(422);
    expect(h.text).toContain('Kolom wajib tidak ada');
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n${nipKe(500)},Jos`), Buffer.from([0xe9]), Buffer.from(',,,bkpsdmd,,\n')]);
    const e = await unggah(maya, latin1, 'periksa');
    expect(e.status).toBe(422);
    expect(e.text).toContain('UTF-8');
    // a control character is refused with its line, in the dry run and the import alike
    const nul = `${HEADER}\n${nipKe(501)},Jo\u0000s,,,bkpsdmd,,\n`;
    for (const aksi of ['periksa', 'impor'] as const) {
      const r = await unggah(maya, nul, aksi);
      expect(r.status, aksi).toBe(422);
      expect(r.text, aksi).toMatch(/Kolom nama berisi karakter kontrol/);
      expect(r.text, aksi).toMatch(/>\s*2\s*</); // line 2
    }
    expect(
      await t
        .knex('pegawai')
        .where({ nip: nipKe(501) })
        .first(),
    ).toBeUndefined();
    const kosong = await unggah(maya, '', 'periksa');
    expect(kosong.status).toBe(422);
    const tanpaAksi = await maya
      .post(`/admin/pegawai/import?_csrf=${encodeURIComponent(maya.csrf)}`)
      .field('_csrf', maya.csrf)
      .attach('berkas', Buffer.from(HEADER), 'x.csv');
    expect(tanpaAksi.status).toBe(422);
    const tanpaCsrf = await maya.post('/admin/pegawai/import').field('aksi', 'impor').attach('berkas', Buffer.from(HEADER), 'x.csv');
    expect(tanpaCsrf.status).toBe(403);
  });

  it('checks and imports 6,000 rows in under 10 seconds each', async () => {
    const baris = [HEADER];
    for (let i = 0; i < 6000; i++) {
      const atasan = i === 0 ? '' : nipKe(1000 + Math.floor((i - 1) / 10));
      baris.push(`${nipKe(1000 + i)},Pegawai ${i},Pelaksana,pelaksana,${i % 2 ? 'dinkes' : 'Inspektorat'},${atasan},p${i}@example.go.id`);
    }
    const csv = baris.join('\n');
    let t0 = Date.now();
    const cek = await unggah(maya, csv, 'periksa');
    const tPeriksa = Date.now() - t0;
    expect(cek.status).toBe(200);
    expect(cek.text).toContain('id="jumlah-baru">Baru: 6000<');
    t0 = Date.now();
    const res = await unggah(maya, csv, 'impor');
    const tImpor = Date.now() - t0;
    expect(res.status).toBe(303);
    expect(tPeriksa).toBeLessThan(10_000);
    expect(tImpor).toBeLessThan(10_000);
    const n = await t
      .knex('pegawai')
      .where('nip', 'like', '%2020011001')
      .whereIn('nip', [nipKe(1000), nipKe(6999)])
      .count<{ n: string }>('* as n')
      .first();
    expect(Number(n!.n)).toBe(2);
    const last = await t
      .knex('pegawai')
      .where({ nip: nipKe(6999) })
      .first();
    const atasan = await t.knex('pegawai').where({ id: last!.atasan_id! }).first();
    expect(atasan!.nip).toBe(nipKe(1000 + Math.floor(5998 / 10)));
    // a second run changes nothing
    const lagi = await unggah(maya, csv, 'periksa');
    expect(lagi.text).toContain('id="jumlah-tetap">Tidak berubah: 6000<');
    console.log(`6000 baris: periksa ${tPeriksa} ms, impor ${tImpor} ms`);
  }, 60_000);
});

describe('data master', () => {
  it('lists every master list and the letter settings', async () => {
    const res = await maya.get('/admin/master');
    expect(res.status).toBe(200);
    for (const j of ['Instansi', 'Bentuk Pengembangan', 'Jenis Jabatan', 'Kompetensi', 'Sumber Dana', 'Pengaturan Surat'])
      expect(res.text).toContain(j);
    expect((await maya.get('/admin/master/tidak-ada')).status).toBe(404);
  });

  it('deactivates a bentuk in use (never deletes), edits its SIASN mapping, audits it', async () => {
    const page = await maya.get('/admin/master/bentuk-pengembangan/seminar');
    expect(page.status).toBe(200);
    const res = await maya.post('/admin/master/bentuk-pengembangan/seminar').type('form').send({
      _csrf: maya.csrf,
      jalur: 'klasikal',
      nama: 'Seminar/konferensi/sarasehan',
      panduan_jp: '4 JP per hari',
      jp_per_hari_maks: '4',
      jenis_diklat_siasn: 'Seminar Nasional',
      urutan: '7',
    });
    expect(res.status).toBe(303);
    const b = await t.knex('bentuk_pengembangan').where({ kode: 'seminar' }).first();
    expect(b!.aktif).toBe(false);
    expect(b!.jenis_diklat_siasn).toBe('Seminar Nasional');
    expect(await t.knex('audit_log').where({ entitas: 'bentuk_pengembangan', entitas_id: 'seminar' }).first()).toBeTruthy();
  });

  it('adds an instansi and refuses a duplicate code or garbage with 422', async () => {
    const ok = await maya
      .post('/admin/master/instansi')
      .type('form')
      .send({ _csrf: maya.csrf, kode: 'dishub', nama: 'Dinas Perhubungan', aktif: '1' });
    expect(ok.status).toBe(303);
    const dup = await maya.post('/admin/master/instansi').type('form').send({ _csrf: maya.csrf, kode: 'dishub', nama: 'Lagi', aktif: '1' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('sudah dipakai');
    const bad = await maya
      .post('/admin/master/sumber-dana')
      .type('form')
      .send({ _csrf: maya.csrf, 'kode[]': ['a', 'b'], nama: 'x'.repeat(500), urutan: 'abc' });
    expect(bad.status).toBe(422);
    expect(await t.knex('instansi').where({ kode: 'dishub' }).count<{ n: string }>('* as n').first()).toEqual({ n: '1' });
  });

  it('edits standard levels of a jenis jabatan and level texts of a kompetensi', async () => {
    const r1 = await maya.post('/admin/master/jenis-jabatan/pelaksana').type('form').send({
      _csrf: maya.csrf,
      nama: 'Pelaksana',
      kelompok: 'Jabatan Administrasi',
      urutan: '6',
      aktif: '1',
      'standar[M.01]': '2',
    });
    expect(r1.status).toBe(303);
    expect((await t.knex('standar_kompetensi').where({ jenis_jabatan_kode: 'pelaksana', kompetensi_kode: 'M.01' }).first())!.level).toBe(2);
    const bad = await maya.post('/admin/master/jenis-jabatan/pelaksana').type('form').send({
      _csrf: maya.csrf,
      nama: 'Pelaksana',
      kelompok: 'Jabatan Administrasi',
      urutan: '6',
      aktif: '1',
      'standar[M.01]': '9',
    });
    expect(bad.status).toBe(422);
    const level: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) {
      level[`level[L${i}][deskripsi]`] = `Deskripsi ${i}`;
      level[`level[L${i}][indikator]`] = `Indikator ${i}a\nIndikator ${i}b`;
    }
    const r2 = await maya
      .post('/admin/master/kompetensi/M.02')
      .type('form')
      .send({ _csrf: maya.csrf, nama: 'Kerjasama', kelompok: 'manajerial', urutan: '2', aktif: '1', ...level });
    expect(r2.status).toBe(303);
    expect((await t.knex('kompetensi_level').where({ kompetensi_kode: 'M.02', level: 3 }).first())!.deskripsi).toBe('Deskripsi 3');
  });

  it('saves the letter settings, and refuses a partial or malformed form without changing anything', async () => {
    const rows = await t.knex('pengaturan').where('kunci', 'like', 'surat.%').select('kunci', 'nilai');
    const semua: Record<string, string> = { 'surat[logo]': '' };
    for (const r of rows) semua[`surat[${r.kunci.slice(6)}]`] = r.nilai;
    const sebagian = await maya.post('/admin/master/surat').type('form').send({ _csrf: maya.csrf, 'surat[kota]': 'Tanjung Pandan' });
    expect(sebagian.status).toBe(422);
    const nipSalah = await maya
      .post('/admin/master/surat')
      .type('form')
      .send({ _csrf: maya.csrf, ...semua, 'surat[penandatangan_nip]': '123' });
    expect(nipSalah.status).toBe(422);
    expect(nipSalah.text).toContain('NIP penanda tangan tidak valid.');
    expect((await t.knex('pengaturan').where({ kunci: 'surat.kota' }).first())!.nilai).not.toBe('Tanjung Pandan');
    const res = await maya
      .post('/admin/master/surat')
      .type('form')
      .send({ _csrf: maya.csrf, ...semua, 'surat[kota]': 'Tanjung Pandan', 'surat[badan]': 'BADAN KEPEGAWAIAN DAERAH' });
    expect(res.status).toBe(303);
    expect((await t.knex('pengaturan').where({ kunci: 'surat.kota' }).first())!.nilai).toBe('Tanjung Pandan');
  });
});
