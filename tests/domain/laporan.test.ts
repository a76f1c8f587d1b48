import { describe, expect, it } from 'vitest';
import {
  jadwalLaporan,
  lamaHari,
  ringkasJadwal,
  statusJadwal,
  tambahBulan,
  MAKS_JADWAL,
  TENGGANG_HARI,
  type Frekuensi,
} from '../../src/domain/laporan';

const batas = (mulai: string, selesai: string, f: Frekuensi) => jadwalLaporan(mulai, selesai, f).map((j) => j.batas);

describe('tambahBulan', () => {
  it('keeps the day where the month has it, else takes the month end', () => {
    expect(tambahBulan('2026-01-31', 1)).toBe('2026-02-28');
    expect(tambahBulan('2028-01-31', 1)).toBe('2028-02-29');
    expect(tambahBulan('2026-01-31', 2)).toBe('2026-03-31');
    expect(tambahBulan('2026-01-31', 3)).toBe('2026-04-30');
    expect(tambahBulan('2026-03-15', 1)).toBe('2026-04-15');
  });
  it('crosses years both ways', () => {
    expect(tambahBulan('2026-11-30', 3)).toBe('2027-02-28');
    expect(tambahBulan('2026-12-31', 1)).toBe('2027-01-31');
    expect(tambahBulan('2027-01-15', -1)).toBe('2026-12-15');
  });
  it('handles 29 February a year on: 28 February, and back to 29 in the next leap year', () => {
    expect(tambahBulan('2028-02-29', 12)).toBe('2029-02-28');
    expect(tambahBulan('2028-02-29', 48)).toBe('2032-02-29');
  });
});

describe('jadwalLaporan', () => {
  it('sekali: one final report due at the end date', () => {
    const j = jadwalLaporan('2026-01-02', '2026-01-20', 'sekali');
    expect(j).toEqual([{ ke: 1, dari: '2026-01-02', batas: '2026-01-20', akhir: true }]);
  });

  it('a one-day activity has only the final report, whatever the rhythm', () => {
    for (const f of ['sekali', 'harian', 'mingguan', 'bulanan', 'tahunan'] as const) {
      expect(jadwalLaporan('2026-05-05', '2026-05-05', f)).toEqual([{ ke: 1, dari: '2026-05-05', batas: '2026-05-05', akhir: true }]);
    }
  });

  it('harian: one report due each following day, the last is the final report on the end date', () => {
    const j = jadwalLaporan('2026-01-01', '2026-01-05', 'harian');
    expect(j.map((x) => x.batas)).toEqual(['2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    expect(j.map((x) => x.akhir)).toEqual([false, false, false, true]);
    expect(j.map((x) => x.dari)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(j.map((x) => x.ke)).toEqual([1, 2, 3, 4]);
  });

  it('harian across the end of a leap February', () => {
    expect(batas('2028-02-27', '2028-03-02', 'harian')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02']);
    expect(batas('2027-02-27', '2027-03-02', 'harian')).toEqual(['2027-02-28', '2027-03-01', '2027-03-02']);
  });

  it('mingguan: every 7 days from the start, then the final report', () => {
    expect(batas('2026-01-01', '2026-01-14', 'mingguan')).toEqual(['2026-01-08', '2026-01-14']);
    expect(batas('2026-01-01', '2026-01-15', 'mingguan')).toEqual(['2026-01-08', '2026-01-15']);
    expect(batas('2026-01-01', '2026-01-16', 'mingguan')).toEqual(['2026-01-08', '2026-01-15', '2026-01-16']);
    expect(batas('2026-01-01', '2026-01-07', 'mingguan')).toEqual(['2026-01-07']);
  });

  it('bulanan from 31 January: month ends, leap years, no drift', () => {
    expect(batas('2026-01-31', '2026-06-15', 'bulanan')).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-15']);
    expect(batas('2028-01-31', '2028-04-10', 'bulanan')).toEqual(['2028-02-29', '2028-03-31', '2028-04-10']);
  });

  it('bulanan: a period ending on the end date is the final report', () => {
    const j = jadwalLaporan('2026-03-10', '2026-05-10', 'bulanan');
    expect(j.map((x) => [x.batas, x.akhir])).toEqual([
      ['2026-04-10', false],
      ['2026-05-10', true],
    ]);
  });

  it('bulanan over a year end', () => {
    expect(batas('2026-11-30', '2027-03-01', 'bulanan')).toEqual(['2026-12-30', '2027-01-30', '2027-02-28', '2027-03-01']);
  });

  it('tahunan: yearly anniversaries (29 Feb → 28 Feb), then the final report', () => {
    expect(batas('2028-02-29', '2031-06-30', 'tahunan')).toEqual(['2029-02-28', '2030-02-28', '2031-02-28', '2031-06-30']);
    expect(batas('2026-09-01', '2027-08-31', 'tahunan')).toEqual(['2027-08-31']);
  });

  it('nothing for an end before the start or a broken date', () => {
    expect(jadwalLaporan('2026-05-05', '2026-05-04', 'harian')).toEqual([]);
    expect(jadwalLaporan('2026-02-30', '2026-03-04', 'harian')).toEqual([]);
  });

  it('stays bounded over very long daily activities', () => {
    const j = jadwalLaporan('2000-01-01', '2099-12-31', 'harian');
    expect(j.length).toBe(MAKS_JADWAL);
    expect(j.at(-1)).toMatchObject({ akhir: true, batas: '2099-12-31' });
  });
});

describe('statusJadwal', () => {
  const j = jadwalLaporan('2026-01-01', '2026-01-22', 'mingguan'); // due 8, 15, final 22

  it('before anything is due: all belum', () => {
    expect(statusJadwal(j, [], '2026-01-08').map((x) => x.status)).toEqual(['belum', 'belum', 'belum']);
  });

  it('late the day after the due date (the dates are WIB calendar days)', () => {
    expect(statusJadwal(j, [], '2026-01-09').map((x) => x.status)).toEqual(['terlambat', 'belum', 'belum']);
    expect(statusJadwal(j, [], '2026-01-23').map((x) => x.status)).toEqual(['terlambat', 'terlambat', 'terlambat']);
  });

  it('filed reports fill the periods in order; a late report still fills its period', () => {
    const s = statusJadwal(j, [{ id: 7, tanggal: '2026-01-10', akhir: false }], '2026-01-16');
    expect(s.map((x) => x.status)).toEqual(['selesai', 'terlambat', 'belum']);
    expect(s[0]).toMatchObject({ laporanId: 7, laporanTanggal: '2026-01-10' });
  });

  it('a second report dated in the first week does not fill the second week', () => {
    const s = statusJadwal(
      j,
      [
        { id: 1, tanggal: '2026-01-03', akhir: false },
        { id: 2, tanggal: '2026-01-05', akhir: false },
      ],
      '2026-01-16',
    );
    expect(s.map((x) => x.status)).toEqual(['selesai', 'terlambat', 'belum']);
  });

  it('the final report is done only by a report marked final', () => {
    const s = statusJadwal(
      j,
      [
        { id: 1, tanggal: '2026-01-08', akhir: false },
        { id: 2, tanggal: '2026-01-15', akhir: false },
        { id: 3, tanggal: '2026-01-22', akhir: false },
      ],
      '2026-01-23',
    );
    expect(s.map((x) => x.status)).toEqual(['selesai', 'selesai', 'terlambat']);
    const t = statusJadwal(j, [{ id: 4, tanggal: '2026-01-22', akhir: true }], '2026-01-23');
    expect(t.map((x) => x.status)).toEqual(['terlambat', 'terlambat', 'selesai']);
  });

  it('sekali: done by its single final report', () => {
    const s = statusJadwal(
      jadwalLaporan('2026-01-02', '2026-01-20', 'sekali'),
      [{ id: 9, tanggal: '2026-01-21', akhir: true }],
      '2026-02-01',
    );
    expect(s.map((x) => x.status)).toEqual(['selesai']);
  });

  it('ringkasJadwal counts and finds the next report to file', () => {
    const r = ringkasJadwal(statusJadwal(j, [{ id: 1, tanggal: '2026-01-08', akhir: false }], '2026-01-16'));
    expect(r).toMatchObject({ jumlah: 3, selesai: 1, terlambat: 1 });
    expect(r.berikutnya?.batas).toBe('2026-01-15');
    const done = ringkasJadwal(
      statusJadwal(jadwalLaporan('2026-01-02', '2026-01-02', 'sekali'), [{ tanggal: '2026-01-02', akhir: true }], '2026-01-03'),
    );
    expect(done.berikutnya).toBeNull();
  });
});

describe('lamaHari', () => {
  it('counts both ends, across a leap day', () => {
    expect(lamaHari('2026-01-01', '2026-01-01')).toBe(1);
    expect(lamaHari('2028-02-28', '2028-03-01')).toBe(3);
  });
});

describe('an activity recorded after its dates', () => {
  it('is not late at once: reports already due get TENGGANG_HARI from the day it was started in the app', () => {
    const jadwal = jadwalLaporan('2026-10-01', '2026-10-05', 'sekali');
    // recorded on 20 November, the final report was due 5 October
    expect(statusJadwal(jadwal, [], '2026-11-20', '2026-11-20')[0]!.status).toBe('belum');
    expect(statusJadwal(jadwal, [], '2026-11-27', '2026-11-20')[0]!.status).toBe('belum');
    expect(statusJadwal(jadwal, [], '2026-11-28', '2026-11-20')[0]!.status).toBe('terlambat');
    expect(TENGGANG_HARI).toBe(7);
    // recorded in time, a due date is a due date
    expect(statusJadwal(jadwal, [], '2026-10-06', '2026-09-20')[0]!.status).toBe('terlambat');
  });
});
