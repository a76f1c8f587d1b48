import { describe, expect, it } from 'vitest';
import { formatTanggal, isTanggal } from '../../src/domain/waktu';

describe('isTanggal', () => {
  it('agrees with the calendar on every day string of four years around the leap rules', () => {
    const kalender = (s: string) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
    for (const y of [1900, 2000, 2024, 2026, 2100]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const sah = m >= 1 && m <= 12 && d >= 1 && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && kalender(s);
          expect(isTanggal(s), s).toBe(sah);
        }
      }
    }
  });

  it('refuses what is not a date string', () => {
    for (const s of ['', '2026-2-01', '2026-02-1', '26-02-01', '2026/02/01', '2026-02-01T00:00', ' 2026-02-01'])
      expect(isTanggal(s), s).toBe(false);
    expect(formatTanggal('2024-02-29')).toBe('29 Februari 2024');
    expect(formatTanggal('2026-02-29')).toBe('-');
  });
});
