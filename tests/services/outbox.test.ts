import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BCRYPT_COST_UJI, freshDatabase, templateDump, idPegawai, TestClock, testConfig } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { openDatabase, type Database } from '../../src/db/index';
import { prepareDatabase } from '../../src/db/setup';
import { kirimNotifikasi } from '../../src/services/notifikasi/kirim';
import { createVerifikasiService } from '../../src/services/verifikasi';
import { startWorker } from '../../src/jobs';
import { jedaCobaLagi, MAKS_PERCOBAAN, prosesOutbox } from '../../src/jobs/outbox';
import { sekaliSehari } from '../../src/jobs/harian';
import type { Pengirim, PesanEmail } from '../../src/mailer';

const sepi = pino({ level: 'silent' });
let db: Database & { url?: string };
const clock = new TestClock(new Date('2026-11-28T03:00:00Z'));

beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

/** A fake SMTP server: fails the first `gagal` sends, then accepts. */
function palsu(gagal = 0): Pengirim & { terkirim: PesanEmail[]; percobaan: number } {
  const p = {
    siap: true,
    terkirim: [] as PesanEmail[],
    percobaan: 0,
    async kirim(m: PesanEmail) {
      p.percobaan++;
      if (p.percobaan <= gagal) throw new Error('421 server sibuk');
      p.terkirim.push(m);
    },
  };
  return p;
}

async function surat(kepada: string) {
  const [row] = await db
    .knex('email_outbox')
    .insert({ kepada, subjek: `Uji ${kepada}`, isi: 'Isi', created_at: clock.now(), coba_lagi_at: clock.now() })
    .returning('id');
  return String(row!.id);
}
const baris = (id: string) => db.knex('email_outbox').where({ id }).first();

describe('outbox', () => {
  it('retries a failed send later with back-off and delivers it', async () => {
    const id = await surat('ulang@example.go.id');
    const smtp = palsu(2);
    const deps = { db: db.knex, clock };

    expect(await prosesOutbox(deps, smtp, sepi)).toEqual({ terkirim: 0, gagal: 1 });
    let r = await baris(id);
    expect(r).toMatchObject({ status: 'menunggu', percobaan: 1, error_terakhir: '421 server sibuk', dikunci_sampai: null });
    expect(new Date(r!.coba_lagi_at).getTime()).toBe(clock.now().getTime() + 60_000);

    // not due yet: nothing happens
    expect(await prosesOutbox(deps, smtp, sepi)).toEqual({ terkirim: 0, gagal: 0 });

    clock.tambahMenit(1);
    expect(await prosesOutbox(deps, smtp, sepi)).toEqual({ terkirim: 0, gagal: 1 });
    r = await baris(id);
    expect(new Date(r!.coba_lagi_at).getTime()).toBe(clock.now().getTime() + 120_000);

    clock.tambahMenit(2);
    expect(await prosesOutbox(deps, smtp, sepi)).toEqual({ terkirim: 1, gagal: 0 });
    r = await baris(id);
    expect(r!.status).toBe('terkirim');
    expect(r!.terkirim_at).not.toBeNull();
    expect(smtp.terkirim.map((m) => m.kepada)).toEqual(['ulang@example.go.id']);

    // sent once only
    clock.tambahMenit(60);
    await prosesOutbox(deps, smtp, sepi);
    expect(smtp.terkirim).toHaveLength(1);
  });

  it('gives up after ~8 attempts, marking the row gagal (still kept)', async () => {
    const id = await surat('rusak@example.go.id');
    const smtp = palsu(1000);
    for (let i = 0; i < MAKS_PERCOBAAN + 2; i++) {
      await prosesOutbox({ db: db.knex, clock }, smtp, sepi);
      clock.tambahMenit(7 * 60);
    }
    const r = await baris(id);
    expect(r).toMatchObject({ status: 'gagal', percobaan: MAKS_PERCOBAAN });
    expect(jedaCobaLagi(1)).toBe(60_000);
    expect(jedaCobaLagi(3)).toBe(240_000);
    expect(jedaCobaLagi(20)).toBe(6 * 3600_000);
  });

  it('without SMTP leaves every row waiting', async () => {
    const id = await surat('tanpa-smtp@example.go.id');
    const logOnly: Pengirim = { siap: false, kirim: async () => {} };
    await prosesOutbox({ db: db.knex, clock }, logOnly, sepi);
    expect(await baris(id)).toMatchObject({ status: 'menunggu', percobaan: 0 });
    await db.knex('email_outbox').where({ id }).update({ status: 'terkirim' }); // out of the way of later tests
  });

  it('hands each row to exactly one of several concurrent workers', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => surat(`banyak${i}@example.go.id`)));
    const smtp = palsu();
    await Promise.all([1, 2, 3].map(() => prosesOutbox({ db: db.knex, clock }, smtp, sepi)));
    await Promise.all([1, 2, 3].map(() => prosesOutbox({ db: db.knex, clock }, smtp, sepi)));
    const kepada = smtp.terkirim.map((m) => m.kepada);
    expect(new Set(kepada).size).toBe(kepada.length);
    expect(kepada.filter((k) => k.startsWith('banyak'))).toHaveLength(30);
    const rows = await db.knex('email_outbox').whereIn('id', ids).select('status');
    expect(rows.every((r) => r.status === 'terkirim')).toBe(true);
  });

  it('loses nothing when the process dies between the change and the send', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-outbox-'));
    const buka = async () =>
      db.url
        ? { ...(await openDatabase({ url: db.url })), close: async () => {} }
        : openDatabase({ dataDir: dir, loadDataDir: await templateDump() });
    const tutup = async (d: Database) => {
      await d.close();
      if (db.url) await d.knex.destroy();
    };
    let d = await buka();
    try {
      await prepareDatabase(d.knex, { demo: true, now: clock.now(), bcryptCost: BCRYPT_COST_UJI });
      const sari = await idPegawai(d.knex, '198105102006042003');
      const rid = await buatRincian(d.knex, { nip: '199203142019031002', tahun: 2027, status: 'dikirim', materi: 'Sebelum mati' });
      const svc = createVerifikasiService({ db: d.knex, clock, config: testConfig() });
      await svc.putuskan({ id: sari, peran: 'pegawai' }, rid, { keputusan: 'terima', alasan: 'Oke' });
      // a worker claimed the mail and the process died before sending it
      await d
        .knex('email_outbox')
        .where('isi', 'like', '%Sebelum mati%')
        .update({ dikunci_sampai: new Date(clock.now().getTime() + 60_000) });
      await tutup(d);

      d = await buka();
      const row = await d.knex('email_outbox').where('isi', 'like', '%Sebelum mati%').first();
      expect(row).toMatchObject({ status: 'menunggu', kepada: 'andi@bangkom.example.go.id' });
      expect((await d.knex('rincian').where({ id: rid }).first())!.status).toBe('diterima');

      const smtp = palsu();
      await prosesOutbox({ db: d.knex, clock }, smtp, sepi);
      expect(smtp.terkirim.some((m) => m.isi.includes('Sebelum mati'))).toBe(false); // still leased
      clock.tambahMenit(2); // the lease runs out
      await prosesOutbox({ db: d.knex, clock }, smtp, sepi);
      expect(smtp.terkirim.filter((m) => m.isi.includes('Sebelum mati'))).toHaveLength(1);
      expect((await d.knex('email_outbox').where({ id: row!.id }).first())!.status).toBe('terkirim');
    } finally {
      await tutup(d);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing to the outbox when the change is rolled back', async () => {
    const andi = await idPegawai(db.knex, '199203142019031002');
    const sebelum = (await db.knex('email_outbox').count<{ n: string }>('* as n').first())!.n;
    await expect(
      db.knex.transaction(async (trx) => {
        await kirimNotifikasi(trx, { pegawaiId: andi, judul: 'Batal', pesan: 'x' }, clock.now(), 'http://localhost');
        throw new Error('gagal di tengah');
      }),
    ).rejects.toThrow();
    const sesudah = (await db.knex('email_outbox').count<{ n: string }>('* as n').first())!.n;
    expect(sesudah).toBe(sebelum);
  });
});

describe('daily digest', () => {
  it('notifies each atasan with items waiting over 14 days, once a day', async () => {
    const sari = await idPegawai(db.knex, '198105102006042003');
    const rudi = await idPegawai(db.knex, '198811252012011001');
    const hendra = await idPegawai(db.knex, '197912122005011002');
    const deps = { db: db.knex, clock, config: testConfig() };
    const now = new Date('2026-11-29T01:00:00Z');
    let jalan = 0;
    const tugas = async () => {
      jalan++;
      await createVerifikasiService({ ...deps, clock: new TestClock(now) }).kirimRingkasanTerlambat();
    };
    expect(await sekaliSehari(db.knex, 'worker.digest_terakhir', now, tugas)).toBe(true);
    expect(await sekaliSehari(db.knex, 'worker.digest_terakhir', now, tugas)).toBe(false);
    expect(jalan).toBe(1);
    const ke = await db.knex('notifikasi').where({ judul: 'Pengajuan bawahan menunggu verifikasi' }).select('pegawai_id', 'pesan');
    expect(ke.map((r) => r.pegawai_id).sort()).toEqual([sari, rudi].sort());
    expect(ke.find((r) => r.pegawai_id === sari)!.pesan).toMatch(/3 pengajuan menunggu verifikasi lebih dari 14 hari/);
    expect(ke.some((r) => r.pegawai_id === hendra)).toBe(false);
    expect(await db.knex('email_outbox').where({ subjek: '[Bangkom] Pengajuan bawahan menunggu verifikasi' })).toHaveLength(2);
    // the next day it runs again
    expect(await sekaliSehari(db.knex, 'worker.digest_terakhir', new Date('2026-11-30T01:00:00Z'), async () => {})).toBe(true);
  });

  it('puts the date back when the job fails, so it is tried again', async () => {
    const now = new Date('2026-12-05T01:00:00Z');
    await expect(
      sekaliSehari(db.knex, 'uji.gagal', now, async () => {
        throw new Error('x');
      }),
    ).rejects.toThrow();
    expect(await sekaliSehari(db.knex, 'uji.gagal', now, async () => {})).toBe(true);
  });
});

describe('startWorker', () => {
  it('delivers on its own and stops cleanly', async () => {
    const id = await surat('pekerja@example.go.id');
    const smtp = palsu();
    const w = startWorker({ db: db.knex, clock, config: testConfig() }, sepi, { pengirim: smtp, intervalMs: 50 });
    await w.tick();
    await w.stop();
    expect((await baris(id))!.status).toBe('terkirim');
  });
});
