import * as rekapData from '../../data/rekap';
import type { Pengguna } from '../../data/pegawai';
import { TARGET_JP_TAHUNAN } from '../../domain/laporan';
import type { CapaianEkspor } from '../../ekspor/capaian-xlsx';
import type { Deps } from '../deps';
import { cacheVersi, filterRekap, lingkupRekap, pastikanBkpsdm, versiTahun, type FilterRekap } from './lingkup';

// Capaian 20 JP: every civil servant must get at least 20 JP a year (PP 11/2017 art. 203(4)).
export const PER_HALAMAN_CAPAIAN = 50;

const persen = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);

type Ringkasan = Pick<CapaianEkspor, 'perUnit' | 'total'>;

export function createCapaianService({ db, clock }: Deps) {
  const cacheRingkasan = cacheVersi<Ringkasan>();

  /** Per unit, cached like the rekap: valid while the version read before it stands. */
  function ringkasan(versi: string, tahun: number, instansiId?: number) {
    return cacheRingkasan(`${tahun}:${instansiId ?? ''}`, versi, () => hitungRingkasan(tahun, instansiId));
  }

  async function dataEkspor(versi: string, tahun: number, unit: rekapData.InstansiRingkas | undefined): Promise<CapaianEkspor> {
    const [r, pegawai] = await Promise.all([
      ringkasan(versi, tahun, unit?.id),
      rekapData.listCapaianPegawai(db, { tahun, target: TARGET_JP_TAHUNAN, instansiId: unit?.id }),
    ]);
    return { tahun, unit, dibuat: clock.now(), target: TARGET_JP_TAHUNAN, ...r, pegawai };
  }

  async function hitungRingkasan(tahun: number, instansiId?: number): Promise<Ringkasan> {
    const rows = await rekapData.listCapaianUnit(db, tahun, TARGET_JP_TAHUNAN, instansiId);
    const perUnit = rows.map((u) => ({ ...u, persen: persen(u.tercapai, u.pegawai) }));
    const pegawai = rows.reduce((s, u) => s + u.pegawai, 0);
    const tercapai = rows.reduce((s, u) => s + u.tercapai, 0);
    const jp = rows.reduce((s, u) => s + u.jp, 0);
    return { perUnit, total: { pegawai, tercapai, jp, persen: persen(tercapai, pegawai) } };
  }

  return {
    /** The province's 20 JP attainment of a year only (BKPSDM's home): from the cached summary. */
    async total(user: Pengguna, tahun: number): Promise<Ringkasan['total']> {
      pastikanBkpsdm(user);
      return (await ringkasan(await versiTahun(db, clock, tahun), tahun)).total;
    },

    /** Realised JP against 20 JP per unit, and the employees still below it (paginated). */
    async lihat(user: Pengguna, q: FilterRekap & { page: string }) {
      const { tahun, unit } = await filterRekap(db, clock, lingkupRekap(user, q));
      // first: a year that has ended counts the employees recorded when it closed
      const versi = await versiTahun(db, clock, tahun);
      const target = TARGET_JP_TAHUNAN;
      const tahunList = user.periode.map((p) => p.tahun);
      const [r, instansiList, jumlahKurang] = await Promise.all([
        ringkasan(versi, tahun, unit?.id),
        rekapData.listInstansi(db),
        rekapData.countCapaianPegawai(db, { tahun, target, instansiId: unit?.id, kurang: true }),
      ]);
      const halamanTerakhir = Math.max(1, Math.ceil(jumlahKurang / PER_HALAMAN_CAPAIAN));
      const page = Math.min(halamanTerakhir, Math.max(1, /^\d{1,6}$/.test(q.page) ? Number(q.page) : 1));
      const kurang = await rekapData.listCapaianPegawai(db, {
        tahun,
        target,
        instansiId: unit?.id,
        kurang: true,
        limit: PER_HALAMAN_CAPAIAN,
        offset: (page - 1) * PER_HALAMAN_CAPAIAN,
      });
      if (!tahunList.includes(tahun)) tahunList.unshift(tahun);
      const perHalaman = PER_HALAMAN_CAPAIAN;
      return { tahun, unit, tahunList, instansiList, ...r, kurang, jumlahKurang, page, halamanTerakhir, perHalaman, target };
    },

    /** What capaian-20jp.xlsx prints: the summary per unit and every employee. */
    async ekspor(user: Pengguna, q: FilterRekap): Promise<CapaianEkspor> {
      const { tahun, unit } = await filterRekap(db, clock, lingkupRekap(user, q));
      return dataEkspor(await versiTahun(db, clock, tahun), tahun, unit);
    },

    /** What capaian-jp.xlsx prints at a version read before (services/bkpsdm/ekspor.ts): no user. */
    dataEkspor,
  };
}
