import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, NIP } from '../helpers/app';
import { buatRincian } from '../helpers/data';
import { Klien } from '../helpers/http';
import { startApp, type Running } from '../e2e/harness';
import type { Database } from '../../src/db/index';

// Scale-out on a PostgreSQL server: two app processes on one database.
const SERVER = !!process.env.DATABASE_URL;

let db: Database & { url?: string };
let a: Running;
let b: Running;
let smtp: net.Server;
let diterimaSmtp = 0;

/** Just enough SMTP to count the messages the workers deliver. */
function fakeSmtp(): Promise<number> {
  smtp = net.createServer((sock) => {
    sock.write('220 uji ESMTP\r\n');
    let data = false;
    let buf = '';
    sock.on('data', (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line === '.') {
            data = false;
            diterimaSmtp++;
            sock.write('250 OK\r\n');
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250 uji\r\n');
        else if (cmd === 'DATA') {
          data = true;
          sock.write('354 lanjut\r\n');
        } else if (cmd === 'QUIT') {
          sock.write('221 selesai\r\n');
          sock.end();
        } else sock.write('250 OK\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) => smtp.listen(0, '127.0.0.1', () => resolve((smtp.address() as net.AddressInfo).port)));
}

describe.runIf(SERVER)('two app processes on one PostgreSQL database', () => {
  beforeAll(async () => {
    db = await freshDatabase();
    await db.knex('email_outbox').del();
    const port = await fakeSmtp();
    const env = {
      DATABASE_URL: db.url!,
      SESSION_SECRET: 'rahasia-bersama-yang-panjang',
      DEMO_DATA: '0',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
    };
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    smtp?.close();
    await db?.close();
  });

  it('shares the session: a login on one process is valid on the other', async () => {
    const andiA = await new Klien(a.base).login(NIP.andi);
    const res = await andiA.di(b.base).get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Andi Pratama');
  });

  it('moves each item exactly once under 50 concurrent kirim and 50 concurrent decisions spread over both', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await buatRincian(db.knex, { nip: NIP.andi, tahun: 2027, materi: `Skala ${i}` }));
    const andi = await new Klien(a.base).login(NIP.andi);
    const kirim = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? andi : andi.di(b.base)).post(`/pengajuan/${ids[i % 10]}/kirim`)),
    );
    const kode = kirim.map((r) => r.status);
    expect(kode.filter((s) => s === 303)).toHaveLength(10);
    expect(kode.filter((s) => s === 409)).toHaveLength(40);

    const sari = await new Klien(b.base).login(NIP.sari);
    const putus = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? sari : sari.di(a.base)).post(`/verifikasi/${ids[i % 10]}`, {
          keputusan: i % 3 ? 'terima' : 'tolak',
          alasan: 'Uji serentak',
        }),
      ),
    );
    expect(putus.filter((r) => r.status === 303)).toHaveLength(10);
    expect(putus.filter((r) => r.status === 409)).toHaveLength(40);

    const rows = await db.knex('rincian').whereIn('id', ids);
    expect(rows.every((r) => r.status === 'diterima' || r.status === 'ditolak')).toBe(true);
    const hist = await db.knex('riwayat_status').whereIn('rincian_id', ids).whereNot('aksi', 'buat').select('rincian_id', 'aksi');
    for (const id of ids) {
      expect(
        hist.filter((h) => h.rincian_id === id && h.aksi === 'kirim'),
        `kirim ${id}`,
      ).toHaveLength(1);
      expect(
        hist.filter((h) => h.rincian_id === id && h.aksi !== 'kirim'),
        `keputusan ${id}`,
      ).toHaveLength(1);
    }
  }, 120_000);

  it('delivers each outbox e-mail exactly once with both workers running', async () => {
    const hitung = async (status?: string) => {
      const q = db.knex('email_outbox');
      if (status) q.where('status', status);
      const [r] = await q.count<{ n: string }[]>('* as n');
      return Number(r!.n);
    };
    expect(await hitung()).toBeGreaterThanOrEqual(20); // 10 sent to Sari, 10 decisions to Andi
    // the workers may add their daily digest meanwhile: wait until everything written is delivered
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (await hitung('terkirim')) < (await hitung())) await new Promise((r) => setTimeout(r, 1000));
    await new Promise((r) => setTimeout(r, 2000));
    const total = await hitung();
    expect(await hitung('terkirim')).toBe(total);
    expect(diterimaSmtp).toBe(total);
  }, 120_000);
});
