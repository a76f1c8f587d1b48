import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { freshDatabase, buildApp, TestClock } from '../helpers/app';
import { migrateLatest, migrateRollbackAll, type Database } from '../../src/db/index';
import { seedMaster } from '../../seeds/master';
import { seedDemo } from '../../seeds/demo';
import { isTerbuka } from '../../src/domain/periode';
import { migrationSource } from '../../migrations/index';
import { FILE_TABEL, tulisTabel } from '../../scripts/tabel';

let db: Database;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

async function tabel(): Promise<string[]> {
  const r = await db.knex.raw("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'knex_%' ORDER BY 1");
  return (r.rows as { tablename: string }[]).map((x) => x.tablename);
}

describe('migrations', () => {
  it('go down to nothing and up again to the same schema, and the master lists reseed', async () => {
    const before = await tabel();
    expect(before).toEqual(expect.arrayContaining(['pegawai', 'rincian', 'riwayat_status', 'rekomendasi', 'sessions', 'email_outbox']));
    await migrateRollbackAll(db.knex);
    expect(await tabel()).toEqual([]);
    await migrateLatest(db.knex);
    expect(await tabel()).toEqual(before);
    await seedMaster(db.knex);
    await seedMaster(db.knex); // idempotent
    const [n] = await db.knex('bentuk_pengembangan').count<{ n: string }[]>('* as n');
    expect(Number(n!.n)).toBeGreaterThan(20);
  });

  it('seeds a demo with a year open to plan, whatever the date (here 1 December, after next year’s deadline)', async () => {
    const satuDesember = new Date('2026-12-01T03:00:00Z');
    expect(await seedDemo(db.knex, satuDesember, 4)).toBe(true);
    const periode = await db.knex('periode').orderBy('tahun').select('tahun', 'batas_pengajuan');
    const terbuka = periode.filter((p) => isTerbuka({ tahun: p.tahun, batas_pengajuan: tanggalDari(p.batas_pengajuan) }, satuDesember));
    expect(terbuka.map((p) => p.tahun)).toEqual([2028]);
  });

  it('has the table types of src/data/tabel.ts up to date with the schema (npm run tabel)', async () => {
    expect(await tulisTabel(db.knex)).toBe(fs.readFileSync(FILE_TABEL, 'utf8'));
  });

  it('lists every dated migration file in the source the app and the Knex CLI use', async () => {
    const files = fs
      .readdirSync('migrations')
      .filter((f) => /^\d{8}.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    const listed = (await migrationSource.getMigrations([])).map((m) => migrationSource.getMigrationName(m));
    expect(listed).toEqual(files.sort());
  });

  it('enforces the rules in the database too', async () => {
    await expect(
      db.knex.raw(
        "INSERT INTO instansi (kode, nama) VALUES ('x', 'X'); INSERT INTO pegawai (nip, nama, instansi_id, password_hash) VALUES ('12345', 'Salah', (SELECT id FROM instansi WHERE kode = 'x'), 'h')",
      ),
    ).rejects.toThrow();
    await expect(db.knex.raw("INSERT INTO periode (tahun, batas_pengajuan) VALUES (1999, '1998-11-30')")).rejects.toThrow();
  });

  it('answers /healthz 503 when the database is gone', async () => {
    const other = await freshDatabase();
    const app = buildApp(other, new TestClock()).app;
    expect((await request(app).get('/healthz')).status).toBe(200);
    await other.close();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error' });
  });
});

/** A date column as 'YYYY-MM-DD' whichever way the driver returns it. */
function tanggalDari(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 10) : new Date(v as Date).toISOString().slice(0, 10);
}
