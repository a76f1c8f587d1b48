import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index';
import { findBerkas, insertBerkas } from '../../src/data/berkas';
import { freshDatabase, idPegawai, NIP, templateDump, WAKTU_UJI } from '../helpers/app';

// Uploaded files live in the database. A 5 MB PDF once took 3–6 s to store on the embedded
// database, and every other request waited behind it: PGlite turned the bytea into hex text one
// string per byte. The embedded database runs here on disk, as the server runs it in DATA_DIR.
const EMBEDDED = !process.env.DATABASE_URL;
const MB5 = 5 * 1024 * 1024; // the largest upload allowed
const waktu = new Date(WAKTU_UJI);

const dir = EMBEDDED ? fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-berkas-')) : null;
let db: Database;
let oleh: number;

beforeAll(async () => {
  db = dir ? await openDatabase({ dataDir: dir, loadDataDir: await templateDump() }) : await freshDatabase();
  oleh = await idPegawai(db.knex, NIP.andi);
});
afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function pdf(ukuran: number): Buffer {
  const awal = Buffer.from('%PDF-1.4\n');
  const akhir = Buffer.from('\n%%EOF\n');
  return Buffer.concat([awal, crypto.randomBytes(ukuran - awal.length - akhir.length), akhir]);
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Runs `kerja`; 20 ms in, another request sends a trivial query: how long each took, in ms. */
async function sambilDitanya<T>(kerja: () => Promise<T>): Promise<{ hasil: T; lama: number; tunggu: number }> {
  const mulai = performance.now();
  const tanya = new Promise<number>((resolve, reject) => {
    setTimeout(() => {
      // counted from when it was due: a blocked process runs the timer late
      db.knex
        .raw('select 1')
        .then(() => resolve(performance.now() - mulai - 20))
        .catch(reject);
    }, 20);
  });
  const hasil = await kerja();
  const lama = performance.now() - mulai;
  return { hasil, lama, tunggu: await tanya };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it('keeps files byte for byte, from an empty one to 5 MB, in a transaction or not', async () => {
  for (const isi of [Buffer.alloc(0), pdf(100), pdf(MB5)]) {
    const id = await db.knex.transaction((trx) => insertBerkas(trx, { nama: 'usulan.pdf', tipe: 'application/pdf', isi }, oleh, waktu));
    const b = await findBerkas(db.knex, id);
    expect(b).toMatchObject({ id, nama: 'usulan.pdf', tipe: 'application/pdf', ukuran: isi.length, sha256: sha256(isi) });
    expect(b!.isi.equals(isi)).toBe(true);
  }
  const id = await insertBerkas(db.knex, { nama: 'panggilan.pdf', tipe: 'application/pdf', isi: pdf(1000) }, oleh, waktu);
  expect((await findBerkas(db.knex, id))?.nama).toBe('panggilan.pdf');
  expect(await findBerkas(db.knex, id + 1000)).toBeUndefined();
});

it('stores and reads a 5 MB file in well under a second, and other requests are not held behind it', async () => {
  const simpan: number[] = [];
  const tungguSimpan: number[] = [];
  const tungguBaca: number[] = [];
  for (let i = 0; i < 3; i++) {
    const isi = pdf(MB5);
    const s = await sambilDitanya(() => insertBerkas(db.knex, { nama: 'besar.pdf', tipe: 'application/pdf', isi }, oleh, waktu));
    const b = await sambilDitanya(() => findBerkas(db.knex, s.hasil));
    expect(b.hasil!.isi.equals(isi)).toBe(true);
    simpan.push(s.lama);
    tungguSimpan.push(s.tunggu);
    tungguBaca.push(b.tunggu);
  }
  const ukur = { simpan, tungguSimpan, tungguBaca }; // shown when an assertion fails
  // Before the fix: ~2.8 s a store here, and the other query waited as long. After: 0.05–0.1 s on an
  // idle 2-core machine, up to ~0.3 s beside a full test run or under faketime, most of it PostgreSQL
  // writing 5 MB. The median keeps one slow moment of a busy machine from deciding.
  expect(Math.max(...simpan), JSON.stringify(ukur)).toBeLessThan(1000);
  expect(median(tungguSimpan), JSON.stringify(ukur)).toBeLessThan(500);
  expect(median(tungguBaca), JSON.stringify(ukur)).toBeLessThan(500);
});
