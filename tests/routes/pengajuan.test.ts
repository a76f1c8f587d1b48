import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { form } from '../helpers/form';

// "Now" is 28 November 2026, 12:00 WIB: the 2027 period (deadline 30 November 2026) is open.
const SEKARANG = '2026-11-28T05:00:00Z';
const TAHUN = 2027;
let t: TestApp;
let andi: Agent;

const KOMPETENSI = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];

function baris(over: Record<string, string> = {}) {
  return {
    bentuk: 'pelatihan-teknis',
    jp: '40',
    tanggal: `${TAHUN}-06-08`,
    materi: 'Pembentukan Asesor Kompetensi',
    anggaran: '2.500.000,00',
    lembaga: 'BPSDM Kemendagri',
    sumber_dana: 'apbd',
    alasan: 'Dibutuhkan unit kerja',
    ...over,
  };
}

function rencana(over: Record<string, unknown> = {}, rows = [baris()]) {
  return {
    tahun: String(TAHUN),
    jalur: 'klasikal',
    jenis_jabatan: 'ahli-pertama',
    email: 'andi@example.go.id',
    penilaian_kinerja: '87,5',
    skj: Object.fromEntries(KOMPETENSI.map((k) => [k, '1'])),
    pelatihan: rows,
    persetujuan: '1',
    ...over,
  };
}

async function kirimRencana(agent: Agent, body: Record<string, unknown>) {
  return agent
    .post('/pengajuan')
    .type('form')
    .send(form({ _csrf: agent.csrf, ...body }));
}

async function jumlahRincian(nip: string = NIP.andi, tahun = TAHUN) {
  const id = await idPegawai(t.knex, nip);
  const [r] = await t.knex('rincian').where({ pegawai_id: id, tahun }).count<{ n: string }[]>('* as n');
  return Number(r!.n);
}

beforeAll(async () => {
  t = await createTestApp({ now: SEKARANG });
  andi = await masuk(t.app, NIP.andi);
});
afterAll(() => t.close());

describe('the plan form', () => {
  it('offers the open year with its deadline and the three jalur', async () => {
    const res = await andi.get('/pengajuan/baru');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Perencanaan tahun 2027');
    expect(res.text).toContain('30 November 2026');
    expect(res.text).toContain('sisa 3 hari');
    for (const j of ['Tugas Belajar', 'Pelatihan Klasikal', 'Pelatihan Non Klasikal']) expect(res.text).toContain(j);
    expect(res.text).toContain('/pengajuan/baru/non-klasikal?tahun=2027');
  });

  it('shows every SKJ competency, only the bentuk of the jalur, and the prefilled e-mail', async () => {
    const res = await andi.get(`/pengajuan/baru/non-klasikal?tahun=${TAHUN}`);
    expect(res.status).toBe(200);
    for (const k of KOMPETENSI) expect(res.text).toContain(`name="skj[${k}]"`);
    expect(res.text).toContain('Coaching');
    expect(res.text).not.toContain('Pelatihan teknis');
    expect(res.text).toContain('andi@bangkom.example.go.id');
    expect(res.text).toContain('Simpan sebagai Konsep');
    expect(res.text).toContain('Simpan dan Kirim ke Atasan');
  });

  it('answers 404 for an unknown jalur and 409 for a closed year', async () => {
    expect((await andi.get('/pengajuan/baru/kursus-kilat')).status).toBe(404);
    const res = await andi.get('/pengajuan/baru/klasikal?tahun=2026');
    expect(res.status).toBe(409);
    expect(res.text).toContain('terkunci');
  });

  it('saves the header and one konsep item per row, and redirects to the list of the year', async () => {
    const res = await kirimRencana(
      andi,
      rencana({}, [baris(), baris({ bentuk: 'seminar', jp: '4', materi: 'Seminar ASN 4.0', anggaran: '750000' })]),
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/pengajuan?tahun=${TAHUN}`);
    const items = await t
      .knex('rincian')
      .where({ tahun: TAHUN, pegawai_id: await idPegawai(t.knex, NIP.andi) })
      .orderBy('id');
    expect(items.map((r) => r.status)).toEqual(['konsep', 'konsep']);
    expect(Number(items[0]!.anggaran)).toBe(2500000);
    const header = await t.knex('pengajuan').where({ id: items[0]!.pengajuan_id }).first();
    expect(Number(header!.penilaian_kinerja)).toBe(87.5);
    expect(header!.kesenjangan_kinerja).toBe('rendah');
    expect((header!.skj as { kode: string }[]).find((s) => s.kode === 'M.01')).toMatchObject({ level: 1, standar: 1, gap: 0 });
    const hist = await t.knex('riwayat_status').whereIn(
      'rincian_id',
      items.map((r) => r.id),
    );
    expect(hist).toHaveLength(2);
    const list = await andi.get(res.headers.location!);
    expect(list.text).toContain('Seminar ASN 4.0');
    expect(list.text).toContain('Menampilkan 1–2 dari 2 data');
    expect(list.text).toContain('Konsep');
  });

  it('"Simpan dan Kirim ke Atasan" saves and sends in one step, and tells the atasan', async () => {
    const sari = await idPegawai(t.knex, NIP.sari);
    const notifikasiSari = async () => (await t.knex('notifikasi').where({ pegawai_id: sari })).length;
    const sebelum = await notifikasiSari();
    const res = await kirimRencana(andi, { ...rencana({}, [baris({ materi: 'Kirim Langsung' })]), aksi: 'kirim' });
    expect(res.status).toBe(303);
    const item = await t.knex('rincian').where({ materi: 'Kirim Langsung' }).first();
    expect(item!.status).toBe('dikirim');
    expect(item!.dikirim_at).not.toBeNull();
    const hist = await t.knex('riwayat_status').where({ rincian_id: item!.id }).orderBy('id');
    expect(hist.map((h) => `${h.dari}>${h.ke}`)).toEqual(['null>konsep', 'konsep>dikirim']);
    const notif = await t.knex('notifikasi').where({ pegawai_id: sari }).orderBy('id', 'desc').first();
    expect(await notifikasiSari()).toBe(sebelum + 1);
    expect(notif!.pesan).toContain('Kirim Langsung');
    expect(notif!.tautan).toContain(`/verifikasi/${item!.id}`);
    const list = await andi.get(res.headers.location!);
    expect(list.text).toContain('dikirim ke atasan untuk diverifikasi');
  });

  it('refuses "Simpan dan Kirim" without an atasan, and saves nothing', async () => {
    const rudi = await masuk(t.app, NIP.rudi);
    const before = await jumlahRincian(NIP.rudi);
    const res = await kirimRencana(rudi, { ...rencana({ email: 'rudi@example.go.id' }), aksi: 'kirim' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('belum memiliki atasan langsung');
    expect(await jumlahRincian(NIP.rudi)).toBe(before);
  });

  it('asks for tugas belajar rows program studi, jenjang and perguruan tinggi', async () => {
    const before = await jumlahRincian();
    const res = await kirimRencana(andi, rencana({ jalur: 'tugas_belajar' }, [baris({ bentuk: 'tugas-belajar' })]));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Program studi wajib diisi.');
    expect(res.text).toContain('Pelatihan 1: Program studi wajib diisi.'); // the summary names the row
    expect(await jumlahRincian()).toBe(before);
    const dua = await kirimRencana(andi, rencana({}, [baris(), baris({ jp: '0' })]));
    expect(dua.status).toBe(422);
    expect(dua.text).toMatch(/Pelatihan 2: [^<]*JP/);
    const ok = await kirimRencana(
      andi,
      rencana({ jalur: 'tugas_belajar' }, [
        baris({
          bentuk: 'tugas-belajar',
          program_studi: 'Magister Administrasi Publik',
          jenjang: 'S2',
          perguruan_tinggi: 'Universitas Bangka Belitung',
        }),
      ]),
    );
    expect(ok.status).toBe(303);
  });

  it('adds a row without JavaScript and keeps what was typed, saving nothing', async () => {
    const before = await jumlahRincian();
    const res = await kirimRencana(andi, { ...rencana({}, [baris({ materi: 'Materi yang sudah diketik' })]), tambah: '1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="pelatihan[1][bentuk]"');
    expect(res.text).toContain('Materi yang sudah diketik');
    expect(await jumlahRincian()).toBe(before);
    const hapus = await kirimRencana(andi, { ...rencana({}, [baris({ materi: 'Satu' }), baris({ materi: 'Dua' })]), hapus_baris: '0' });
    expect(hapus.status).toBe(200);
    expect(hapus.text).not.toContain('value="Satu"');
    expect(hapus.text).toContain('value="Dua"');
  });

  const REFUSALS: [string, Record<string, unknown>, string][] = [
    ['JP 0', rencana({}, [baris({ jp: '0' })]), 'Isi JP dengan bilangan bulat'],
    ['JP over 1,000', rencana({}, [baris({ jp: '1001' })]), 'Isi JP dengan bilangan bulat'],
    ['kinerja 0', rencana({ penilaian_kinerja: '0' }), 'penilaian kinerja antara 1 dan 100'],
    ['kinerja over 100', rencana({ penilaian_kinerja: '101' }), 'penilaian kinerja antara 1 dan 100'],
    ['kinerja as text', rencana({ penilaian_kinerja: 'baik' }), 'penilaian kinerja antara 1 dan 100'],
    ['a date outside the year', rencana({}, [baris({ tanggal: '2028-01-01' })]), 'tanggal pelaksanaan di tahun 2027'],
    ['an impossible date', rencana({}, [baris({ tanggal: '2027-02-30' })]), 'tanggal pelaksanaan di tahun 2027'],
    ['a bentuk of another jalur', rencana({}, [baris({ bentuk: 'coaching' })]), 'Pilih bentuk pengembangan dari jalur ini.'],
    ['empty materi', rencana({}, [baris({ materi: '   ' })]), 'Materi pengembangan wajib diisi.'],
    ['materi too long', rencana({}, [baris({ materi: 'x'.repeat(20000) })]), 'paling banyak 500 karakter'],
    ['negative anggaran', rencana({}, [baris({ anggaran: '-1' })]), 'Isi anggaran dalam Rupiah'],
    ['anggaran over a trillion', rencana({}, [baris({ anggaran: '2.000.000.000.000' })]), 'Isi anggaran dalam Rupiah'],
    ['an unknown jenis jabatan', rencana({ jenis_jabatan: 'raja' }), 'Pilih jenis jabatan Anda saat ini.'],
    ['an SKJ level 6', rencana({ skj: { ...Object.fromEntries(KOMPETENSI.map((k) => [k, '1'])), 'M.03': '6' } }), 'Pilih level 1–5'],
    ['a missing SKJ level', rencana({ skj: { 'M.01': '2' } }), 'Pilih level 1–5'],
    [
      'more than 20 rows',
      rencana(
        {},
        Array.from({ length: 21 }, () => baris()),
      ),
      'Paling banyak 20 pelatihan',
    ],
    ['no rows', rencana({}, []), 'Isi paling sedikit satu pelatihan.'],
    ['no persetujuan', rencana({ persetujuan: '' }), 'Centang pernyataan persetujuan'],
    ['a bad e-mail', rencana({ email: 'bukan email' }), 'alamat e-mail yang valid'],
    ['an array as the e-mail', rencana({ email: ['a@b.id', 'c@d.id'] }), 'alamat e-mail yang valid'],
    ['an unknown sumber dana', rencana({}, [baris({ sumber_dana: "apbd'; DROP TABLE rincian;--" })]), 'Pilih sumber dana.'],
  ];
  it.each(REFUSALS)('refuses %s with 422, the message, the values kept and nothing saved', async (_n, body, pesan) => {
    const before = await jumlahRincian();
    const res = await kirimRencana(andi, body);
    expect(res.status).toBe(422);
    expect(res.text).toContain(pesan);
    expect(res.text).toContain('Periksa kembali isian berikut');
    expect(await jumlahRincian()).toBe(before);
  });

  it('refuses control characters with 422 before anything is read', async () => {
    const before = await jumlahRincian();
    const res = await kirimRencana(andi, rencana({}, [baris({ lembaga: 'BKN\u0000', materi: 'a\u001b[31m' })]));
    expect(res.status).toBe(422);
    expect(res.text).toContain('karakter yang tidak diizinkan');
    expect(await jumlahRincian()).toBe(before);
  });

  it('escapes stored text on pages', async () => {
    const res = await kirimRencana(andi, rencana({}, [baris({ materi: '<script>alert(1)</script>' })]));
    expect(res.status).toBe(303);
    const list = await andi.get(`/pengajuan?tahun=${TAHUN}&q=alert`);
    expect(list.text).not.toContain('<script>alert(1)</script>');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the status machine', () => {
  const STATUS = ['konsep', 'dikirim', 'diterima', 'ditolak', 'berjalan', 'selesai'] as const;
  const BOLEH = ['konsep', 'ditolak'];

  it.each(STATUS)('kirim, edit and hapus from %s', async (status) => {
    const ok = BOLEH.includes(status);
    const idKirim = await buatRincian(t.knex, { nip: NIP.dewi, tahun: TAHUN, status });
    const idEdit = await buatRincian(t.knex, { nip: NIP.dewi, tahun: TAHUN, status });
    const idHapus = await buatRincian(t.knex, { nip: NIP.dewi, tahun: TAHUN, status });
    const dewi = await masuk(t.app, NIP.dewi);
    const kirim = await dewi.post(`/pengajuan/${idKirim}/kirim`).type('form').send({ _csrf: dewi.csrf });
    expect(kirim.status).toBe(ok ? 303 : 409);
    const edit = await dewi
      .post(`/pengajuan/${idEdit}/edit`)
      .type('form')
      .send({ _csrf: dewi.csrf, ...baris({ materi: 'Materi baru' }) });
    expect(edit.status).toBe(ok ? 303 : 409);
    expect((await dewi.get(`/pengajuan/${idEdit}/edit`)).status).toBe(ok ? 200 : 409);
    const hapus = await dewi.post(`/pengajuan/${idHapus}/hapus`).type('form').send({ _csrf: dewi.csrf });
    expect(hapus.status).toBe(ok ? 303 : 409);

    const rows = await t.knex('rincian').whereIn('id', [idKirim, idEdit, idHapus]).orderBy('id');
    expect(rows.map((r) => r.status)).toEqual(ok ? ['dikirim', status, 'dihapus'] : [status, status, status]);
    expect(rows[1]!.materi).toBe(ok ? 'Materi baru' : 'Materi uji');
    const hist = await t.knex('riwayat_status').whereIn('rincian_id', [idKirim, idEdit, idHapus]).whereNot('aksi', 'buat');
    expect(hist).toHaveLength(ok ? 3 : 0);
    if (!ok) expect(kirim.text).toContain(`status pengajuan sekarang`);
  });

  it('refuses edit with 422 and messages, keeping the status', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN, status: 'ditolak' });
    const res = await andi
      .post(`/pengajuan/${id}/edit`)
      .type('form')
      .send({ _csrf: andi.csrf, ...baris({ jp: '-3', tanggal: '2026-01-01' }) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Isi JP dengan bilangan bulat');
    expect(res.text).toContain('tanggal pelaksanaan di tahun 2027');
  });

  it('sends an item to the atasan: Proses Verifikasi, a history row and a notification for Sari', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN, materi: 'Analisis jabatan' });
    const sari = await idPegawai(t.knex, NIP.sari);
    const before = await t.knex('notifikasi').where({ pegawai_id: sari }).count<{ n: string }[]>('* as n');
    const res = await andi.post(`/pengajuan/${id}/kirim`).type('form').send({ _csrf: andi.csrf });
    expect(res.status).toBe(303);
    const detail = await andi.get(`/pengajuan/${id}`);
    expect(detail.text).toContain('Proses Verifikasi');
    expect(detail.text).toContain('Dikirim ke atasan');
    const after = await t.knex('notifikasi').where({ pegawai_id: sari }).count<{ n: string }[]>('* as n');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
    expect(await t.knex('email_outbox').where('isi', 'like', '%Analisis jabatan%').first()).toBeTruthy();
  });

  it('also tells the stand-in (Plt) of the atasan', async () => {
    const sari = await idPegawai(t.knex, NIP.sari);
    const dewi = await idPegawai(t.knex, NIP.dewi);
    await t.knex('plt').insert({
      atasan_id: sari,
      pengganti_id: dewi,
      mulai: '2026-11-01',
      selesai: '2026-12-31',
      dibuat_oleh: await idPegawai(t.knex, NIP.hendra),
    });
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN, materi: 'Untuk Plt' });
    const res = await andi.post(`/pengajuan/${id}/kirim`).type('form').send({ _csrf: andi.csrf });
    expect(res.status).toBe(303);
    const n = await t.knex('notifikasi').where({ pegawai_id: dewi }).where('pesan', 'like', '%Untuk Plt%');
    expect(n).toHaveLength(1);
    await t.knex('plt').where({ atasan_id: sari, pengganti_id: dewi }).del();
  });

  it('lets exactly one of four concurrent kirim win', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN });
    const res = await Promise.all(
      Array.from({ length: 4 }, () => andi.post(`/pengajuan/${id}/kirim`).type('form').send({ _csrf: andi.csrf })),
    );
    expect(res.map((r) => r.status).sort()).toEqual([303, 409, 409, 409]);
    const hist = await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'kirim' });
    expect(hist).toHaveLength(1);
  });

  it('sends every konsep item of a year at once', async () => {
    const fajar = await masuk(t.app, NIP.fajar);
    const a = await buatRincian(t.knex, { nip: NIP.fajar, tahun: TAHUN });
    const b = await buatRincian(t.knex, { nip: NIP.fajar, tahun: TAHUN });
    const res = await fajar
      .post('/pengajuan/kirim-semua')
      .type('form')
      .send({ _csrf: fajar.csrf, tahun: String(TAHUN) });
    expect(res.status).toBe(303);
    const rows = await t.knex('rincian').whereIn('id', [a, b]);
    expect(rows.every((r) => r.status === 'dikirim')).toBe(true);
  });

  it('shows a confirmation page without JavaScript', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN });
    const res = await andi.get(`/pengajuan/${id}/kirim`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ya, kirim');
    expect(res.text).toContain(`action="/pengajuan/${id}/kirim"`);
  });
});

describe('someone else’s item', () => {
  it('answers 404 to every page and action', async () => {
    const id = await buatRincian(t.knex, { nip: NIP.dewi, tahun: TAHUN });
    for (const url of [`/pengajuan/${id}`, `/pengajuan/${id}/edit`, `/pengajuan/${id}/kirim`, `/pengajuan/${id}/formulir.pdf`]) {
      expect((await andi.get(url)).status, url).toBe(404);
    }
    for (const aksi of ['kirim', 'hapus', 'edit']) {
      const r = await andi
        .post(`/pengajuan/${id}/${aksi}`)
        .type('form')
        .send({ _csrf: andi.csrf, ...baris() });
      expect(r.status, aksi).toBe(404);
    }
    expect((await andi.get('/pengajuan/99999999')).status).toBe(404);
    expect((await andi.get('/pengajuan/abc')).status).toBe(404);
    const row = await t.knex('rincian').where({ id }).first();
    expect(row!.status).toBe('konsep');
  });
});

describe('the 30 November lock', () => {
  it('is open at 23:59:59 WIB on the deadline and closed at 00:00:00 the next day, with the server in UTC', async () => {
    const open = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN });
    const closed = await buatRincian(t.knex, { nip: NIP.andi, tahun: TAHUN });
    t.clock.set('2026-11-30T16:59:59Z');
    expect((await andi.post(`/pengajuan/${open}/kirim`).type('form').send({ _csrf: andi.csrf })).status).toBe(303);
    t.clock.set('2026-11-30T17:00:00Z');
    const res = await andi.post(`/pengajuan/${closed}/kirim`).type('form').send({ _csrf: andi.csrf });
    expect(res.status).toBe(409);
    expect(res.text).toContain('sudah terkunci sejak 1 Desember 2026 00.00 WIB');
    expect(res.text).toContain('batas pengajuan 30 November 2026');
    expect((await kirimRencana(andi, rencana())).status).toBe(409);
    expect((await andi.post(`/pengajuan/${closed}/hapus`).type('form').send({ _csrf: andi.csrf })).status).toBe(409);
    expect(
      (
        await andi
          .post(`/pengajuan/${closed}/edit`)
          .type('form')
          .send({ _csrf: andi.csrf, ...baris() })
      ).status,
    ).toBe(409);
    expect((await t.knex('rincian').where({ id: closed }).first())!.status).toBe('konsep');
    const baru = await andi.get('/pengajuan/baru');
    expect(baru.text).toContain('Terkunci sejak');
    t.clock.set(SEKARANG);
  });

  it('treats a year without a periode as closed', async () => {
    const res = await kirimRencana(andi, rencana({ tahun: '2031' }, [baris({ tanggal: '2031-03-03' })]));
    expect(res.status).toBe(409);
    expect(res.text).toContain('belum dibuka');
  });
});

describe('dashboard and detail', () => {
  it('counts the year by status and shows Kegiatan Berjalan and the JP toward 20', async () => {
    const res = await andi.get('/?tahun=2026');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Pengajuan Proses Verifikasi');
    expect(res.text).toContain('Kegiatan Berjalan');
    expect(res.text).toContain('Pengenalan bahasa pemrograman');
    expect(res.text).toContain('Terealisasi <strong>40 JP</strong>');
    expect(res.text).toContain('/pengajuan?tahun=2026&amp;status=dikirim');
    expect(res.text).not.toContain('Mulai dari sini');
  });

  it('shows a newcomer where to start: the open year, its deadline and the missing atasan', async () => {
    const rudi = await masuk(t.app, NIP.rudi); // no plan in any year, no atasan
    const res = await rudi.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Mulai dari sini');
    expect(res.text).toContain(`Buat Rencana Tahun ${TAHUN}`);
    expect(res.text).toContain('30 November 2026');
    expect(res.text).toContain('belum tercatat');
    const fajar = await masuk(t.app, NIP.fajar); // has a plan
    expect((await fajar.get('/')).text).not.toContain('Mulai dari sini');
  });

  it('shows the detail with gaps, the reason and the history, and prints the plan as PDF', async () => {
    const [row] = await t.knex('rincian').where({ status: 'ditolak', pegawai_id: await idPegawai(t.knex, NIP.andi), tahun: 2026 });
    const res = await andi.get(`/pengajuan/${row!.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dikembalikan oleh atasan untuk direvisi');
    expect(res.text).toContain('Analisis Kesenjangan');
    expect(res.text).toContain('Sari Wulandari');
    const pdf = await andi.get(`/pengajuan/${row!.id}/formulir.pdf`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.body.subarray(0, 5))).toBe('%PDF-');
  });

  it('filters the list by jalur, status and text, with pagination', async () => {
    const res = await andi.get('/pengajuan?tahun=2026&status=ditolak');
    expect(res.text).toContain('Bahasa Inggris');
    expect(res.text).not.toContain('Bimbingan teknis SIASN');
    const q = await andi.get('/pengajuan?q=SIASN');
    expect(q.text).toContain('Bimbingan teknis SIASN');
    expect(q.text).toContain('Menampilkan 1–1 dari 1 data');
    const garbage = await andi.get('/pengajuan?tahun[]=1&page=-5&q=%27%3B--');
    expect(garbage.status).toBe(200);
  });
});
