// The report rhythm of a running activity: which reports are due when, and which are done.
// Pure: dates are WIB calendar strings 'YYYY-MM-DD', "today" is passed in.
import { isTanggal, selisihHari, tambahHari } from './waktu';
import { isOneOf } from './pilihan';

export const FREKUENSI = ['sekali', 'harian', 'mingguan', 'bulanan', 'tahunan'] as const;
export type Frekuensi = (typeof FREKUENSI)[number];

export const LABEL_FREKUENSI: Record<Frekuensi, string> = {
  sekali: 'Sekali',
  harian: 'Harian (per hari)',
  mingguan: 'Mingguan (per minggu)',
  bulanan: 'Bulanan (per bulan)',
  tahunan: 'Tahunan (per tahun)',
};

export function isFrekuensi(s: unknown): s is Frekuensi {
  return isOneOf(FREKUENSI, s);
}

export type StatusJadwal = 'selesai' | 'belum' | 'terlambat';

/** Days to file the reports that were already due when the activity was started in the app. */
export const TENGGANG_HARI = 7;

export const LABEL_STATUS_JADWAL: Record<StatusJadwal, string> = {
  selesai: 'Dilaporkan',
  belum: 'Belum dilaporkan',
  terlambat: 'Terlambat',
};

export interface JadwalLaporan {
  /** 1-based */
  ke: number;
  /** first day the report covers */
  dari: string;
  /** due date: the report is late from the day after */
  batas: string;
  /** the final report, which closes the activity */
  akhir: boolean;
}

/** Safety cap: a daily rhythm over several years stays bounded. */
export const MAKS_JADWAL = 5000;

/**
 * Adds months to a date, keeping the day of the original date where the month has it and
 * otherwise taking the month's last day (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar).
 */
export function tambahBulan(tanggal: string, n: number): string {
  const [y, m, d] = tanggal.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12; // 0-based
  const akhirBulan = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const td = Math.min(d, akhirBulan);
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** The k-th anniversary of the start in the rhythm's unit, always counted from the start (no drift). */
function ulang(mulai: string, frekuensi: Exclude<Frekuensi, 'sekali'>, k: number): string {
  switch (frekuensi) {
    case 'harian':
      return tambahHari(mulai, k);
    case 'mingguan':
      return tambahHari(mulai, 7 * k);
    case 'bulanan':
      return tambahBulan(mulai, k);
    case 'tahunan':
      return tambahBulan(mulai, 12 * k);
  }
}

/**
 * The reports due for an activity from `mulai` to `selesai` (inclusive).
 * Sekali: one, the final report, due at the end date. Otherwise one at the end of each full
 * day/week/month/year counted from the start (the same day of the next week, month or year),
 * and the final report due at the end date; a period reaching the end date is the final one.
 */
export function jadwalLaporan(mulai: string, selesai: string, frekuensi: Frekuensi): JadwalLaporan[] {
  if (!isTanggal(mulai) || !isTanggal(selesai) || selesai < mulai) return [];
  const hasil: JadwalLaporan[] = [];
  let dari = mulai;
  if (frekuensi !== 'sekali') {
    for (let k = 1; hasil.length < MAKS_JADWAL - 1; k++) {
      const batas = ulang(mulai, frekuensi, k);
      if (batas >= selesai) break;
      hasil.push({ ke: hasil.length + 1, dari, batas, akhir: false });
      dari = batas;
    }
  }
  hasil.push({ ke: hasil.length + 1, dari, batas: selesai, akhir: true });
  return hasil;
}

export interface LaporanMasuk {
  id?: number;
  tanggal: string;
  akhir: boolean;
}

export interface JadwalDenganStatus extends JadwalLaporan {
  status: StatusJadwal;
  /** the filed report counted for this one */
  laporanId: number | null;
  laporanTanggal: string | null;
}

/**
 * Each due report's state given the reports filed and today (WIB). Filed reports are counted in
 * date order: the earliest one not yet counted, dated on or after the period's first day, fills
 * the next due report (a report filed late still fills its period). The final report is done
 * only by a report marked final.
 */
export function statusJadwal(
  jadwal: JadwalLaporan[],
  laporan: LaporanMasuk[],
  hariIni: string,
  /** the WIB date the activity was started in the app: a report due before it gets TENGGANG_HARI more */
  dicatat?: string,
): JadwalDenganStatus[] {
  // an activity recorded after some of its reports fell due is not late at once
  const tenggang = dicatat && isTanggal(dicatat) ? tambahHari(dicatat, TENGGANG_HARI) : '';
  const biasa = laporan
    .filter((l) => !l.akhir)
    .slice()
    .sort((a, b) => (a.tanggal < b.tanggal ? -1 : a.tanggal > b.tanggal ? 1 : (a.id ?? 0) - (b.id ?? 0)));
  const akhir = laporan.filter((l) => l.akhir).sort((a, b) => (a.tanggal < b.tanggal ? -1 : 1))[0];
  const dipakai = new Set<number>();
  return jadwal.map((j) => {
    let cocok: LaporanMasuk | undefined;
    if (j.akhir) {
      cocok = akhir;
    } else {
      const i = biasa.findIndex((l, idx) => !dipakai.has(idx) && l.tanggal >= j.dari);
      if (i >= 0) {
        dipakai.add(i);
        cocok = biasa[i];
      }
    }
    const batas = tenggang > j.batas ? tenggang : j.batas;
    const status: StatusJadwal = cocok ? 'selesai' : hariIni > batas ? 'terlambat' : 'belum';
    return { ...j, status, laporanId: cocok?.id ?? null, laporanTanggal: cocok?.tanggal ?? null };
  });
}

export interface RingkasanLaporan {
  jumlah: number;
  selesai: number;
  terlambat: number;
  /** the next report not yet filed */
  berikutnya: JadwalDenganStatus | null;
}

export function ringkasJadwal(jadwal: JadwalDenganStatus[]): RingkasanLaporan {
  return {
    jumlah: jadwal.length,
    selesai: jadwal.filter((j) => j.status === 'selesai').length,
    terlambat: jadwal.filter((j) => j.status === 'terlambat').length,
    berikutnya: jadwal.find((j) => j.status !== 'selesai') ?? null,
  };
}

/** Days of the activity, both ends included. */
export function lamaHari(mulai: string, selesai: string): number {
  return selisihHari(mulai, selesai) + 1;
}

/** At most 24 JP a day of the activity. */
export const JP_PER_HARI_MAKS = 24;
export const TARGET_JP_TAHUNAN = 20;
