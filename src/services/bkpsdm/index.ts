import { countRekomendasiMenunggu } from '../../data/bkpsdm';
import type { Pengguna } from '../../data/pegawai';
import { isTerbuka, sisaHari, saatTerkunci } from '../../domain/periode';
import { tahunWIB } from '../../domain/waktu';
import type { Deps } from '../deps';
import { createCapaianService } from './capaian';
import { createEksporService } from './ekspor';
import { createPeriodeService } from './periode';
import { createRekapService } from './rekap';
import { createSiasnService } from './siasn';

export type { FilterRekap } from './lingkup';

// BKPSDM: periods, the compiled plan, 20 JP attainment, SIASN export, the exports kept ready, and
// its home page.
export function createBkpsdmService(deps: Deps) {
  const { db, clock } = deps;
  const periode = createPeriodeService(deps);
  const rekap = createRekapService(deps);
  const capaian = createCapaianService(deps);
  const siasn = createSiasnService(deps);
  const ekspor = createEksporService(deps, { rekap, capaian, siasn });

  /**
   * BKPSDM's home: the requests waiting for a decision (never one's own), the planning period
   * being filled and its countdown, the province's progress on that plan, and this year's 20 JP.
   */
  async function beranda(user: Pengguna) {
    const now = clock.now();
    const tahunIni = tahunWIB(now);
    const menunggu = await countRekomendasiMenunggu(db, user.id);
    const terbuka = user.periode.filter((p) => isTerbuka(p, now)).sort((a, b) => a.tahun - b.tahun)[0];
    const tahunRencana = terbuka?.tahun ?? tahunIni + 1;
    const [rencana, c] = await Promise.all([rekap.total(user, tahunRencana), capaian.total(user, tahunIni)]);
    const hari = menunggu.tertua ? Math.floor((now.getTime() - new Date(menunggu.tertua).getTime()) / 86_400_000) : 0;
    return {
      menunggu: { jumlah: menunggu.n, hariTertua: hari },
      periode: terbuka ? { tahun: terbuka.tahun, sisaHari: sisaHari(terbuka, now), terkunciSejak: saatTerkunci(terbuka) } : null,
      tahunRencana,
      rencana,
      capaian: { tahun: tahunIni, ...c },
    };
  }

  return { periode, rekap, capaian, siasn, ekspor, beranda };
}

export type BkpsdmService = ReturnType<typeof createBkpsdmService>;
