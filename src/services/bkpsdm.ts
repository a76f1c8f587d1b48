import type { Pengguna } from '../data/pegawai';
import { semuaPeriode } from '../data/periode';
import { isTerbuka, sisaHari, saatTerkunci } from '../domain/periode';
import { tahunWIB } from '../domain/waktu';
import type { Deps } from './deps';
import { createPeriodeService } from './bkpsdm-periode';
import { createRekapService } from './bkpsdm-rekap';
import { createCapaianService } from './bkpsdm-capaian';
import { createSiasnService } from './bkpsdm-siasn';

// BKPSDM: periods, the compiled plan, 20 JP attainment, SIASN export, and its home page.
export function createBkpsdmService(deps: Deps) {
  const { db, clock } = deps;
  const rekap = createRekapService(deps);
  const capaian = createCapaianService(deps);

  return {
    ...createPeriodeService(deps),
    ...rekap,
    ...capaian,
    ...createSiasnService(deps),

    /**
     * BKPSDM's home: the requests waiting for a decision (never one's own), the planning period
     * being filled and its countdown, the province's progress on that plan, and this year's 20 JP.
     */
    async beranda(user: Pengguna) {
      const now = clock.now();
      const tahunIni = tahunWIB(now);
      const [menunggu, periode] = await Promise.all([
        db('rekomendasi')
          .where('status', 'terkirim')
          .whereNot('pegawai_id', user.id)
          .first(db.raw('count(*)::int AS n'), db.raw('min(dikirim_at) AS tertua')) as Promise<{ n: number; tertua: Date | null }>,
        semuaPeriode(db),
      ]);
      const terbuka = periode.filter((p) => isTerbuka(p, now)).sort((a, b) => a.tahun - b.tahun)[0];
      const tahunRencana = terbuka?.tahun ?? tahunIni + 1;
      const [rencana, c] = await Promise.all([rekap.totalRekap(user, tahunRencana), capaian.totalCapaian(user, tahunIni)]);
      const hari = menunggu.tertua ? Math.floor((now.getTime() - new Date(menunggu.tertua).getTime()) / 86_400_000) : 0;
      return {
        menunggu: { jumlah: menunggu.n, hariTertua: hari },
        periode: terbuka ? { tahun: terbuka.tahun, sisaHari: sisaHari(terbuka, now), terkunciSejak: saatTerkunci(terbuka) } : null,
        tahunRencana,
        rencana,
        capaian: { tahun: tahunIni, ...c },
      };
    },
  };
}
