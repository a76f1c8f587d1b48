import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, masuk, NIP, type Agent, type TestApp, unggahCsv as unggah } from '../helpers/app';
import { isNipValid, periksaNip, PESAN_NIP } from '../../src/domain/nip';
import { parseCsv } from '../../src/domain/csv';
import { HEADER_CSV as HEADER, nipKe } from '../helpers/data';

// The employee CSV import against the files Excel really produces: rounded NIPs, unquoted commas,
// extra columns and line breaks inside a cell.

let t: TestApp;
let maya: Agent;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-28T05:00:00Z' });
  maya = await masuk(t.app, NIP.maya);
});
afterAll(() => t.close());

/** The report rows of the page: line number → the text of the row's cells. */
function barisLaporan(html: string): Map<number, string> {
  const hasil = new Map<number, string>();
  for (const m of html.matchAll(/<tr[^>]*>\s*<td data-label="Baris">(\d+)<\/td>([\s\S]*?)<\/tr>/g)) hasil.set(Number(m[1]), m[2]!);
  return hasil;
}

const jumlahPegawai = async () => Number((await t.knex('pegawai').count<{ n: string }>('* as n').first())!.n);

describe('NIP structure', () => {
  it('accepts the demo NIPs and the generated ones', () => {
    for (const nip of Object.values(NIP)) expect(periksaNip(nip, 2026), nip).toBeNull();
    for (const n of [0, 100, 6999]) expect(isNipValid(nipKe(n), 2026)).toBe(true);
  });

  it.each([
    ['199203142019031000', PESAN_NIP.dibulatkan],
    ['199212312019130000', PESAN_NIP.dibulatkan], // rounding carried into the TMT month
    ['1.99203E+17', PESAN_NIP.ilmiah],
    ['1,99203142E+17', PESAN_NIP.ilmiah],
    ['193912312019031002', PESAN_NIP.lahir], // before 1940
    ['201501012019031002', PESAN_NIP.lahir], // not yet 17 in 2026
    ['199203142005031002', PESAN_NIP.tmt], // CPNS at 13
    ['199203142028031002', PESAN_NIP.tmt], // after next year
    ['199203142019001002', PESAN_NIP.tmt], // month 00
    ['199203142019033002', PESAN_NIP.jenisKelamin],
  ])('refuses %s', (nip, pesan) => expect(periksaNip(nip, 2026)).toBe(pesan));

  it('bounds the years by the clock only when given one', () => {
    expect(periksaNip('199203142028031002')).toBeNull();
    expect(periksaNip('199203142028031002', 2026)).toBe(PESAN_NIP.tmt);
  });
});

describe('CSV rows', () => {
  it('numbers each row by the line it starts on, across blank lines and quoted line breaks', () => {
    const rows = parseCsv('a,b\n\n1,"x\ny"\r\n2,z\n', ',');
    expect(rows.map((r) => [r.baris, r.akhir, r.pindahBaris])).toEqual([
      [1, 1, []],
      [3, 4, [1]],
      [5, 5, []],
    ]);
  });
});

describe('impor CSV from Excel', () => {
  it('refuses NIPs rounded by Excel in the dry run and says how to fix the file', async () => {
    const csv = [
      HEADER,
      `199203142019031000,Rina Bulat,Analis,,bkpsdmd,,`,
      `1.99203E+17,Sinta Ilmiah,Analis,,bkpsdmd,,`,
      `${nipKe(10)},Atasan Bulat,,,bkpsdmd,198105102006042000,`,
      `${nipKe(11)},Baik Saja,,,bkpsdmd,${NIP.sari},`,
    ].join('\r\n');
    const sebelum = await jumlahPegawai();
    const res = await unggah(maya, csv, 'periksa');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="jumlah-baru">Baru: 1<');
    expect(res.text).toContain('id="jumlah-tolak">Ditolak: 3<');
    const baris = barisLaporan(res.text);
    expect(baris.get(2)).toContain('tampaknya dibulatkan oleh Excel');
    expect(baris.get(2)).toContain('Format kolom NIP sebagai Teks');
    expect(baris.get(3)).toContain('notasi ilmiah');
    expect(baris.get(4)).toContain('NIP atasan: NIP berakhiran 000 tampaknya dibulatkan oleh Excel');
    expect(baris.get(4)).not.toContain('tidak ditemukan');
    expect(baris.get(5)).toContain('Baru');
    expect(await jumlahPegawai()).toBe(sebelum);
    // the page tells how to keep Excel from rounding in the first place
    expect(res.text).toContain('id="petunjuk-nip"');
  });

  it('refuses 50 rounded rows instead of creating 50 new people', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 50; i++) rows.push(`${nipKe(200 + i).slice(0, 15)}000,Pegawai Bulat ${i},,,bkpsdmd,,`);
    const sebelum = await jumlahPegawai();
    const res = await unggah(maya, rows.join('\n'), 'impor');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="jumlah-baru">Baru: 0<');
    expect(res.text).toContain('id="jumlah-tolak">Ditolak: 50<');
    expect(await jumlahPegawai()).toBe(sebelum);
  });

  it('refuses an 8-column row with the column message only', async () => {
    const csv = [HEADER, `${nipKe(20)},Delapan Kolom,Analis,,bkpsdmd,,d@example.go.id,lebih`, `${nipKe(21)},Tujuh Kolom,,,bkpsdmd,,`].join(
      '\n',
    );
    const res = await unggah(maya, csv, 'periksa');
    expect(res.status).toBe(422);
    const baris = barisLaporan(res.text);
    expect(baris.get(2)).toContain('Jumlah kolom 8, seharusnya 7.');
    expect(baris.get(3)).toContain('Baru');
    expect(res.text).toContain('id="jumlah-tolak">Ditolak: 1<');
  });

  it('names the unquoted comma in a name as a column problem, not as a wrong unit or e-mail', async () => {
    const csv = [HEADER, `${nipKe(30)},Andi Pratama, S.Kom.,Analis,ahli-pertama,bkpsdmd,,andi30@example.go.id`].join('\n');
    const res = await unggah(maya, csv, 'impor');
    expect(res.status).toBe(422);
    const keterangan = barisLaporan(res.text).get(2)!;
    expect(keterangan).toContain('Jumlah kolom 8, seharusnya 7.');
    expect(keterangan).toContain('tanda kutip ganda');
    for (const salah of ['Instansi', 'Jenis jabatan', 'e-mail', 'Atasan']) expect(keterangan).not.toContain(salah);
    expect(
      await t
        .knex('pegawai')
        .where({ nip: nipKe(30) })
        .first(),
    ).toBeUndefined();
    // quoted, the same name goes in whole
    const kutip = [HEADER, `${nipKe(30)},"Andi Pratama, S.Kom.",Analis,ahli-pertama,bkpsdmd,,andi30@example.go.id`].join('\n');
    expect((await unggah(maya, kutip, 'impor')).status).toBe(303);
    expect(
      (await t
        .knex('pegawai')
        .where({ nip: nipKe(30) })
        .first())!.nama,
    ).toBe('Andi Pratama, S.Kom.');
  });

  it('refuses a line break inside a quoted name with its lines, in the dry run and the import', async () => {
    const csv = [
      HEADER,
      `${nipKe(40)},Satu Baris,,,bkpsdmd,,`,
      `${nipKe(41)},"Dua\r\nBaris",,,bkpsdmd,,`,
      `${nipKe(42)},Sesudahnya,,,bkpsdmd,,`,
    ].join('\r\n');
    for (const aksi of ['periksa', 'impor'] as const) {
      const res = await unggah(maya, csv, aksi);
      expect(res.status, aksi).toBe(422);
      const baris = barisLaporan(res.text);
      expect(baris.get(3), aksi).toContain('Kolom nama berisi pindah baris (baris 3–4 berkas)');
      // the row after it is numbered by its own line in the file
      expect(baris.get(5), aksi).toContain('Sesudahnya');
      expect(res.text, aksi).toContain('id="jumlah-tolak">Ditolak: 1<');
    }
    expect(await t.knex('pegawai').whereIn('nip', [nipKe(40), nipKe(41), nipKe(42)])).toHaveLength(0);
  });

  it('refuses a quote that is never closed, and still refuses control characters', async () => {
    const terbuka = [HEADER, `${nipKe(50)},"Tanpa Tutup,,,bkpsdmd,,`, `${nipKe(51)},Lain,,,bkpsdmd,,`].join('\n');
    const r1 = await unggah(maya, terbuka, 'periksa');
    expect(r1.status).toBe(422);
    expect(barisLaporan(r1.text).get(2)).toContain('Tanda kutip ganda (&#34;) dibuka di baris 2 tetapi tidak ditutup');
    const nul = [HEADER, `${nipKe(52)},Jo\u0001s,,,bkpsdmd,,`].join('\n');
    const r2 = await unggah(maya, nul, 'periksa');
    expect(r2.status).toBe(422);
    expect(barisLaporan(r2.text).get(2)).toContain('Kolom nama berisi karakter kontrol');
  });
});
