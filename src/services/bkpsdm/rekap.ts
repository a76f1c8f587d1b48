import * as rekapData from '../../data/rekap';
import { listPengaturan } from '../../data/pengaturan';
import type { Pengguna } from '../../data/pegawai';
import { isOneOf } from '../../domain/pilihan';
import { STATUS_DITERIMA } from '../../domain/status';
import type { AngkaRekap, KelompokRekap, RekapEkspor, UnitRekap } from '../../ekspor/rekap';
import type { Deps } from '../deps';
import { cacheVersi, filterRekap, lingkupRekap, pastikanBkpsdm, versiTahun, type FilterRekap } from './lingkup';

/** Money is summed in cents so that the totals are exact. */
const sen = (s: string | number | null | undefined) => Math.round(Number(s ?? 0) * 100);
const rupiah = (c: number) => c / 100;

const KOLOM_ANGKA = [
  'jumlah_pegawai',
  'pegawai_rencana',
  'pegawai_diterima',
  'konsep',
  'dikirim',
  'diterima',
  'ditolak',
  'berjalan',
  'selesai',
  'item_diterima',
  'jp',
] as const;

interface Ringkasan {
  perUnit: UnitRekap[];
  total: AngkaRekap;
  perBentuk: KelompokRekap[];
  perSumberDana: KelompokRekap[];
}

export type PegawaiRekap = rekapData.PegawaiUnitRow & { items: rekapData.RincianRekapRow[]; jp: number; anggaran: number };

// Rekap: the compiled plan of a year, per unit and for the province; what its exports print.
export function createRekapService({ db, clock }: Deps) {
  const filter = (q: FilterRekap) => filterRekap(db, clock, q);
  const cacheRingkasan = cacheVersi<Ringkasan>();
  // the units are part of the rekap's data: a change of one moves the version
  const cacheInstansi = cacheVersi<Awaited<ReturnType<typeof rekapData.listInstansi>>>(1);

  function ringkasan(versi: string, tahun: number, instansiId?: number) {
    return cacheRingkasan(`${tahun}:${instansiId ?? ''}`, versi, () => hitungRingkasan(tahun, instansiId));
  }

  async function hitungRingkasan(tahun: number, instansiId?: number): Promise<Ringkasan> {
    const [rows, perBentuk, perSumberDana] = await Promise.all([
      rekapData.listRekapUnit(db, tahun, instansiId),
      rekapData.listRekapBentuk(db, tahun, instansiId),
      rekapData.listRekapSumberDana(db, tahun, instansiId),
    ]);
    const perUnit = rows.map((r) => ({ ...r, anggaran: rupiah(sen(r.anggaran)) }));
    const total: AngkaRekap = {
      jumlah_pegawai: 0,
      pegawai_rencana: 0,
      pegawai_diterima: 0,
      konsep: 0,
      dikirim: 0,
      diterima: 0,
      ditolak: 0,
      berjalan: 0,
      selesai: 0,
      item_diterima: 0,
      jp: 0,
      anggaran: 0,
    };
    let totalSen = 0;
    for (const r of rows) {
      for (const k of KOLOM_ANGKA) total[k] += r[k];
      totalSen += sen(r.anggaran);
    }
    total.anggaran = rupiah(totalSen);
    const kelompok = (rs: rekapData.RekapKelompokRow[]) => rs.map((r) => ({ ...r, anggaran: rupiah(sen(r.anggaran)) }));
    return { perUnit, total, perBentuk: kelompok(perBentuk), perSumberDana: kelompok(perSumberDana) };
  }

  async function dataEkspor(versi: string, tahun: number, unit: rekapData.InstansiRingkas | undefined): Promise<RekapEkspor> {
    const [r, rincian, surat] = await Promise.all([
      ringkasan(versi, tahun, unit?.id),
      rekapData.listRincianRekap(db, { tahun, instansiId: unit?.id, statuses: STATUS_DITERIMA }),
      listPengaturan(db, 'surat.'),
    ]);
    return { tahun, unit, ...r, rincian, surat, dibuat: clock.now() };
  }

  return {
    /** The province's totals of a year's plan only (BKPSDM's home): from the cached summary. */
    async total(user: Pengguna, tahun: number): Promise<AngkaRekap> {
      pastikanBkpsdm(user);
      return (await ringkasan(await versiTahun(db, clock, tahun), tahun)).total;
    },

    /** The compiled plan of a year: per unit and for the province; with a unit, its employees and their items. */
    async lihat(user: Pengguna, q: FilterRekap) {
      const { tahun, unit } = await filter(lingkupRekap(user, q));
      const versi = await versiTahun(db, clock, tahun);
      const [r, instansiList] = await Promise.all([
        ringkasan(versi, tahun, unit?.id),
        cacheInstansi('semua', versi, () => rekapData.listInstansi(db)),
      ]);
      const tahunList = user.periode.map((p) => p.tahun);
      let pegawai: PegawaiRekap[] | undefined;
      if (unit) {
        const [orang, items] = await Promise.all([
          rekapData.listPegawaiUnit(db, unit.id, tahun),
          rekapData.listRincianRekap(db, { tahun, instansiId: unit.id }),
        ]);
        const perOrang = new Map<number, rekapData.RincianRekapRow[]>();
        for (const it of items) perOrang.set(it.pegawai_id, [...(perOrang.get(it.pegawai_id) ?? []), it]);
        pegawai = orang.map((p) => {
          const milik = perOrang.get(p.id) ?? [];
          const diterima = milik.filter((i) => isOneOf(STATUS_DITERIMA, i.status));
          return {
            ...p,
            items: milik,
            jp: diterima.reduce((s, i) => s + i.jp, 0),
            anggaran: rupiah(diterima.reduce((s, i) => s + sen(i.anggaran), 0)),
          };
        });
      }
      if (!tahunList.includes(tahun)) tahunList.unshift(tahun);
      return { tahun, unit, tahunList, instansiList, ...r, pegawai };
    },

    /** Everything the exports print: the summary and every field of the accepted items. */
    async ekspor(user: Pengguna, q: FilterRekap): Promise<RekapEkspor> {
      const { tahun, unit } = await filter(lingkupRekap(user, q));
      return dataEkspor(await versiTahun(db, clock, tahun), tahun, unit);
    },

    /**
     * What the exports print, at a version read before (services/bkpsdm/ekspor.ts builds and keeps
     * the files): no user, the caller has checked who asks for which unit.
     */
    dataEkspor,
  };
}
