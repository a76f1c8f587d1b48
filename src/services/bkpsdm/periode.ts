import { ConflictError } from '../../errors';
import * as periodeData from '../../data/periode';
import type { Pengguna } from '../../data/pegawai';
import { batasBaku, isTerbuka, saatTerkunci, sisaHari, type Periode } from '../../domain/periode';
import { formatTanggal, tahunWIB } from '../../domain/waktu';
import type { Deps } from '../deps';
import { pastikanBkpsdm } from './lingkup';

export const PESAN_PERIODE = {
  sama: 'Batas pengajuan tidak berubah.',
  dibuat: (tahun: number, batas: string) => `Periode ${tahun} dibuat dengan batas pengajuan ${formatTanggal(batas)}.`,
  diubah: (tahun: number, lama: string, baru: string) =>
    `Batas pengajuan periode ${tahun} diubah dari ${formatTanggal(lama)} menjadi ${formatTanggal(baru)}.`,
  bentrok: (tahun: number) => `Periode ${tahun} baru saja dibuat di tempat lain. Muat ulang halaman lalu ulangi.`,
};

/** The period form, parsed (routes/bkpsdm/schemas.ts): the deadline already defaulted. */
export interface PeriodeBaru extends Periode {
  alasan: string | null;
}

// Periode: each planning year and its deadline; create, extend, reopen.
export function createPeriodeService({ db, clock }: Deps) {
  return {
    /** Every year with its deadline, open or locked and for how long, and the history of changes. */
    async daftar(user: Pengguna) {
      pastikanBkpsdm(user);
      const now = clock.now();
      const [rows, riwayat] = await Promise.all([periodeData.listPeriodeDiubah(db), periodeData.listRiwayatPeriode(db)]);
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
    async simpan(user: Pengguna, p: PeriodeBaru): Promise<{ pesan: string; berubah: boolean }> {
      pastikanBkpsdm(user);
      const waktu = clock.now();
      return db.transaction(async (trx) => {
        const lama = await periodeData.lockPeriode(trx, p.tahun);
        const riwayat = { tahun: p.tahun, batas_baru: p.batas_pengajuan, oleh: user.id, alasan: p.alasan, waktu };
        if (!lama) {
          if (!(await periodeData.insertPeriode(trx, p, user.id, waktu))) throw new ConflictError(PESAN_PERIODE.bentrok(p.tahun));
          await periodeData.insertRiwayatPeriode(trx, { ...riwayat, batas_lama: null });
          return { pesan: PESAN_PERIODE.dibuat(p.tahun, p.batas_pengajuan), berubah: true };
        }
        if (lama.batas_pengajuan === p.batas_pengajuan) return { pesan: PESAN_PERIODE.sama, berubah: false };
        await periodeData.updateBatasPeriode(trx, p, user.id, waktu);
        await periodeData.insertRiwayatPeriode(trx, { ...riwayat, batas_lama: lama.batas_pengajuan });
        return { pesan: PESAN_PERIODE.diubah(p.tahun, lama.batas_pengajuan, p.batas_pengajuan), berubah: true };
      });
    },
  };
}
