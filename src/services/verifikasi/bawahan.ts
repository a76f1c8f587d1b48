import { NotFoundError } from '../../errors';
import { findBawahan, listBawahan } from '../../data/bawahan';
import { listRincianTahun } from '../../data/pengajuan';
import type { Pengguna } from '../../data/pegawai';
import { jpTahun } from '../../data/verifikasi';
import { TARGET_JP_TAHUNAN } from '../../domain/laporan';
import { tahunWIB } from '../../domain/waktu';
import type { Pelaku } from '../transisi';
import type { Deps } from '../deps';

// Bawahan Langsung: an atasan's direct subordinates, their items and JP against the yearly target.

/** A year from the query string (2000–2100), else undefined. */
function tahunValid(s: string | undefined): number | undefined {
  if (!s || !/^\d{4}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 2000 && n <= 2100 ? n : undefined;
}

export function createBawahanService({ db, clock }: Deps) {
  return {
    /** Direct subordinates with items by status and JP against 20 JP. */
    async daftar(user: Pengguna, tahunMentah?: string) {
      const tahun = tahunValid(tahunMentah) ?? tahunWIB(clock.now());
      const list = await listBawahan(db, user.id, tahun);
      const tahunTersedia = user.periode.map((p) => p.tahun);
      if (!tahunTersedia.includes(tahun)) tahunTersedia.unshift(tahun);
      return {
        tahun,
        tahunTersedia,
        targetJp: TARGET_JP_TAHUNAN,
        bawahan: list.map((b) => ({
          ...b,
          persen: Math.min(100, Math.round((b.jp.realisasi / TARGET_JP_TAHUNAN) * 100)),
          tercapai: b.jp.realisasi >= TARGET_JP_TAHUNAN,
        })),
      };
    },

    /** One direct subordinate's items of a year, read-only; 404 if not a direct subordinate. */
    async pegawai(user: Pelaku, pegawaiId: number, tahunMentah?: string) {
      const tahun = tahunValid(tahunMentah) ?? tahunWIB(clock.now());
      const p = await findBawahan(db, user.id, pegawaiId);
      if (!p) throw new NotFoundError();
      const [items, jp] = await Promise.all([listRincianTahun(db, pegawaiId, tahun), jpTahun(db, [pegawaiId], tahun)]);
      return {
        tahun,
        pegawai: p,
        items,
        jp: jp.get(pegawaiId) ?? { rencana: 0, realisasi: 0 },
        targetJp: TARGET_JP_TAHUNAN,
      };
    },
  };
}
