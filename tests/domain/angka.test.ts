import { describe, expect, it } from 'vitest';
import { formatAngka, formatRupiah, parseAngka, parseBulat, parseDesimal } from '../../src/domain/angka';

describe('parseAngka', () => {
  it.each([
    ['87,5', 87.5],
    ['87.5', 87.5],
    ['2.500.000', 2500000],
    ['2500000', 2500000],
    ['2.500.000,00', 2500000],
    ['2.500.000,5', 2500000.5],
    ['Rp 2.500.000', 2500000],
    ['Rp. 1.000', 1000],
    ['0', 0],
    ['-5', -5],
    ['1.000', 1000],
    ['0.5', 0.5],
  ])('%s → %d', (s, n) => expect(parseAngka(s)).toBe(n));

  it.each(['', 'abc', '1,2,3', '2.50.000', '1e5', '١٢', '１２', '12abc', '<script>', '9'.repeat(50)])('refuses %s', (s) => {
    expect(parseAngka(s)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(parseAngka(['1'])).toBeNull();
    expect(parseAngka({})).toBeNull();
    expect(parseAngka(undefined)).toBeNull();
  });
});

describe('parseDesimal and parseBulat', () => {
  it('reads scores with a dot or a comma as the decimal mark', () => {
    expect(parseDesimal('90.995')).toBe(90.995);
    expect(parseDesimal('90,99')).toBe(90.99);
    expect(parseDesimal('100')).toBe(100);
  });
  it('takes whole numbers only', () => {
    expect(parseBulat('40')).toBe(40);
    expect(parseBulat('2,5')).toBeNull();
    expect(parseBulat('1.000')).toBe(1000);
  });
});

describe('format', () => {
  it('writes Rupiah the Indonesian way', () => {
    expect(formatRupiah(2500000)).toBe('Rp 2.500.000,00');
    expect(formatRupiah('750000.5')).toBe('Rp 750.000,50');
    expect(formatRupiah(0)).toBe('Rp 0,00');
  });
  it('writes decimals with a comma', () => {
    expect(formatAngka(87.5)).toBe('87,5');
    expect(formatAngka('88.25')).toBe('88,25');
    expect(formatAngka(1234567)).toBe('1.234.567');
    expect(formatAngka(50, 0)).toBe('50');
    expect(formatAngka(100)).toBe('100');
    expect(formatAngka('90.00')).toBe('90');
  });
});
