import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../errors';
import * as rekapData from '../data/rekap';
import { pengaturan } from '../data/master';
import { tahunWIB, type Clock } from '../domain/waktu';
import type { Pengguna } from '../data/pegawai';
import type { Deps } from './deps';
import { pastikanBkpsdm } from './bkpsdm-periode';
import { PassThrough } from 'node:stream';
import { tulisRekapXlsx } from './bkpsdm-xlsx';
import { isOneOf } from '../domain/pilihan';

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

/** The counts of one unit or of the province, with the budget as a number. */
export type AngkaRekap = Omit<rekapData.RekapUnitRow, keyof rekapData.InstansiRingkas | 'anggaran'> & { anggaran: number };

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

/**
 * Who sees which unit: BKPSDM/admin any unit or the province (as asked); a unit's operator only
 * their own unit, whatever the query says. Anyone else: 403.
 */
export function lingkupRekap<T extends FilterRekap>(user: Pengguna, q: T): T {
  if (user.peran === 'operator') return { ...q, instansi: String(user.instansi_id) };
  pastikanBkpsdm(user);
  return q;
}

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

/**
 * The version of the data behind a year's rekap, and first, for a year that has ended, its
 * employees recorded (closing it on its first use, if the worker has not yet): one indexed read.
 * Every write to what a rekap reads — items, reports, employees, units, bentuk, sumber dana, jenis
 * jabatan, settings — moves the version in its own transaction (a trigger), so a result computed
 * at a version is valid exactly as long as the version stands. Read it before the data.
 */
export async function versiTahun(db: Knex, clock: Clock, tahun: number): Promise<string> {
  const v = await rekapData.versiRekap(db, tahun);
  const tahunIni = tahunWIB(clock.now());
  if (v.tutup || tahun >= tahunIni) return v.versi;
  await rekapData.tutupTahun(db, tahunIni, clock.now(), tahun);
  return (await rekapData.versiRekap(db, tahun)).versi;
}

/**
 * A per-process cache of computed rekap results, valid while the data version is unchanged.
 * Concurrent requests for the same result share one computation (the province plan of a year is
 * read often and changes rarely once the deadline has passed).
 */
export function cacheVersi<T>(maks = 32) {
  const isi = new Map<string, { versi: string; nilai: Promise<T> }>();
  return (kunci: string, versi: string, hitung: () => Promise<T>): Promise<T> => {
    const ada = isi.get(kunci);
    if (ada && ada.versi === versi) return ada.nilai;
    if (isi.size >= maks) isi.clear();
    const nilai = hitung();
    isi.set(kunci, { versi, nilai });
    nilai.catch(() => isi.delete(kunci));
    return nilai;
  };
}

export function createRekapService({ db, clock }: Deps) {
  const filter = (q: FilterRekap) => filterRekap(db, clock, q);
  const cacheRingkasan = cacheVersi<Awaited<ReturnType<typeof hitungRingkasan>>>();
  const cacheXlsx = cacheVersi<Buffer>(8);

  function ringkasan(versi: string, tahun: number, instansiId?: number) {
    return cacheRingkasan(`${tahun}:${instansiId ?? ''}`, versi, () => hitungRingkasan(tahun, instansiId));
  }

  async function hitungRingkasan(tahun: number, instansiId?: number) {
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

  async function ekspor(versi: string, tahun: number, unit: rekapData.InstansiRingkas | undefined) {
    const [r, rincian, surat] = await Promise.all([
      ringkasan(versi, tahun, unit?.id),
      rekapData.rincianRekap(db, { tahun, instansiId: unit?.id, statuses: rekapData.DITERIMA }),
      pengaturan(db, 'surat.'),
    ]);
    return { tahun, unit, ...r, rincian, surat, dibuat: clock.now() };
  }

  return {
    /** The province's totals of a year's plan only (BKPSDM's home): from the cached summary. */
    async totalRekap(user: Pengguna, tahun: number) {
      pastikanBkpsdm(user);
      return (await ringkasan(await versiTahun(db, clock, tahun), tahun)).total;
    },

    /** The compiled plan of a year: per unit and for the province; with a unit, its employees and their items. */
    async rekap(user: Pengguna, q: FilterRekap) {
      const { tahun, unit } = await filter(lingkupRekap(user, q));
      const versi = await versiTahun(db, clock, tahun);
      const [r, tahunList, instansiList] = await Promise.all([
        ringkasan(versi, tahun, unit?.id),
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
          const diterima = milik.filter((i) => isOneOf(rekapData.DITERIMA, i.status));
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
      const { tahun, unit } = await filter(lingkupRekap(user, q));
      return ekspor(await versiTahun(db, clock, tahun), tahun, unit);
    },

    /** rekap.xlsx as bytes, built once per version of the year's data. */
    async rekapXlsx(user: Pengguna, q: FilterRekap) {
      const { tahun, unit } = await filter(lingkupRekap(user, q));
      const versi = await versiTahun(db, clock, tahun);
      const isi = await cacheXlsx(`${tahun}:${unit?.id ?? ''}`, versi, async () => {
        const data = await ekspor(versi, tahun, unit);
        const out = new PassThrough();
        const potongan: Buffer[] = [];
        out.on('data', (b: Buffer) => potongan.push(b));
        await tulisRekapXlsx(data, out);
        return Buffer.concat(potongan);
      });
      return { tahun, unit, isi };
    },
  };
}

export type RekapEkspor = Awaited<ReturnType<ReturnType<typeof createRekapService>['rekapEkspor']>>;
