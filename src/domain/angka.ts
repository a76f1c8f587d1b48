// Numbers typed by people: '87,5', '87.5', '2.500.000', '2500000', '2.500.000,00', 'Rp 2.500.000'.

/**
 * Parses an Indonesian or plain number; null when it is not one.
 * A single dot followed by exactly three digits is a thousands separator ('2.500' = 2500),
 * unless `desimalTitik` says a lone dot is a decimal point (scores like '87.500' are rare; '87.5' common).
 */
export function parseAngka(input: unknown): number | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  let s = String(input)
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/\s/g, '');
  if (s === '' || s.length > 40) return null;
  let negatif = false;
  if (s.startsWith('-')) {
    negatif = true;
    s = s.slice(1);
  }
  if (!/^[0-9.,]+$/.test(s)) return null;
  const koma = s.split(',').length - 1;
  const titik = s.split('.').length - 1;
  let normal: string;
  if (koma > 1) return null;
  if (koma === 1) {
    // comma is the decimal mark; dots must be thousands separators
    const [bulat, pecahan] = s.split(',') as [string, string];
    if (titik > 0 && !/^\d{1,3}(\.\d{3})+$/.test(bulat)) return null;
    if (!/^\d+$/.test(pecahan)) return null;
    normal = `${bulat.replace(/\./g, '')}.${pecahan}`;
  } else if (titik === 0) {
    normal = s;
  } else if (titik === 1) {
    const [bulat, pecahan] = s.split('.') as [string, string];
    if (bulat === '' || pecahan === '') return null;
    // '2.500' is two thousand five hundred; '87.5' and '87.50' are decimals
    normal = pecahan.length === 3 && bulat !== '0' ? `${bulat}${pecahan}` : `${bulat}.${pecahan}`;
  } else {
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return null;
    normal = s.replace(/\./g, '');
  }
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  const n = Number(normal);
  if (!Number.isFinite(n)) return null;
  return negatif ? -n : n;
}

/** A decimal number where a lone dot is always the decimal point ('87.5', '90.995'); used for scores. */
export function parseDesimal(input: unknown): number | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const s = String(input).trim();
  if (/^\d{1,3}([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return parseAngka(s);
}

export function parseBulat(input: unknown): number | null {
  const n = parseAngka(input);
  return n !== null && Number.isInteger(n) ? n : null;
}

const ribuan = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 'Rp 2.500.000,00' */
export function formatRupiah(nilai: number | string | null | undefined): string {
  if (nilai === null || nilai === undefined || nilai === '') return '-';
  const n = typeof nilai === 'string' ? Number(nilai) : nilai;
  if (!Number.isFinite(n)) return '-';
  const [bulat, sen] = Math.abs(n).toFixed(2).split('.') as [string, string];
  return `${n < 0 ? '-' : ''}Rp ${ribuan(bulat)},${sen}`;
}

/** '87,5' — Indonesian decimal notation without trailing zeros. */
export function formatAngka(nilai: number | string | null | undefined, digits = 2): string {
  if (nilai === null || nilai === undefined || nilai === '') return '-';
  const n = typeof nilai === 'string' ? Number(nilai) : nilai;
  if (!Number.isFinite(n)) return '-';
  // drop trailing zeros of the fraction only ('87.50' → '87.5', '50' stays '50')
  const fixed = n
    .toFixed(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  const [bulat, pecahan] = fixed.split('.') as [string, string | undefined];
  return `${n < 0 && !bulat.startsWith('-') ? '-' : ''}${ribuan(bulat)}${pecahan ? `,${pecahan}` : ''}`;
}
