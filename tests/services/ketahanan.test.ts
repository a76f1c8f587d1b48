import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Klien } from '../helpers/http';
import { startApp, type Running } from '../e2e/harness';
import { NIP, templateDump } from '../helpers/app';

// Durability of the embedded database: kill the process with SIGKILL in the middle of a burst of
// writes, start it again on the same data directory, and find every write that was answered 303.
const EMBEDDED = !process.env.DATABASE_URL;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-kill-'));
let app: Running | undefined;
afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rencana(tahun: string, materi: string): Record<string, string> {
  const body: Record<string, string> = {
    tahun,
    jalur: 'klasikal',
    jenis_jabatan: 'ahli-pertama',
    email: 'andi@example.go.id',
    penilaian_kinerja: '80',
    persetujuan: '1',
    'pelatihan[0][bentuk]': 'seminar',
    'pelatihan[0][jp]': '4',
    'pelatihan[0][tanggal]': `${tahun}-05-05`,
    'pelatihan[0][materi]': materi,
    'pelatihan[0][anggaran]': '0',
    'pelatihan[0][lembaga]': 'LAN',
    'pelatihan[0][sumber_dana]': 'apbd',
    'pelatihan[0][alasan]': 'Uji ketahanan',
  };
  for (const k of ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01']) body[`skj[${k}]`] = '1';
  return body;
}

describe.runIf(EMBEDDED)('the embedded database under SIGKILL', () => {
  it('keeps every write that was answered 303 and opens cleanly afterwards', async () => {
    app = await startApp({}, { dataDir: dir, template: await templateDump() });
    const andi = await new Klien(app.base).login(NIP.andi);
    const baru = await (await andi.get('/pengajuan/baru')).text();
    const tahun = /\/pengajuan\/baru\/klasikal\?tahun=(\d{4})/.exec(baru)![1]!;

    const berhasil: string[] = [];
    const lain: number[] = [];
    let i = 0;
    let mati = false;
    const pekerja = async () => {
      while (!mati && i < 400) {
        const materi = `Ketahanan ${++i}`;
        try {
          const res = await andi.post('/pengajuan', rencana(tahun, materi));
          if (res.status === 303) berhasil.push(materi);
          else lain.push(res.status);
        } catch {
          return; // the process is gone
        }
      }
    };
    const burst = Promise.all([pekerja(), pekerja(), pekerja(), pekerja()]);
    const batas = Date.now() + 60_000;
    while (berhasil.length < 15 && Date.now() < batas && lain.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(lain, 'every write of the burst is accepted before the kill').toEqual([]);
    expect(berhasil.length).toBeGreaterThanOrEqual(15);
    app.proc.kill('SIGKILL');
    mati = true;
    await burst;
    await app.exited;

    app = await startApp({}, { dataDir: dir });
    const lagi = await new Klien(app.base).login(NIP.andi);
    expect((await lagi.get('/healthz')).status).toBe(200);
    const list = await (await lagi.get(`/pengajuan?tahun=${tahun}&q=Ketahanan`)).text();
    const total = Number(/dari (\d+) data/.exec(list)![1]);
    expect(total).toBeGreaterThanOrEqual(berhasil.length);
    for (const materi of berhasil.slice(-10)) {
      const cari = await (await lagi.get(`/pengajuan?tahun=${tahun}&q=${encodeURIComponent(materi + '')}`)).text();
      expect(cari, materi).toContain(materi);
    }
    console.log(`durability: ${berhasil.length} writes answered 303 before SIGKILL; ${total} found after restart`);
  }, 240_000);
});
