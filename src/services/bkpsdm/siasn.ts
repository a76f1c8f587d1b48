import * as rekapData from '../../data/rekap';
import type { Pengguna } from '../../data/pegawai';
import type { SiasnEkspor } from '../../ekspor/siasn';
import type { Deps } from '../deps';
import { filterRekap, pastikanBkpsdm } from './lingkup';

// SIASN: the year's finished courses that have a final report, for the national system.
export function createSiasnService({ db, clock }: Deps) {
  /** What siasn.csv and siasn.xlsx hold (services/bkpsdm/ekspor.ts builds and keeps the files). */
  async function dataEkspor(tahun: number): Promise<SiasnEkspor> {
    return { tahun, dibuat: clock.now(), rows: await rekapData.listSiasn(db, tahun) };
  }

  return {
    /** What siasn.csv and siasn.xlsx hold. */
    async ekspor(user: Pengguna, q: { tahun: string }): Promise<SiasnEkspor> {
      pastikanBkpsdm(user);
      const { tahun } = await filterRekap(db, clock, { tahun: q.tahun, instansi: '' });
      return dataEkspor(tahun);
    },

    dataEkspor,
  };
}
