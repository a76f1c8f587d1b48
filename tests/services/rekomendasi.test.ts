import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idPegawai, NIP, type TestApp } from '../helpers/app';
import type { Pengguna } from '../../src/data/pegawai';
import { AppError } from '../../src/errors';
import { rekomendasiSchema } from '../../src/routes/rekomendasi/schemas';

let t: TestApp;
let hendra: Pengguna;
let maya: Pengguna;
let andi: Pengguna;

const pdf = (n: string) => ({ nama: `${n}.pdf`, tipe: 'application/pdf', isi: Buffer.from(`%PDF-1.4\n${n}\n%%EOF`) });
const isian = (nama: string) => ({
  jalur: 'klasikal',
  nama_pelatihan: nama,
  jenis_pelatihan: 'Pelatihan teknis',
  lembaga: 'LAN RI',
  tanggal_mulai: '2027-03-01',
  tanggal_selesai: '2027-03-03',
  biaya: '1.000.000',
  sumber_biaya: 'bkpsdm',
  rincian_id: '',
  pernyataan: '1',
  aksi: 'kirim',
});

async function terkirim(nama: string): Promise<number> {
  const { id } = await t.services.rekomendasi.buat(andi, rekomendasiSchema.parse(isian(nama)), {
    surat_usulan: pdf('u'),
    surat_pemanggilan: pdf('p'),
    errors: {},
  });
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T03:00:00Z' });
  const load = async (nip: string) => (await t.services.akun.pengguna(await idPegawai(t.knex, nip)))!;
  hendra = await load(NIP.hendra);
  maya = await load(NIP.maya);
  andi = await load(NIP.andi);
});
afterAll(() => t.close());

describe('letter numbers', () => {
  it('10 concurrent decisions get 10 different, consecutive numbers of the year', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await terkirim(`Pelatihan serentak ${i}`));
    const hasil = await Promise.all(
      ids.map((id, i) =>
        t.services.rekomendasi.putuskan(i % 2 ? hendra : maya, id, { keputusan: i % 3 ? 'terima' : 'tolak', alasan: `Alasan ${i}` }),
      ),
    );
    const nomor = hasil.map((h) => h.nomor);
    expect(new Set(nomor).size).toBe(10);
    const urut = nomor.map((n) => Number(/^800\/(\d{4})\/BKPSDMD\/2026$/.exec(n)![1])).sort((a, b) => a - b);
    expect(urut).toEqual(Array.from({ length: 10 }, (_, i) => urut[0]! + i));
    const rows = await t.knex('rekomendasi').whereIn('id', ids).select('nomor_surat', 'status');
    expect(new Set(rows.map((r) => r.nomor_surat)).size).toBe(10);
    expect(rows.every((r) => r.status === 'diterima' || r.status === 'ditolak')).toBe(true);
    expect((await t.knex('nomor_surat_urut').where({ tahun: 2026 }).first())!.terakhir).toBe(urut[9]);
  });

  it('two concurrent decisions on one request: one wins, the other gets 409 and uses no number', async () => {
    const id = await terkirim('Pelatihan rebutan');
    const sebelum = (await t.knex('nomor_surat_urut').where({ tahun: 2026 }).first())!.terakhir as number;
    const hasil = await Promise.allSettled([
      t.services.rekomendasi.putuskan(hendra, id, { keputusan: 'terima', alasan: 'Ya' }),
      t.services.rekomendasi.putuskan(maya, id, { keputusan: 'tolak', alasan: 'Tidak' }),
    ]);
    const menang = hasil.filter((h) => h.status === 'fulfilled');
    const kalah = hasil.filter((h): h is PromiseRejectedResult => h.status === 'rejected');
    expect(menang).toHaveLength(1);
    expect(kalah).toHaveLength(1);
    expect((kalah[0]!.reason as AppError).status).toBe(409);
    expect((await t.knex('nomor_surat_urut').where({ tahun: 2026 }).first())!.terakhir).toBe(sebelum + 1);
    const riwayat = await t.knex('riwayat_status').where({ rekomendasi_id: id }).select('aksi');
    const aksi = riwayat.map((r) => r.aksi as string);
    expect(aksi).toHaveLength(3);
    expect(aksi.filter((a) => a === 'terima' || a === 'tolak')).toHaveLength(1);
  });

  it('starts again at 0001 in a new year and follows the configured pattern', async () => {
    await t.knex('pengaturan').where({ kunci: 'surat.pola_nomor' }).update({ nilai: 'B-{nomor}/BKPSDMD/800/{tahun}' });
    t.clock.set('2027-01-02T01:00:00Z');
    const id = await terkirim('Pelatihan tahun baru');
    const { nomor } = await t.services.rekomendasi.putuskan(hendra, id, { keputusan: 'terima', alasan: 'Ya' });
    expect(nomor).toBe('B-0001/BKPSDMD/800/2027');
    t.clock.set('2026-11-28T03:00:00Z');
  });

  it('only BKPSDM and admin decide', async () => {
    const id = await terkirim('Pelatihan bukan wewenang');
    await expect(t.services.rekomendasi.putuskan(andi, id, { keputusan: 'terima', alasan: 'x' })).rejects.toMatchObject({ status: 403 });
  });
});
