import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { anonim, createTestApp, idPegawai, masuk, NIP, type Agent, type TestApp } from '../helpers/app';
import { buatRincian } from '../helpers/data';

// Query budgets: every page costs the same number of queries whether 10 or 1,000 rows lie behind it
// (no N+1), and at most two in all: a fixed part of exactly one query, the session row joined to the
// user, the menu's counters and the planning years (the session store's read), and at most one of
// its own. Both are prepared statements, sent by name with their text written once.

const SEKARANG = '2026-11-28T05:00:00Z';
const BUDGET = 1;
let t: TestApp;
let andi: Agent;
let sari: Agent;
let hendra: Agent;
let ids: { rincian: number; laporan: number; rekomendasi: number };

interface Halaman {
  path: () => string;
  as: () => Agent;
}

const HALAMAN: Record<string, Halaman> = {
  dashboard: { path: () => '/', as: () => andi },
  'daftar pengajuan': { path: () => '/pengajuan', as: () => andi },
  'daftar pengajuan, cari': { path: () => '/pengajuan?q=pelatihan&tahun=2026', as: () => andi },
  'detail rincian': { path: () => `/pengajuan/${ids.rincian}`, as: () => andi },
  'pengajuan baru': { path: () => '/pengajuan/baru', as: () => andi },
  'form rencana klasikal': { path: () => '/pengajuan/baru/klasikal?tahun=2027', as: () => andi },
  verifikasi: { path: () => '/verifikasi', as: () => sari },
  'bawahan langsung': { path: () => '/bawahan', as: () => sari },
  laporan: { path: () => '/laporan', as: () => andi },
  'laporan detail': { path: () => `/laporan/${ids.laporan}`, as: () => andi },
  notifikasi: { path: () => '/notifikasi', as: () => andi },
  rekomendasi: { path: () => '/rekomendasi', as: () => andi },
  'rekomendasi detail': { path: () => `/rekomendasi/${ids.rekomendasi}`, as: () => andi },
  'bkpsdm rekap': { path: () => '/bkpsdm/rekap?tahun=2026', as: () => hendra },
  'rekomendasi, cari': { path: () => '/rekomendasi?q=pelatihan&jalur=klasikal', as: () => andi },
  'notifikasi halaman 2': { path: () => '/notifikasi?page=2', as: () => andi },
};

/** The queries of one request: knex's 'query' events between sending it and its last byte. */
interface Hitungan {
  status: number;
  /** the page's own queries */
  queries: number;
  /** the fixed part: the session store's, which reads the user with the session */
  sesi: number;
  /** queries not sent as a named (prepared) statement */
  tanpaNama: string[];
}

async function hitung(h: Halaman): Promise<Hitungan> {
  let n = 0;
  let sesi = 0;
  const tanpaNama: string[] = [];
  const on = (q: { sql: string; options?: { name?: string } }) => {
    if (/\bsessions\b/.test(q.sql)) sesi++;
    else n++;
    if (!q.options?.name) tanpaNama.push(q.sql);
  };
  t.knex.on('query', on);
  try {
    const res = await h.as().get(h.path());
    return { status: res.status, queries: n, sesi, tanpaNama };
  } finally {
    t.knex.off('query', on);
  }
}

async function ukurSemua() {
  const out: Record<string, Hitungan> = {};
  for (const [nama, h] of Object.entries(HALAMAN)) {
    await hitung(h); // once to settle the session (first CSRF token, flash)
    out[nama] = await hitung(h);
  }
  return out;
}

/** About 1,000 rows behind every page: Andi's items in every status with history and reports,
 *  his notifications and rekomendasi, and items of Sari's subordinates waiting for her. */
async function perbanyak() {
  const k = t.knex;
  const andiId = await idPegawai(k, NIP.andi);
  const dewiId = await idPegawai(k, NIP.dewi);
  const sariId = await idPegawai(k, NIP.sari);
  for (const [pegawai, tahun] of [
    [andiId, 2026],
    [dewiId, 2026],
  ] as const) {
    const [h] = await k('pengajuan')
      .insert({
        pegawai_id: pegawai,
        tahun,
        jalur: 'klasikal',
        jenis_jabatan_kode: 'pelaksana',
        email: 'uji@example.go.id',
        penilaian_kinerja: 80,
        kesenjangan_kinerja: 'rendah',
        skj: JSON.stringify([]),
        prioritas: 'Kesenjangan kinerja',
      })
      .returning('id');
    await k.raw(
      `INSERT INTO rincian (pengajuan_id, pegawai_id, tahun, jalur, bentuk_kode, jp, tanggal, materi, anggaran, lembaga, sumber_dana_kode,
                            alasan, status, dikirim_at, diputuskan_oleh, diputuskan_at, tanggal_mulai, tanggal_selesai, frekuensi_laporan, tempat)
       SELECT ?::int, ?::int, ?::int, 'klasikal', 'pelatihan-teknis', 10, make_date(?::int, 1 + n % 12, 1 + n % 28), 'Pelatihan massal ' || n, 100000,
              'Lembaga Uji', 'apbd', 'Alasan uji', st,
              CASE WHEN st <> 'konsep' THEN now() END,
              CASE WHEN st IN ('diterima','ditolak','berjalan','selesai') THEN ?::int END,
              CASE WHEN st IN ('diterima','ditolak','berjalan','selesai') THEN now() END,
              CASE WHEN st IN ('berjalan','selesai') THEN make_date(?::int, 1 + n % 12, 1) END,
              CASE WHEN st IN ('berjalan','selesai') THEN make_date(?::int, 1 + n % 12, 2) END,
              CASE WHEN st IN ('berjalan','selesai') THEN 'sekali' END,
              CASE WHEN st IN ('berjalan','selesai') THEN 'Tempat uji' END
       FROM generate_series(1, 1000) n
       CROSS JOIN LATERAL (SELECT (ARRAY['konsep','dikirim','diterima','ditolak','berjalan','selesai'])[1 + n % 6] AS st) s`,
      [h!.id, pegawai, tahun, tahun, sariId, tahun, tahun],
    );
  }
  await k.raw(
    `INSERT INTO riwayat_status (rincian_id, aksi, dari, ke, oleh)
     SELECT id, 'buat', NULL, 'konsep', pegawai_id FROM rincian WHERE materi LIKE 'Pelatihan massal %'`,
  );
  await k.raw(
    `INSERT INTO laporan (rincian_id, tanggal, jp, deskripsi, akhir, dibuat_oleh)
     SELECT id, tanggal_mulai, 5, 'Laporan uji', status = 'selesai', pegawai_id
     FROM rincian WHERE materi LIKE 'Pelatihan massal %' AND status IN ('berjalan','selesai')`,
  );
  // the detail pages' own item gets 1,000 history rows and reports too? No: a page shows one item,
  // whose own rows are few; what grows is the user's total. Reports of the shown item do grow:
  await k.raw(
    `INSERT INTO laporan (rincian_id, tanggal, jp, deskripsi, akhir, dibuat_oleh)
     SELECT ?::int, '2026-06-01', 1, 'Laporan harian ' || n, false, ?::int FROM generate_series(1, 300) n`,
    [ids.laporan, andiId],
  );
  await k.raw(
    `INSERT INTO notifikasi (pegawai_id, judul, pesan, tautan)
     SELECT ?::int, 'Pemberitahuan ' || n, 'Isi pemberitahuan ' || n, '/pengajuan' FROM generate_series(1, 1000) n`,
    [andiId],
  );
  await k.raw(
    `INSERT INTO rekomendasi (pegawai_id, jalur, nama_pelatihan, jenis_pelatihan, lembaga, tanggal_mulai, tanggal_selesai, biaya, sumber_biaya, status)
     SELECT ?::int, 'klasikal', 'Pelatihan ' || n, 'Teknis', 'LAN', '2026-12-01', '2026-12-03', 0, 'pd', 'konsep' FROM generate_series(1, 1000) n`,
    [andiId],
  );
}

let kecil: Record<string, Hitungan>;
let besar: Record<string, Hitungan>;

beforeAll(async () => {
  t = await createTestApp({ now: SEKARANG });
  [andi, sari, hendra] = await Promise.all([masuk(t.app, NIP.andi), masuk(t.app, NIP.sari), masuk(t.app, NIP.hendra)]);
  const andiId = await idPegawai(t.knex, NIP.andi);
  const rincian = await t.knex('rincian').where({ pegawai_id: andiId }).whereNot('status', 'dihapus').orderBy('id').first('id');
  const laporan = await t
    .knex('rincian')
    .where({ pegawai_id: andiId })
    .whereIn('status', ['berjalan', 'selesai'])
    .orderBy('id')
    .first('id');
  const rekomendasi = await t.knex('rekomendasi').where({ pegawai_id: andiId }).orderBy('id').first('id');
  ids = { rincian: rincian!.id, laporan: laporan!.id, rekomendasi: rekomendasi?.id ?? 0 };
  kecil = await ukurSemua();
  await perbanyak();
  besar = await ukurSemua();
}, 120_000);
afterAll(() => t.close());

describe('query budget per page (10 rows vs 1,000 rows behind it)', () => {
  it('shows the counts', () => {
    const tabel = Object.keys(HALAMAN).map(
      (n) => `${n}: ${kecil[n]!.queries} → ${besar[n]!.queries} (+ ${besar[n]!.sesi} session; HTTP ${besar[n]!.status})`,
    );
    console.log(`queries per page, ~10 rows → ~1,000 rows:\n  ${tabel.join('\n  ')}`);
  });

  for (const nama of Object.keys(HALAMAN)) {
    it(`${nama}: answers 200, the same count with 1,000 rows, at most ${BUDGET} + 1, all prepared`, () => {
      expect(kecil[nama]!.status).toBe(200);
      expect(besar[nama]!.status).toBe(200);
      expect(besar[nama]!.queries, 'the count grows with the data (N+1)').toBe(kecil[nama]!.queries);
      expect(kecil[nama]!.sesi, 'the fixed part is one query').toBe(1);
      expect(besar[nama]!.sesi, 'the fixed part is one query').toBe(1);
      expect(besar[nama]!.queries, `over the budget of ${BUDGET} queries`).toBeLessThanOrEqual(BUDGET);
      expect(besar[nama]!.tanpaNama, 'every query a prepared statement').toEqual([]);
    });
  }
});

describe('the fixed part of a request', () => {
  /** Every query of one request, whatever it reads. */
  async function semua(kirim: () => PromiseLike<{ status: number }>) {
    const sql: string[] = [];
    const on = (q: { sql: string }) => sql.push(q.sql);
    t.knex.on('query', on);
    try {
      const res = await kirim();
      return { status: res.status, sql };
    } finally {
      t.knex.off('query', on);
    }
  }

  it('is one query for a logged-in page: the session, the user and the menu counters together', async () => {
    // pages with no queries of their own: all they cost is the fixed part
    for (const path of ['/akun/password', '/panduan']) {
      await andi.get(path);
      const { status, sql } = await semua(() => andi.get(path));
      expect(status).toBe(200);
      expect(sql, path).toHaveLength(1);
      expect(sql[0]).toMatch(/\bsessions\b/);
      expect(sql[0]).toMatch(/\bpegawai\b/);
      expect(sql[0]).toMatch(/\bnotifikasi\b/);
    }
  });

  it('is one query at most when nobody is logged in', async () => {
    const tamu = await anonim(t.app);
    const denganSesi = await semua(() => tamu.get('/login'));
    expect(denganSesi.status).toBe(200);
    expect(denganSesi.sql.length).toBeLessThanOrEqual(1);
    // without a cookie: the new session (its CSRF token) is written, nothing is read
    const tanpaSesi = await semua(() => request(t.app).get('/login'));
    expect(tanpaSesi.status).toBe(200);
    expect(tanpaSesi.sql.length).toBeLessThanOrEqual(1);
  });
});

describe('sending an item to the atasan', () => {
  it('takes seven round trips, however many stand-ins are told (not the sender, should he be one): the session, the change and its history, the notices', async () => {
    const [andiId, sariId, mayaId, rudiId, dewiId] = (await Promise.all(
      [NIP.andi, NIP.sari, NIP.maya, NIP.rudi, NIP.dewi].map((n) => idPegawai(t.knex, n)),
    )) as [number, number, number, number, number];
    expect((await t.knex('pegawai').where({ id: andiId }).first())!.atasan_id).toBe(sariId);
    const plt = { atasan_id: sariId, keterangan: 'Cuti', dibuat_oleh: sariId };
    for (const [pengganti, mulai, selesai] of [
      [mayaId, '2026-11-20', '2026-12-05'],
      [rudiId, '2026-11-28', '2026-11-28'],
      [andiId, '2026-11-01', '2026-12-31'], // the sender himself: not told of his own item
      [dewiId, '2026-12-01', '2026-12-31'], // not today: not told
    ] as const)
      await t.knex('plt').insert({ ...plt, pengganti_id: pengganti, mulai, selesai });

    const id = await buatRincian(t.knex, { nip: NIP.andi, tahun: 2027, materi: 'Uji kirim' });
    await andi.get('/pengajuan');
    const sql: string[] = [];
    const on = (q: { sql: string }) => sql.push(q.sql);
    t.knex.on('query', on);
    try {
      const res = await andi.post(`/pengajuan/${id}/kirim`).type('form').send({ _csrf: andi.csrf });
      expect(res.status).toBe(303);
    } finally {
      t.knex.off('query', on);
    }
    expect(sql.length, sql.join('\n')).toBeLessThanOrEqual(7);

    expect((await t.knex('rincian').where({ id }).first())!.status).toBe('dikirim');
    const riwayat = await t.knex('riwayat_status').where({ rincian_id: id, aksi: 'kirim' });
    expect(riwayat).toMatchObject([{ dari: 'konsep', ke: 'dikirim', oleh: andiId, atas_nama: null }]);
    const diberitahu = await t
      .knex('notifikasi')
      .where('pesan', 'like', '%"Pelatihan teknis: Uji kirim"%')
      .orderBy('pegawai_id')
      .pluck('pegawai_id');
    expect(diberitahu).toEqual([sariId, mayaId, rudiId].sort((a, b) => a - b));
  });
});
