import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import knexFactory, { type Knex } from 'knex';
import { openDatabase, type Database } from '../src/db/index';
import { prepareDatabase } from '../src/db/setup';
import { tahunWIB, tambahHari, tanggalWIB } from '../src/domain/waktu';

// A province-sized dataset, loaded with set-based SQL (INSERT … SELECT FROM generate_series)
// so that it takes seconds on PostgreSQL and on the embedded PGlite alike.

export const PASSWORD = 'bangkom2026';
export const UNIT = 40;
export const PER_UNIT = 150; // 1 head, 5 managers × 25 staff, 19 staff under the head
export const PEGAWAI = UNIT * PER_UNIT;
export const ITEM_PER_PLAN = 5;
/** The read scenarios' users, and the kirim users with their konsep items in next year's open period. */
export const PEMBACA = 8;
export const PENGIRIM = 8;
export const KONSEP_PER_PENGIRIM = 1500;
export const RUSH = 500;

/** Employee id of position k (0-based) in unit u (1-based). */
export const pid = (u: number, k: number) => (u - 1) * PER_UNIT + k + 1;
export const BKPSDM_ID = pid(1, 149);
export const ADMIN_ID = pid(1, 148);
/** Readers: a staff member under a manager, one per unit 1..8. */
export const pembaca = () => Array.from({ length: PEMBACA }, (_, i) => pid(i + 1, 20));
/** Managers with exactly 25 direct subordinates. */
export const manajer = () => Array.from({ length: PEMBACA }, (_, i) => pid(i + 1, 1));
/** Kirim users: staff of units 21..28. */
export const pengirim = () => Array.from({ length: PENGIRIM }, (_, i) => pid(i + 21, 40));
/** Rush users: 500 staff of units 2..40 that have no item in next year. */
export function rushUsers(): number[] {
  const out: number[] = [];
  const skip = new Set([...pembaca(), ...manajer(), ...pengirim(), BKPSDM_ID, ADMIN_ID]);
  for (let u = 2; u <= UNIT && out.length < RUSH; u++)
    for (let k = 60; k < 73 && out.length < RUSH; k++) if (!skip.has(pid(u, k))) out.push(pid(u, k));
  return out;
}

export interface Dataset {
  kind: 'postgres' | 'pglite';
  /** postgres: the bench database's URL; pglite: the data directory */
  url?: string;
  dataDir?: string;
  tahun: number;
  counts: Record<string, number>;
  ms: number;
  drop(): Promise<void>;
}

async function q(knex: Knex, sql: string, bindings: Knex.RawBinding[] | Record<string, Knex.RawBinding> = []) {
  return knex.raw(sql, bindings as Knex.RawBinding[]);
}

/** Loads the dataset into an opened, migrated, empty database. */
export async function load(knex: Knex, now: Date): Promise<Record<string, number>> {
  const Y = tahunWIB(now);
  const hash = await bcrypt.hash(PASSWORD, 12);
  // The rush accounts log in 500 at once before the rush: a cheap hash keeps that step short.
  // Login cost itself is measured by the login scenario against the cost-12 hash.
  const hashRush = await bcrypt.hash(PASSWORD, 4);
  const hariIni = tanggalWIB(now);
  const batasBerikut = `${Y}-11-30` >= tambahHari(hariIni, 7) ? `${Y}-11-30` : tambahHari(hariIni, 30);

  await knex.transaction(async (trx) => {
    await q(
      trx,
      `INSERT INTO instansi (id, kode, nama, singkatan, alamat)
       SELECT u, 'PD' || lpad(u::text, 2, '0'),
              (ARRAY['Dinas Pendidikan','Dinas Kesehatan','Dinas Pekerjaan Umum','Dinas Sosial','Dinas Perhubungan',
                     'Badan Pendapatan Daerah','Inspektorat','Dinas Pariwisata'])[1 + u % 8] || ' Wilayah ' || u,
              'PD-' || u, 'Jl. Merdeka No. ' || u || ', Pangkalpinang'
       FROM generate_series(1, ${UNIT}) u`,
    );
    await q(trx, `SELECT setval('instansi_id_seq', ${UNIT})`);

    // The atasan tree: k=0 head; 1..5 managers (under the head); 6..130 staff, 25 per manager; 131..149 under the head.
    await q(
      trx,
      `INSERT INTO pegawai (id, nip, nama, email, jabatan, jenis_jabatan_kode, instansi_id, atasan_id, peran, password_hash)
       SELECT g,
              -- a structurally valid NIP (src/domain/nip.ts): TMT 19–33 years after birth, sequence 001–999
              to_char(date '1962-01-01' + g, 'YYYYMMDD')
                || (extract(year FROM date '1962-01-01' + g)::int + 19 + g % 15)::text || lpad((1 + g % 12)::text, 2, '0')
                || (1 + g % 2)::text || lpad((1 + g % 999)::text, 3, '0'),
              (ARRAY['Andi','Budi','Citra','Dewi','Eko','Fitri','Gilang','Hana','Irfan','Joko','Kartika','Lina'])[1 + g % 12]
                || ' ' || (ARRAY['Pratama','Lestari','Wulandari','Gunawan','Hartono','Nugroho','Sari','Saputra','Siregar'])[1 + (g / 12) % 9]
                || ' ' || g,
              'pegawai' || g || '@bench.example.go.id',
              CASE WHEN k = 0 THEN 'Kepala Perangkat Daerah' WHEN k <= 5 THEN 'Kepala Bidang ' || k ELSE 'Staf' END,
              CASE WHEN k = 0 THEN 'jpt-pratama' WHEN k <= 5 THEN 'administrator'
                   ELSE (ARRAY['pelaksana','ahli-pertama','ahli-muda','terampil','pengawas'])[1 + g % 5] END,
              u,
              CASE WHEN k = 0 THEN NULL
                   WHEN k <= 5 OR k > 130 THEN (u - 1) * ${PER_UNIT} + 1
                   ELSE (u - 1) * ${PER_UNIT} + 1 + 1 + (k - 6) / 25 END,
              CASE g WHEN ${BKPSDM_ID} THEN 'bkpsdm' WHEN ${ADMIN_ID} THEN 'admin' ELSE 'pegawai' END,
              CASE WHEN g = ANY(?::int[]) THEN ? ELSE ? END
       FROM (SELECT g, (g - 1) / ${PER_UNIT} + 1 AS u, (g - 1) % ${PER_UNIT} AS k FROM generate_series(1, ${PEGAWAI}) g) s`,
      [rushUsers(), hashRush, hash],
    );
    await q(trx, `SELECT setval('pegawai_id_seq', ${PEGAWAI})`);

    for (const t of [Y - 2, Y - 1, Y, Y + 1]) {
      const batas = t === Y + 1 ? batasBerikut : `${t - 1}-11-30`;
      await trx('periode').insert({ tahun: t, batas_pengajuan: batas, diubah_oleh: BKPSDM_ID });
      await trx('periode_riwayat').insert({ tahun: t, batas_baru: batas, oleh: BKPSDM_ID, alasan: 'Periode dibuka' });
    }

    // One plan per employee per past/current year, five items each.
    const skj = JSON.stringify(
      ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'].map((kode) => ({
        kode,
        nama: kode,
        level: 2,
        standar: 2,
        gap: 0,
      })),
    );
    await q(
      trx,
      `INSERT INTO pengajuan (id, pegawai_id, tahun, jalur, jenis_jabatan_kode, email, penilaian_kinerja, kesenjangan_kinerja, skj, prioritas, created_at)
       SELECT (y - ${Y - 2}) * ${PEGAWAI} + p.id, p.id, y, 'klasikal', p.jenis_jabatan_kode, p.email,
              60 + p.id % 40, CASE WHEN 60 + p.id % 40 >= 91 THEN 'tidak_ada' WHEN 60 + p.id % 40 >= 76 THEN 'rendah' ELSE 'sedang' END,
              ?::jsonb, 'Pelatihan untuk menutup kesenjangan kompetensi', make_timestamptz(y - 1, 10, 1 + p.id % 28, 3, 0, 0, 'UTC')
       FROM pegawai p CROSS JOIN generate_series(${Y - 2}, ${Y}) y`,
      [skj],
    );
    // The status of each item: a deterministic spread over every status, mostly finished in past years;
    // with what each status implies (sent, decided by the atasan, started, finished).
    await q(
      trx,
      `INSERT INTO rincian (id, pengajuan_id, pegawai_id, tahun, jalur, bentuk_kode, jp, tanggal, materi, anggaran, lembaga,
                            sumber_dana_kode, alasan, status, created_at, updated_at, dikirim_at, diputuskan_oleh, diputuskan_at,
                            alasan_keputusan, tanggal_mulai, tanggal_selesai, detail_materi, tempat, frekuensi_laporan,
                            biaya_realisasi, dimulai_at, selesai_at)
       SELECT rid, hid, pegawai_id, tahun, jalur, bentuk, jp, tgl, materi, anggaran, lembaga, dana, alasan, st, dibuat, diubah,
              CASE WHEN st <> 'konsep' THEN dibuat + interval '2 days' END,
              CASE WHEN st NOT IN ('konsep','dikirim') THEN atasan END,
              CASE WHEN st NOT IN ('konsep','dikirim') THEN dibuat + interval '5 days' END,
              CASE WHEN st = 'ditolak' THEN 'Materi belum sesuai kebutuhan unit.'
                   WHEN st NOT IN ('konsep','dikirim') THEN 'Sesuai kebutuhan pengembangan kompetensi unit kerja.' END,
              CASE WHEN mulai THEN tgl END,
              CASE WHEN mulai THEN tgl + 4 END,
              CASE WHEN mulai THEN materi END,
              CASE WHEN mulai THEN lembaga END,
              CASE WHEN mulai THEN (CASE WHEN rid % 3 = 0 THEN 'bulanan' ELSE 'sekali' END) END,
              CASE WHEN mulai THEN anggaran END,
              CASE WHEN mulai THEN tgl::timestamptz END,
              CASE WHEN st = 'selesai' THEN tgl::timestamptz + interval '6 days' END
       FROM (
         SELECT rid, hid, pegawai_id, tahun, 'klasikal',
                (ARRAY['pelatihan-teknis','pelatihan-fungsional','seminar','workshop','kursus','bimbingan-teknis','sosialisasi',
                       'pelatihan-manajerial'])[1 + (hid + j) % 8],
                2 + (hid * 7 + j * 3) % 38,
                tgl,
                (ARRAY['Manajemen Kinerja','Pelayanan Publik Prima','Penyusunan Anggaran','Kearsipan Digital','Analisis Kebijakan',
                       'Pengadaan Barang dan Jasa','Keamanan Informasi','Kepemimpinan Pengawas','Penulisan Naskah Dinas',
                       'Statistik Sektoral'])[1 + (hid * 3 + j) % 10] || ' angkatan ' || (1 + (hid + j) % 40) AS materi,
                (((hid + j) % 20) * 250000)::numeric(15,2) AS anggaran,
                (ARRAY['BPSDM Provinsi','LAN RI','BKN Regional VII','Pusdiklat Kemendagri','Universitas Bangka Belitung'])[1 + (hid + j) % 5] AS lembaga,
                (ARRAY['apbd','apbd','apbd','apbn','blud','mandiri'])[1 + (hid + j) % 6],
                'Menutup kesenjangan kompetensi pada tugas sehari-hari.',
                st, dibuat, dibuat, st IN ('berjalan','selesai') AS mulai, atasan
         FROM (
           SELECT (h.id - 1) * ${ITEM_PER_PLAN} + j + 1 AS rid, h.id AS hid, h.pegawai_id, h.tahun, j, h.created_at AS dibuat,
                  coalesce(p.atasan_id, ${BKPSDM_ID}) AS atasan,
                  make_date(h.tahun, 1 + (h.id + j * 5) % 12, 1 + (h.id * 3 + j) % 24) AS tgl,
                  CASE WHEN h.tahun < ${Y} THEN
                    CASE WHEN pct < 5 THEN 'konsep' WHEN pct < 10 THEN 'dikirim' WHEN pct < 25 THEN 'ditolak'
                         WHEN pct < 50 THEN 'diterima' WHEN pct < 60 THEN 'berjalan' ELSE 'selesai' END
                  ELSE
                    CASE WHEN pct < 10 THEN 'konsep' WHEN pct < 30 THEN 'dikirim' WHEN pct < 40 THEN 'ditolak'
                         WHEN pct < 70 THEN 'diterima' WHEN pct < 90 THEN 'berjalan' ELSE 'selesai' END
                  END AS st
           FROM pengajuan h JOIN pegawai p ON p.id = h.pegawai_id
           CROSS JOIN generate_series(0, ${ITEM_PER_PLAN - 1}) j
           CROSS JOIN LATERAL (SELECT ((((h.id - 1) * ${ITEM_PER_PLAN} + j + 1)::bigint * 2654435761) % 4294967296) % 100 AS pct) x
         ) a
       ) s (rid, hid, pegawai_id, tahun, jalur, bentuk, jp, tgl, materi, anggaran, lembaga, dana, alasan, st, dibuat, diubah, mulai, atasan)`,
    );

    // Next year's open period: a long list of konsep items for each kirim user (the write scenario).
    let idBerikut = PEGAWAI * 3 * ITEM_PER_PLAN + 1;
    for (const [i, pegawaiId] of pengirim().entries()) {
      const hid = 3 * PEGAWAI + 1 + i;
      await q(
        trx,
        `INSERT INTO pengajuan (id, pegawai_id, tahun, jalur, jenis_jabatan_kode, email, penilaian_kinerja, kesenjangan_kinerja, skj, prioritas)
         SELECT ?, id, ?, 'klasikal', jenis_jabatan_kode, email, 80, 'rendah', ?::jsonb, 'Pelatihan' FROM pegawai WHERE id = ?`,
        [hid, Y + 1, skj, pegawaiId],
      );
      await q(
        trx,
        `INSERT INTO rincian (id, pengajuan_id, pegawai_id, tahun, jalur, bentuk_kode, jp, tanggal, materi, anggaran, lembaga, sumber_dana_kode, alasan, status)
         SELECT ? + n, ?, ?, ?, 'klasikal', 'pelatihan-teknis', 10, make_date(?, 1 + n % 12, 1 + n % 28), 'Rencana ' || n, 0,
                'BPSDM Provinsi', 'apbd', 'Kebutuhan unit', 'konsep'
         FROM generate_series(0, ${KONSEP_PER_PENGIRIM - 1}) n`,
        [idBerikut, hid, pegawaiId, Y + 1, Y + 1],
      );
      idBerikut += KONSEP_PER_PENGIRIM;
    }
    await q(trx, `SELECT setval('pengajuan_id_seq', (SELECT max(id) FROM pengajuan))`);
    await q(trx, `SELECT setval('rincian_id_seq', (SELECT max(id) FROM rincian))`);

    // History rows: one per step each item has taken.
    const riwayat = (aksi: string, dari: string, ke: string, oleh: string, waktu: string, alasan: string, where: string) =>
      q(
        trx,
        `INSERT INTO riwayat_status (rincian_id, aksi, dari, ke, oleh, alasan, waktu)
         SELECT r.id, '${aksi}', ${dari}, ${ke}, ${oleh}, ${alasan}, ${waktu} FROM rincian r WHERE ${where}`,
      );
    await riwayat('buat', 'NULL', "'konsep'", 'r.pegawai_id', 'r.created_at', 'NULL', 'true');
    await riwayat('kirim', "'konsep'", "'dikirim'", 'r.pegawai_id', 'r.dikirim_at', 'NULL', "r.status <> 'konsep'");
    await riwayat(
      'terima',
      "'dikirim'",
      "'diterima'",
      'r.diputuskan_oleh',
      'r.diputuskan_at',
      'r.alasan_keputusan',
      "r.status IN ('diterima','berjalan','selesai')",
    );
    await riwayat('tolak', "'dikirim'", "'ditolak'", 'r.diputuskan_oleh', 'r.diputuskan_at', 'r.alasan_keputusan', "r.status = 'ditolak'");
    await riwayat('mulai', "'diterima'", "'berjalan'", 'r.pegawai_id', 'r.dimulai_at', 'NULL', "r.status IN ('berjalan','selesai')");
    await riwayat('selesai', "'berjalan'", "'selesai'", 'r.pegawai_id', 'r.selesai_at', 'NULL', "r.status = 'selesai'");

    // Reports: the final one of every finished item, and one interim report for half of the running ones.
    await q(
      trx,
      `INSERT INTO laporan (rincian_id, tanggal, jp, dengan_sertifikat, nomor_sertifikat, deskripsi, akhir, dibuat_oleh, created_at)
       SELECT r.id, r.tanggal_selesai, r.jp, true, 'SERT/' || r.tahun || '/' || r.id, 'Telah mengikuti ' || r.materi || '.', true,
              r.pegawai_id, r.selesai_at
       FROM rincian r WHERE r.status = 'selesai'`,
    );
    await q(
      trx,
      `INSERT INTO laporan (rincian_id, tanggal, jp, deskripsi, akhir, dibuat_oleh, created_at)
       SELECT r.id, r.tanggal_mulai + 1, greatest(1, r.jp / 2), 'Laporan kemajuan.', false, r.pegawai_id, r.dimulai_at + interval '1 day'
       FROM rincian r WHERE r.status = 'berjalan' AND r.id % 2 = 0`,
    );

    // Rekomendasi: one request for every third employee, in every status; one shared PDF as their letters.
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const [b] = await trx('berkas')
      .insert({
        nama: 'surat.pdf',
        tipe: 'application/pdf',
        ukuran: pdf.length,
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
        isi: pdf,
        diunggah_oleh: BKPSDM_ID,
      })
      .returning('id');
    await q(
      trx,
      `INSERT INTO rekomendasi (pegawai_id, jalur, nama_pelatihan, jenis_pelatihan, lembaga, tanggal_mulai, tanggal_selesai, biaya, sumber_biaya,
                                surat_usulan_id, surat_pemanggilan_id, pernyataan, status, alasan_keputusan, diputuskan_oleh, diputuskan_at,
                                nomor_surat, tanggal_surat, dikirim_at, created_at)
       SELECT p.id, 'klasikal', 'Pelatihan Teknis ' || p.id, 'Pelatihan teknis', 'LAN RI', make_date(${Y}, 1 + p.id % 12, 1 + p.id % 20),
              make_date(${Y}, 1 + p.id % 12, 5 + p.id % 20), (p.id % 10) * 500000, 'pd', ?, ?, true, st,
              CASE WHEN st IN ('diterima','ditolak') THEN 'Keputusan BKPSDMD.' END,
              CASE WHEN st IN ('diterima','ditolak') THEN ${BKPSDM_ID} END,
              CASE WHEN st IN ('diterima','ditolak') THEN make_timestamptz(${Y}, 1 + p.id % 12, 1, 3, 0, 0, 'UTC') END,
              CASE WHEN st IN ('diterima','ditolak') THEN '800/' || p.id || '/BKPSDMD/${Y}' END,
              CASE WHEN st IN ('diterima','ditolak') THEN make_date(${Y}, 1 + p.id % 12, 1) END,
              CASE WHEN st <> 'konsep' THEN make_timestamptz(${Y}, 1 + p.id % 12, 1, 1, 0, 0, 'UTC') END,
              make_timestamptz(${Y}, 1 + p.id % 12, 1, 0, 0, 0, 'UTC')
       FROM pegawai p
       CROSS JOIN LATERAL (SELECT (ARRAY['konsep','terkirim','terkirim','diterima','diterima','diterima','ditolak'])[1 + (p.id / 3) % 7] AS st) s
       WHERE p.id % 3 = 0`,
      [b!.id, b!.id],
    );
    await q(
      trx,
      `INSERT INTO riwayat_status (rekomendasi_id, aksi, dari, ke, oleh, waktu)
       SELECT id, 'buat', NULL, 'konsep', pegawai_id, created_at FROM rekomendasi
       UNION ALL SELECT id, 'kirim', 'konsep', 'terkirim', pegawai_id, dikirim_at FROM rekomendasi WHERE status <> 'konsep'
       UNION ALL SELECT id, CASE status WHEN 'diterima' THEN 'terima' ELSE 'tolak' END, 'terkirim', status, diputuskan_oleh, diputuskan_at
                 FROM rekomendasi WHERE status IN ('diterima','ditolak')`,
    );
    await trx('nomor_surat_urut').insert({ tahun: Y, terakhir: PEGAWAI });
    // The worker's daily jobs (digest to atasan, report reminders) have run this morning, as they would
    // have at 07:00 WIB: the scenarios measure requests, not a once-a-day batch that happens to start with the app.
    await trx('pengaturan').insert(
      ['worker.digest_terakhir', 'worker.pengingat_laporan_terakhir'].map((kunci) => ({ kunci, nilai: hariIni })),
    );
  });
  await q(knex, 'ANALYZE');

  const counts: Record<string, number> = {};
  for (const t of ['instansi', 'pegawai', 'pengajuan', 'rincian', 'riwayat_status', 'laporan', 'rekomendasi', 'periode']) {
    const [r] = await knex(t).count<{ n: string }[]>('* as n');
    counts[t] = Number(r!.n);
  }
  return counts;
}

/** A fresh database: a new one on the server of adminUrl, or an embedded one in a temp dir. */
export async function generate(adminUrl: string | undefined, now: Date): Promise<Dataset> {
  const started = Date.now();
  const tahun = tahunWIB(now);
  if (adminUrl) {
    const name = `bangkom_bench_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
    await admin.raw(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const db = await openDatabase({ url: u.toString() });
    const drop = async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    };
    try {
      await prepareDatabase(db.knex, { demo: false, now });
      const counts = await load(db.knex, now);
      return { kind: 'postgres', url: u.toString(), tahun, counts, ms: Date.now() - started, drop };
    } catch (e) {
      await db.close();
      await drop();
      throw e;
    } finally {
      await db.close().catch(() => {});
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-bench-'));
  const drop = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  let db: Database | undefined;
  try {
    db = await openDatabase({ dataDir });
    await prepareDatabase(db.knex, { demo: false, now });
    const counts = await load(db.knex, now);
    return { kind: 'pglite', dataDir, tahun, counts, ms: Date.now() - started, drop };
  } catch (e) {
    await db?.close();
    await drop();
    throw e;
  } finally {
    await db?.close();
  }
}
