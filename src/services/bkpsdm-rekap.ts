import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../errors';
import * as rekapData from '../data/rekap';
import { pengaturan } from '../data/master';
import { tahunWIB, type Clock } from '../domain/waktu';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';
import { pastikanBkpsdm } from './bkpsdm-periode';

export const PESAN_REKAP = {
  tahun: 'Tahun harus angka 4 digit antara 2000 dan 2100.',
  instansi: 'Instansi tidak ditemukan.',
};

export interface FilterRekap {
  tahun: string;
  instansi: string;
}

/** Money is summed in cents so that the totals are exact. */
const sen = (s: string | number | null | undefined) => Math.round(Number(s ?? 0) * 100);
const rupiah = (c: number) => c / 100;

export interface AngkaRekap {
  jumlah_pegawai: number;
  pegawai_rencana: number;
  pegawai_diterima: number;
  konsep: number;
  dikirim: number;
  diterima: number;
  ditolak: number;
  berjalan: number;
  selesai: number;
  item_diterima: number;
  jp: number;
  anggaran: number;
}

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

/** The year (default: this year, WIB) and the unit (by id or kode) of a rekap query. */
export async function filterRekap(db: Knex, clock: Clock, q: FilterRekap) {
  const errors: Record<string, string> = {};
  let tahun = tahunWIB(clock.now());
  if (q.tahun !== '') {
    tahun = /^\d{4}$/.test(q.tahun) ? Number(q.tahun) : NaN;
    if (!(tahun >= 2000 && tahun <= 2100)) errors.tahun = PESAN_REKAP.tahun;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  let unit: rekapData.InstansiRingkas | undefined;
  if (q.instansi !== '') {
    unit = q.instansi.length <= 30 ? await rekapData.cariInstansi(db, q.instansi) : undefined;
    if (!unit) throw new NotFoundError(PESAN_REKAP.instansi);
  }
  return { tahun, unit };
}

export function createRekapService({ db, clock }: Deps) {
  const filter = (q: FilterRekap) => filterRekap(db, clock, q);

  async function ringkasan(tahun: number, instansiId?: number) {
    const [rows, perBentuk, perSumberDana] = await Promise.all([
      rekapData.rekapPerUnit(db, tahun, instansiId),
      rekapData.rekapPerBentuk(db, tahun, instansiId),
      rekapData.rekapPerSumberDana(db, tahun, instansiId),
    ]);
    const perUnit = rows.map((r) => ({ ...r, anggaran: rupiah(sen(r.anggaran)) }));
    const total: AngkaRekap = { ...Object.fromEntries(KOLOM_ANGKA.map((k) => [k, 0])), anggaran: 0 } as AngkaRekap;
    let totalSen = 0;
    for (const r of rows) {
      for (const k of KOLOM_ANGKA) total[k] += r[k];
      totalSen += sen(r.anggaran);
    }
    total.anggaran = rupiah(totalSen);
    const kelompok = (rs: rekapData.RekapKelompokRow[]) => rs.map((r) => ({ ...r, anggaran: rupiah(sen(r.anggaran)) }));
    return { perUnit, total, perBentuk: kelompok(perBentuk), perSumberDana: kelompok(perSumberDana) };
  }

  return {
    /** The compiled plan of a year: per unit and for the province; with a unit, its employees and their items. */
    async rekap(user: Pengguna, q: FilterRekap) {
      pastikanBkpsdm(user);
      const { tahun, unit } = await filter(q);
      const [r, tahunList, instansiList] = await Promise.all([
        ringkasan(tahun, unit?.id),
        rekapData.tahunTersedia(db),
        rekapData.daftarInstansi(db),
      ]);
      let pegawai: (rekapData.PegawaiUnitRow & { items: rekapData.RincianRekapRow[]; jp: number; anggaran: number })[] | undefined;
      if (unit) {
        const [orang, items] = await Promise.all([
          rekapData.pegawaiUnit(db, unit.id, tahun),
          rekapData.rincianRekap(db, { tahun, instansiId: unit.id }),
        ]);
        const perOrang = new Map<number, rekapData.RincianRekapRow[]>();
        for (const it of items) perOrang.set(it.pegawai_id, [...(perOrang.get(it.pegawai_id) ?? []), it]);
        pegawai = orang.map((p) => {
          const milik = perOrang.get(p.id) ?? [];
          const diterima = milik.filter((i) => (rekapData.DITERIMA as readonly string[]).includes(i.status));
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

    /** Everything the exports need: the summary and every field of the accepted items. */
    async rekapEkspor(user: Pengguna, q: FilterRekap) {
      pastikanBkpsdm(user);
      const { tahun, unit } = await filter(q);
      const [r, rincian, surat] = await Promise.all([
        ringkasan(tahun, unit?.id),
        rekapData.rincianRekap(db, { tahun, instansiId: unit?.id, statuses: rekapData.DITERIMA }),
        pengaturan(db, 'surat.'),
      ]);
      return { tahun, unit, ...r, rincian, surat, dibuat: clock.now() };
    },
  };
}

export type RekapEkspor = Awaited<ReturnType<ReturnType<typeof createRekapService>['rekapEkspor']>>;
