import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { form } from '../helpers/form';

// One plan per employee and year: its header (jenis jabatan, SKJ, kinerja, e-mail) is edited at
// /pengajuan/rencana/:tahun while the year is open, every change recorded; a new submission for
// the year adds its items to it. And an item is never sent when nobody would verify it.

// 28 November 2026, 12:00 WIB: the 2027 period (deadline 30 November 2026) is open.
const SEKARANG = '2026-11-28T05:00:00Z';
const TAHUN = 2027;
const KOMPETENSI = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'];
const URL = `/pengajuan/rencana/${TAHUN}`;

let t: TestApp;
let andi: Agent;

function skj(level: string, over: Record<string, string> = {}) {
  return { ...Object.fromEntries(KOMPETENSI.map((k) => [k, level])), ...over };
}

function kepala(over: Record<string, unknown> = {}) {
  return { jenis_jabatan: 'ahli-pertama', email: 'andi@example.go.id', penilaian_kinerja: '87,5', skj: skj('1'), ...over };
}

function rencana(materi: string, over: Record<string, unknown> = {}) {
  return {
    tahun: String(TAHUN),
    jalur: 'klasikal',
    ...kepala(),
    pelatihan: [
      {
        bentuk: 'pelatihan-teknis',
        jp: '24',
        tanggal: `${TAHUN}-05-12`,
        materi,
        anggaran: '1.000.000',
        lembaga: 'BPSDM Provinsi',
        sumber_dana: 'apbd',
        alasan: 'Kebutuhan unit kerja',
      },
    ],
    persetujuan: '1',
    ...over,
  };
}

const kirim = (agent: Agent, url: string, body: Record<string, unknown>) =>
  agent
    .post(url)
    .type('form')
    .send(form({ _csrf: agent.csrf, ...body }));

async function headerAndi() {
  const id = await idPegawai(t.knex, NIP.andi);
  return t.knex('pengajuan').where({ pegawai_id: id, tahun: TAHUN }).orderBy('id');
}

beforeAll(async () => {
  t = await createTestApp({ now: SEKARANG });
  andi = await masuk(t.app, NIP.andi);
  // Andi's 2027 plan, made through the plan form
  const res = await kirim(andi, '/pengajuan', rencana('Analisis beban kerja'));
  expect(res.status).toBe(303);
});
afterAll(() => t.close());

describe('the plan header of a year', () => {
  it('shows the header form with the current values, linked from the list and the item detail', async () => {
    const res = await andi.get(URL);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Data Rencana Pengembangan Kompetensi · Tahun 2027');
    expect(res.text).toContain('value="andi@example.go.id"');
    expect(res.text).toContain('value="87,5"');
    for (const k of KOMPETENSI) expect(res.text).toContain(`name="skj[${k}]"`);
    expect(res.text).toContain('Rencana dibuat');
    const list = await andi.get(`/pengajuan?tahun=${TAHUN}`);
    expect(list.text).toContain(`href="${URL}"`);
    const [h] = await headerAndi();
    const item = await t.knex('rincian').where({ pengajuan_id: h!.id }).first('id');
    const detail = await andi.get(`/pengajuan/${item!.id}`);
    expect(detail.text).toContain(`href="${URL}"`);
  });

  it('saves a change with 303, recomputes the gaps, records the old and new values and shows them', async () => {
    const res = await kirim(
      andi,
      URL,
      kepala({ jenis_jabatan: 'administrator', email: 'andi.baru@example.go.id', penilaian_kinerja: '95', skj: skj('2') }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(URL);
    const [h, ...lain] = await headerAndi();
    expect(lain).toHaveLength(0);
    expect(h!.jenis_jabatan_kode).toBe('administrator');
    expect(h!.email).toBe('andi.baru@example.go.id');
    expect(Number(h!.penilaian_kinerja)).toBe(95);
    expect(h!.kesenjangan_kinerja).toBe('tidak_ada');
    // administrator's standard is level 3 (seeded): level 2 leaves a gap of 1
    const m01 = (h!.skj as { kode: string; standar: number }[]).find((s) => s.kode === 'M.01')!;
    expect(m01).toMatchObject({ level: 2, gap: m01.standar - 2 });
    expect(m01.standar).toBeGreaterThan(2);
    expect(h!.prioritas).toBe('Kesenjangan kompetensi: utamakan pelatihan');

    const audit = await t.knex('audit_log').where({ entitas: 'pengajuan', entitas_id: String(h!.id) });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.oleh).toBe(await idPegawai(t.knex, NIP.andi));
    expect(audit[0]!.aksi).toBe('ubah_rencana');
    const data = audit[0]!.data as { lama: unknown; baru: unknown };
    expect(data.lama).toMatchObject({ jenis_jabatan: 'ahli-pertama', penilaian_kinerja: 87.5, email: 'andi@example.go.id' });
    expect(data.baru).toMatchObject({ jenis_jabatan: 'administrator', penilaian_kinerja: 95 });

    const page = await andi.get(URL);
    expect(page.text).toContain('Data rencana tahun 2027 tersimpan.');
    expect(page.text).toContain('Data rencana diubah');
    expect(page.text).toContain('Penilaian kinerja: 87,5 → 95');
    expect(page.text).toContain('E-mail: andi@example.go.id → andi.baru@example.go.id');
    expect(page.text).toContain('SKJ M.01');
  });

  it('lets the atasan see the current header with the recomputed gaps', async () => {
    const [h] = await headerAndi();
    const item = await t.knex('rincian').where({ pengajuan_id: h!.id }).first('id');
    expect((await andi.post(`/pengajuan/${item!.id}/kirim`).type('form').send({ _csrf: andi.csrf })).status).toBe(303);
    const sari = await masuk(t.app, NIP.sari);
    const res = await sari.get(`/verifikasi/${item!.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Kesenjangan kompetensi: utamakan pelatihan');
    expect(res.text).toContain('Penilaian kinerja (SKP):</span> <strong>95</strong>');
    expect(res.text).toContain('Tidak ada kesenjangan kinerja');
    expect(res.text).toContain('standar Administrator');
  });

  it('records nothing when nothing changed', async () => {
    const [h] = await headerAndi();
    const before = await t.knex('audit_log').where({ entitas: 'pengajuan', entitas_id: String(h!.id) });
    const res = await kirim(
      andi,
      URL,
      kepala({ jenis_jabatan: 'administrator', email: 'andi.baru@example.go.id', penilaian_kinerja: '95,00', skj: skj('2') }),
    );
    expect(res.status).toBe(303);
    const after = await t.knex('audit_log').where({ entitas: 'pengajuan', entitas_id: String(h!.id) });
    expect(after).toHaveLength(before.length);
  });

  const SALAH: [string, Record<string, unknown>, string][] = [
    ['kinerja 0', kepala({ penilaian_kinerja: '0' }), 'Isi penilaian kinerja antara 1 dan 100'],
    ['kinerja 0,5', kepala({ penilaian_kinerja: '0,5' }), 'Isi penilaian kinerja antara 1 dan 100'],
    ['kinerja 101', kepala({ penilaian_kinerja: '101' }), 'Isi penilaian kinerja antara 1 dan 100'],
    ['kinerja as garbage', kepala({ penilaian_kinerja: "1e2'; --" }), 'Isi penilaian kinerja antara 1 dan 100'],
    ['kinerja as an array', kepala({ penilaian_kinerja: ['90', '91'] }), 'Isi penilaian kinerja antara 1 dan 100'],
    ['an unknown jenis jabatan', kepala({ jenis_jabatan: 'raja' }), 'Pilih jenis jabatan Anda saat ini.'],
    ['a bad e-mail', kepala({ email: 'bukan email' }), 'alamat e-mail yang valid'],
    ['an SKJ level 6', kepala({ skj: skj('1', { 'M.03': '6' }) }), 'Pilih level 1–5'],
    ['no SKJ at all', kepala({ skj: 'x' }), 'Pilih level 1–5'],
  ];
  it.each(SALAH)('refuses %s with 422, the message beside the field, nothing saved', async (_n, body, pesan) => {
    const [before] = await headerAndi();
    const audit = await t.knex('audit_log').where({ entitas: 'pengajuan' }).count<{ n: string }[]>('* as n');
    const res = await kirim(andi, URL, body);
    expect(res.status).toBe(422);
    expect(res.text).toContain(pesan);
    expect(res.text).toContain('invalid-feedback');
    expect(res.text).toContain('Periksa kembali isian berikut');
    const [after] = await headerAndi();
    expect(after).toEqual(before);
    const audit2 = await t.knex('audit_log').where({ entitas: 'pengajuan' }).count<{ n: string }[]>('* as n');
    expect(audit2[0]!.n).toBe(audit[0]!.n);
  });

  it('answers 404 for a year without a plan, a malformed year and another employee', async () => {
    // 2026 has a plan (seeded) but its year is closed
    expect((await andi.get('/pengajuan/rencana/2026')).status).toBe(409);
    expect((await andi.get('/pengajuan/rencana/2031')).status).toBe(404);
    expect((await andi.get('/pengajuan/rencana/abcd')).status).toBe(404);
    expect((await andi.get('/pengajuan/rencana/20271')).status).toBe(404);
    expect((await kirim(andi, '/pengajuan/rencana/2031', kepala())).status).toBe(404);
    // Dewi has no 2027 plan: Andi's is not hers to see or change
    const dewi = await masuk(t.app, NIP.dewi);
    const res = await dewi.get(URL);
    expect(res.status).toBe(404);
    expect(res.text).toContain('belum memiliki rencana');
    expect((await kirim(dewi, URL, kepala({ penilaian_kinerja: '50' }))).status).toBe(404);
    const [h] = await headerAndi();
    expect(Number(h!.penilaian_kinerja)).toBe(95);
  });
});

describe('a second submission for the same year', () => {
  it('adds its items to the same plan (one header) and records a header change', async () => {
    const form = await andi.get(`/pengajuan/baru/non-klasikal?tahun=${TAHUN}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Anda sudah memiliki rencana tahun 2027');
    expect(form.text).toContain('value="andi.baru@example.go.id"');
    const before = await headerAndi();
    expect(before).toHaveLength(1);
    const res = await kirim(
      andi,
      '/pengajuan',
      rencana('Coaching kepemimpinan', {
        jalur: 'non_klasikal',
        ...kepala({ jenis_jabatan: 'administrator', email: 'andi.baru@example.go.id', penilaian_kinerja: '70', skj: skj('2') }),
        pelatihan: [
          {
            bentuk: 'coaching',
            jp: '8',
            tanggal: `${TAHUN}-07-01`,
            materi: 'Coaching kepemimpinan',
            anggaran: '0',
            lembaga: 'Biro Organisasi',
            sumber_dana: 'apbd',
            alasan: 'Kesenjangan kinerja',
          },
        ],
      }),
    );
    expect(res.status).toBe(303);
    const after = await headerAndi();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(Number(after[0]!.penilaian_kinerja)).toBe(70);
    expect(after[0]!.kesenjangan_kinerja).toBe('sedang');
    const items = await t.knex('rincian').where({ pengajuan_id: after[0]!.id }).orderBy('id');
    expect(items.map((r) => r.materi)).toEqual(['Analisis beban kerja', 'Coaching kepemimpinan']);
    const audit = await t.knex('audit_log').where({ entitas: 'pengajuan', entitas_id: String(after[0]!.id), aksi: 'pengajuan_baru' });
    expect(audit).toHaveLength(1);
    const list = await andi.get(res.headers.location!);
    expect(list.text).toContain('1 usulan ditambahkan ke rencana tahun 2027');
  });

  it('updates every header row of a year that older data split into several', async () => {
    await buatRincian(t.knex, { nip: NIP.fajar, tahun: TAHUN });
    await buatRincian(t.knex, { nip: NIP.fajar, tahun: TAHUN });
    const fajar = await masuk(t.app, NIP.fajar);
    const res = await kirim(fajar, URL, kepala({ email: 'fajar@example.go.id', penilaian_kinerja: '91' }));
    expect(res.status).toBe(303);
    const id = await idPegawai(t.knex, NIP.fajar);
    const rows = await t.knex('pengajuan').where({ pegawai_id: id, tahun: TAHUN });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.email === 'fajar@example.go.id' && r.kesenjangan_kinerja === 'tidak_ada')).toBe(true);
  });
});

describe('after the deadline', () => {
  it('refuses to show or change the header with 409 and the deadline', async () => {
    const [before] = await headerAndi();
    t.clock.set('2026-11-30T17:00:00Z');
    try {
      const page = await andi.get(URL);
      expect(page.status).toBe(409);
      expect(page.text).toContain('sudah terkunci sejak 1 Desember 2026 00.00 WIB');
      const res = await kirim(andi, URL, kepala({ penilaian_kinerja: '60' }));
      expect(res.status).toBe(409);
      expect(res.text).toContain('batas pengajuan 30 November 2026');
      // the deadline is told before the form's errors
      expect((await kirim(andi, URL, kepala({ penilaian_kinerja: '0' }))).status).toBe(409);
      const [after] = await headerAndi();
      expect(after).toEqual(before);
    } finally {
      t.clock.set(SEKARANG);
    }
  });
});

describe('an employee without an atasan', () => {
  it('cannot send an item into the void: 409 with the message, the item stays konsep', async () => {
    const rudi = await masuk(t.app, NIP.rudi);
    const id = await buatRincian(t.knex, { nip: NIP.rudi, tahun: TAHUN, materi: 'Tanpa atasan' });
    const res = await rudi.post(`/pengajuan/${id}/kirim`).type('form').send({ _csrf: rudi.csrf });
    expect(res.status).toBe(409);
    expect(res.text).toContain('belum memiliki atasan langsung');
    expect(res.text).toContain('Hubungi admin BKPSDMD');
    expect((await rudi.get(`/pengajuan/${id}/kirim`)).status).toBe(409);
    const semua = await rudi
      .post('/pengajuan/kirim-semua')
      .type('form')
      .send({ _csrf: rudi.csrf, tahun: String(TAHUN) });
    expect(semua.status).toBe(409);
    expect(semua.text).toContain('belum memiliki atasan langsung');
    const row = await t.knex('rincian').where({ id }).first();
    expect(row!.status).toBe('konsep');
    expect(await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'kirim' })).toHaveLength(0);
  });
});
