import { ConflictError, ForbiddenError, ValidationError, type FieldErrors } from '../errors';
import * as periodeData from '../data/periode';
import { batasBaku, isTerbuka, saatTerkunci, sisaHari } from '../domain/periode';
import { isTanggal, formatTanggal, tahunWIB } from '../domain/waktu';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';

export const PESAN_PERIODE = {
  tahun: 'Tahun harus angka 4 digit antara 2000 dan 2100.',
  tanggal: 'Batas pengajuan harus tanggal yang valid (YYYY-MM-DD).',
  rentang: (tahun: number) => `Batas pengajuan harus antara 1 Januari ${tahun - 1} dan 31 Desember ${tahun}.`,
  alasan: 'Alasan paling banyak 500 karakter.',
  sama: 'Batas pengajuan tidak berubah.',
  dibuat: (tahun: number, batas: string) => `Periode ${tahun} dibuat dengan batas pengajuan ${formatTanggal(batas)}.`,
  diubah: (tahun: number, lama: string, baru: string) =>
    `Batas pengajuan periode ${tahun} diubah dari ${formatTanggal(lama)} menjadi ${formatTanggal(baru)}.`,
};

export function pastikanBkpsdm(user: Pengguna) {
  if (user.peran !== 'bkpsdm' && user.peran !== 'admin') throw new ForbiddenError('Halaman ini hanya untuk BKPSDM / ADMIN.');
}

export interface PeriodeInput {
  tahun: string;
  batas_pengajuan: string;
  alasan: string;
}

/** Parses the form; a missing deadline means the default of 30 November of the year before. */
export function periksaPeriode(input: PeriodeInput): { tahun: number; batas_pengajuan: string; alasan: string | null } {
  const errors: FieldErrors = {};
  const tahun = /^\d{4}$/.test(input.tahun) ? Number(input.tahun) : NaN;
  if (!Number.isInteger(tahun) || tahun < 2000 || tahun > 2100) errors.tahun = PESAN_PERIODE.tahun;
  let batas = input.batas_pengajuan;
  if (batas === '' && !errors.tahun) batas = batasBaku(tahun);
  if (!isTanggal(batas)) errors.batas_pengajuan = PESAN_PERIODE.tanggal;
  else if (!errors.tahun) {
    const y = Number(batas.slice(0, 4));
    if (y < tahun - 1 || y > tahun) errors.batas_pengajuan = PESAN_PERIODE.rentang(tahun);
  }
  if (input.alasan.length > 500) errors.alasan = PESAN_PERIODE.alasan;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { tahun, batas_pengajuan: batas, alasan: input.alasan || null };
}

export function createPeriodeService({ db, clock }: Deps) {
  return {
    /** Every year with its deadline, open or locked and for how long, and the history of changes. */
    async daftarPeriode(user: Pengguna) {
      pastikanBkpsdm(user);
      const now = clock.now();
      const [rows, riwayat] = await Promise.all([periodeData.daftarPeriode(db), periodeData.riwayatPeriode(db)]);
      const periode = rows.map((p) => ({
        ...p,
        terbuka: isTerbuka(p, now),
        sisaHari: sisaHari(p, now),
        saatTerkunci: saatTerkunci(p),
      }));
      const tahunIni = tahunWIB(now);
      const usulTahun = Math.max(tahunIni + 1, ...rows.map((r) => r.tahun + 1));
      return { periode, riwayat, now, usulan: { tahun: String(usulTahun), batas_pengajuan: batasBaku(usulTahun) } };
    },

    /** Creates the period of a year or moves its deadline (extend, reopen); every change goes to the history. */
    async simpanPeriode(user: Pengguna, input: PeriodeInput): Promise<{ pesan: string; berubah: boolean }> {
      pastikanBkpsdm(user);
      const p = periksaPeriode(input);
      const waktu = clock.now();
      return db.transaction(async (trx) => {
        const lama = await periodeData.kunciPeriode(trx, p.tahun);
        if (!lama) {
          const dibuat = await periodeData.buatPeriode(trx, p, user.id, waktu);
          if (!dibuat) throw new ConflictError(`Periode ${p.tahun} baru saja dibuat di tempat lain. Muat ulang halaman lalu ulangi.`);
          await periodeData.catatRiwayat(trx, {
            tahun: p.tahun,
            batas_lama: null,
            batas_baru: p.batas_pengajuan,
            oleh: user.id,
            alasan: p.alasan,
            waktu,
          });
          return { pesan: PESAN_PERIODE.dibuat(p.tahun, p.batas_pengajuan), berubah: true };
        }
        if (lama.batas_pengajuan === p.batas_pengajuan) return { pesan: PESAN_PERIODE.sama, berubah: false };
        await periodeData.ubahBatas(trx, p, user.id, waktu);
        await periodeData.catatRiwayat(trx, {
          tahun: p.tahun,
          batas_lama: lama.batas_pengajuan,
          batas_baru: p.batas_pengajuan,
          oleh: user.id,
          alasan: p.alasan,
          waktu,
        });
        return { pesan: PESAN_PERIODE.diubah(p.tahun, lama.batas_pengajuan, p.batas_pengajuan), berubah: true };
      });
    },
  };
}
