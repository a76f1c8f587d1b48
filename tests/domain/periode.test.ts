import { describe, expect, it } from 'vitest';
import { isTerbuka, saatTerkunci, sisaHari } from '../../src/domain/periode';
import { formatTanggal, formatWaktu, tanggalWIB } from '../../src/domain/waktu';
import { isNipValid, periksaNip } from '../../src/domain/nip';
import { kesenjanganKinerja, hitungSkj, prioritas } from '../../src/domain/kesenjangan';

const p = { tahun: 2027, batas_pengajuan: '2026-11-30' };

describe('deadline in WIB', () => {
  it('is open at 23:59:59 WIB on the deadline day and closed at 00:00:00 the next day', () => {
    expect(isTerbuka(p, new Date('2026-11-30T16:59:59Z'))).toBe(true);
    expect(isTerbuka(p, new Date('2026-11-30T17:00:00Z'))).toBe(false);
    expect(saatTerkunci(p).toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });
  it('counts the days left including today', () => {
    expect(sisaHari(p, new Date('2026-11-28T05:00:00Z'))).toBe(3);
    expect(sisaHari(p, new Date('2026-11-30T16:00:00Z'))).toBe(1);
    expect(sisaHari(p, new Date('2026-12-01T00:00:00Z'))).toBe(0);
  });
  it('has no period: closed', () => expect(isTerbuka(undefined, new Date('2026-11-28T03:00:00Z'))).toBe(false));
  it('takes the calendar date in WIB, not UTC', () => {
    expect(tanggalWIB(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(formatWaktu(new Date('2026-11-30T17:30:00Z'))).toBe('1 Desember 2026 00.30 WIB');
    expect(formatTanggal('2020-05-12')).toBe('12 Mei 2020');
  });
});

describe('NIP', () => {
  it('accepts the demo NIPs', () => {
    for (const nip of ['199203142019031002', '198105102006042003', '197912122005011002']) expect(isNipValid(nip)).toBe(true);
  });
  it.each([
    ['12345', 'NIP harus 18 angka.'],
    ['199213142019031002', 'Tanggal lahir'],
    ['199202302019031002', 'Tanggal lahir'],
    ['199203142019131002', 'TMT CPNS'],
    ['199203142019033002', 'jenis kelamin'],
  ])('refuses %s', (nip, pesan) => expect(periksaNip(nip)).toContain(pesan));
});

describe('gaps', () => {
  it('puts scores into half-open bands', () => {
    expect(kesenjanganKinerja(91)).toBe('tidak_ada');
    expect(kesenjanganKinerja(90.995)).toBe('rendah');
    expect(kesenjanganKinerja(76)).toBe('rendah');
    expect(kesenjanganKinerja(75.99)).toBe('sedang');
    expect(kesenjanganKinerja(61)).toBe('sedang');
    expect(kesenjanganKinerja(60.99)).toBe('tinggi');
  });
  it('computes the competency gap as standard minus chosen level', () => {
    const skj = hitungSkj(
      [
        { kode: 'M.01', nama: 'Integritas' },
        { kode: 'M.02', nama: 'Kerjasama' },
      ],
      { 'M.01': 1, 'M.02': 4 },
      { 'M.01': 3, 'M.02': 3 },
    );
    expect(skj.map((s) => s.gap)).toEqual([2, -1]);
    expect(prioritas(skj, 'rendah')).toContain('Prioritas tertinggi');
    expect(prioritas(skj, 'tidak_ada')).toContain('pelatihan');
  });
});
