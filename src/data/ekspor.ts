import type { Knex } from 'knex';
import { byteaById } from '../db/index';
import type { JenisEkspor } from '../domain/ekspor';
import type { Tabel } from './tabel';

// The exports kept ready (table `ekspor`, migration 20261203_001): one row per file, year and unit
// (instansi_id 0: the province), with the data version it was built from and a build's claim.

export interface KunciEkspor {
  jenis: JenisEkspor;
  tahun: number;
  instansi_id: number;
}

/** A stored build, without its bytes. */
export type EksporRow = Pick<Tabel['ekspor'], 'id' | 'jenis'> & { versi: string; nama: string; tipe: string; etag: string };

export interface EksporBaru {
  versi: string;
  nama: string;
  tipe: string;
  etag: string;
  isi: Buffer;
  dibuat_at: Date;
}

/**
 * The version of the data behind a rekap (as `findVersiRekap`: the sum of `versi_rekap`, and
 * whether the year is closed) and the stored build of one export, in one read.
 */
export async function findEkspor(db: Knex, k: KunciEkspor): Promise<{ versi: string; tutup: boolean; berkas: EksporRow | undefined }> {
  const r = await db.raw<{
    rows: {
      versi: string | null;
      tutup: boolean;
      id: number | null;
      versi_berkas: string | null;
      nama: string | null;
      tipe: string | null;
      etag: string | null;
    }[];
  }>(
    `SELECT (SELECT sum(nilai) FROM versi_rekap)::text AS versi,
            EXISTS (SELECT 1 FROM tahun_tutup WHERE tahun = ?) AS tutup,
            e.id, e.versi::text AS versi_berkas, e.nama, e.tipe, e.etag
       FROM (SELECT 1) satu
       LEFT JOIN ekspor e ON e.jenis = ? AND e.tahun = ? AND e.instansi_id = ? AND e.versi IS NOT NULL`,
    [k.tahun, k.jenis, k.tahun, k.instansi_id],
  );
  const row = r.rows[0];
  const berkas =
    row && row.id !== null && row.versi_berkas !== null && row.etag !== null
      ? { id: row.id, jenis: k.jenis, versi: row.versi_berkas, nama: row.nama ?? '', tipe: row.tipe ?? '', etag: row.etag }
      : undefined;
  return { versi: row?.versi ?? '0', tutup: row?.tutup ?? false, berkas };
}

/** The bytes of a stored build. */
export async function findIsiEkspor(db: Knex, id: number): Promise<Buffer | undefined> {
  return byteaById(db, 'ekspor', 'isi', id);
}

/**
 * Claims the build of an export at `versi` until `sampai`: only when no build of that version or a
 * newer one is stored, and nobody holds a live claim for that version or a newer one. With
 * `dibuatSebelum` (the background worker), only when the stored build is older than that moment.
 * Returns whether this caller holds the claim.
 */
export async function claimEkspor(
  db: Knex,
  k: KunciEkspor,
  versi: string,
  now: Date,
  sampai: Date,
  dibuatSebelum: Date | null = null,
): Promise<boolean> {
  const r = await db.raw<{ rows: { id: number }[] }>(
    `INSERT INTO ekspor (jenis, tahun, instansi_id, dikunci_versi, dikunci_sampai) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (jenis, tahun, instansi_id) DO UPDATE
        SET dikunci_versi = EXCLUDED.dikunci_versi, dikunci_sampai = EXCLUDED.dikunci_sampai
      WHERE (ekspor.versi IS NULL OR ekspor.versi < EXCLUDED.dikunci_versi)
        AND (ekspor.dikunci_sampai IS NULL OR ekspor.dikunci_sampai <= ? OR ekspor.dikunci_versi < EXCLUDED.dikunci_versi)
        AND (?::timestamptz IS NULL OR ekspor.dibuat_at IS NULL OR ekspor.dibuat_at <= ?::timestamptz)
     RETURNING id`,
    [k.jenis, k.tahun, k.instansi_id, versi, sampai, now, dibuatSebelum, dibuatSebelum],
  );
  return r.rows.length > 0;
}

/** Stores a build unless one of a newer version is already there; returns whether it was stored. */
export async function updateEkspor(db: Knex, k: KunciEkspor, b: EksporBaru): Promise<boolean> {
  const n = await db('ekspor')
    .where(k)
    .where((q) => q.whereNull('versi').orWhere('versi', '<', b.versi))
    .update(b);
  return n > 0;
}

/** Gives up the claim of `versi` (after the build, or when it failed); a newer claim stays. */
export async function releaseEkspor(db: Knex, k: KunciEkspor, versi: string): Promise<void> {
  await db('ekspor').where(k).where('dikunci_versi', versi).update({ dikunci_versi: null, dikunci_sampai: null });
}
