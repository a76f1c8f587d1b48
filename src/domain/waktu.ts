// Calendar dates are 'YYYY-MM-DD' strings; moments are Dates. The calendar is WIB (UTC+7, no DST).

export const ZONA = 'Asia/Jakarta';
const WIB_OFFSET_MS = 7 * 3600 * 1000;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at `awal` and runs on with real time (tests and demos set the date this way). */
export function clockFrom(awal: Date, real: Clock = systemClock): Clock {
  const selisih = awal.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + selisih) };
}

export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** The calendar date in WIB of a moment. */
export function tanggalWIB(moment: Date): string {
  return new Date(moment.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first moment of a WIB calendar date. */
export function awalHariWIB(tanggal: string): Date {
  const [y, m, d] = tanggal.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - WIB_OFFSET_MS);
}

export function tahunWIB(moment: Date): number {
  return Number(tanggalWIB(moment).slice(0, 4));
}

/** A real calendar date in 'YYYY-MM-DD'? */
export function isTanggal(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  // by arithmetic, not through a Date: every page formats dozens of dates
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const kabisat = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (kabisat ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
}

export function tambahHari(tanggal: string, n: number): string {
  const d = new Date(`${tanggal}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function selisihHari(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** '12 Mei 2020' */
export function formatTanggal(tanggal: string | Date | null | undefined): string {
  if (!tanggal) return '-';
  const s = typeof tanggal === 'string' ? tanggal.slice(0, 10) : tanggalWIB(tanggal);
  if (!isTanggal(s)) return '-';
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return `${d} ${BULAN[m - 1]} ${y}`;
}

/** '12 Mei 2020 14.05 WIB' */
export function formatWaktu(moment: Date | string | null | undefined): string {
  if (!moment) return '-';
  const m = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(m.getTime())) return '-';
  const wib = new Date(m.getTime() + WIB_OFFSET_MS);
  const jam = String(wib.getUTCHours()).padStart(2, '0');
  const menit = String(wib.getUTCMinutes()).padStart(2, '0');
  return `${formatTanggal(tanggalWIB(m))} ${jam}.${menit} WIB`;
}
