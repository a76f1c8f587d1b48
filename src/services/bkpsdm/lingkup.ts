import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import * as rekapData from '../../data/rekap';
import type { Pengguna } from '../../data/pegawai';
import { tahunWIB, type Clock } from '../../domain/waktu';

// What every BKPSDM use case shares: who may see it, which year and unit a query asks for, the
// version of the year's data and the cache keyed by it.

export const PESAN_REKAP = {
  tahun: 'Tahun harus angka 4 digit antara 2000 dan 2100.',
  instansi: 'Instansi tidak ditemukan.',
};

export function pastikanBkpsdm(user: Pengguna): void {
  if (user.peran !== 'bkpsdm' && user.peran !== 'admin') throw new ForbiddenError('Halaman ini hanya untuk BKPSDM / ADMIN.');
}

export interface FilterRekap {
  tahun: string;
  instansi: string;
}

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
export async function filterRekap(
  db: Knex,
  clock: Clock,
  q: FilterRekap,
): Promise<{ tahun: number; unit: rekapData.InstansiRingkas | undefined }> {
  let tahun = tahunWIB(clock.now());
  if (q.tahun !== '') {
    tahun = /^\d{4}$/.test(q.tahun) ? Number(q.tahun) : NaN;
    if (!(tahun >= 2000 && tahun <= 2100)) throw new ValidationError({ tahun: PESAN_REKAP.tahun });
  }
  let unit: rekapData.InstansiRingkas | undefined;
  if (q.instansi !== '') {
    unit = q.instansi.length <= 30 ? await rekapData.findInstansi(db, q.instansi) : undefined;
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
  const v = await rekapData.findVersiRekap(db, tahun);
  const tahunIni = tahunWIB(clock.now());
  if (v.tutup || tahun >= tahunIni) return v.versi;
  await rekapData.tutupTahun(db, tahunIni, clock.now(), tahun);
  return (await rekapData.findVersiRekap(db, tahun)).versi;
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
