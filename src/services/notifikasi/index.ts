import { NotFoundError } from '../../errors';
import * as data from '../../data/notifikasi';
import type { Deps } from '../deps';

const PER_HALAMAN = 20;

/** Only a path inside the app is followed, never another site. */
function tautanAman(t: string | null | undefined): string | null {
  return t && t.startsWith('/') && !t.startsWith('//') && !t.includes('\\') ? t : null;
}

// Notifikasi: the user's in-app notifications (the page is titled "Pemberitahuan").
export function createNotifikasiService({ db, clock }: Deps) {
  return {
    async daftar(user: { id: number }, pageMentah?: string) {
      const page = Math.min(Math.max(1, Math.floor(Number(pageMentah)) || 1), 100_000);
      const { rows, total } = await data.listNotifikasi(db, user.id, PER_HALAMAN, (page - 1) * PER_HALAMAN);
      return {
        items: rows.map((r) => ({ ...r, tautan: tautanAman(r.tautan) })),
        total,
        page,
        halaman: Math.max(1, Math.ceil(total / PER_HALAMAN)),
        perHalaman: PER_HALAMAN,
      };
    },

    async baca(user: { id: number }, id: number) {
      const row = await data.updateNotifikasiDibaca(db, user.id, id, clock.now());
      if (!row) throw new NotFoundError();
    },

    async bacaSemua(user: { id: number }) {
      return data.updateSemuaNotifikasiDibaca(db, user.id, clock.now());
    },

    /** Marks it read (on POST) and returns where its link goes. */
    async buka(user: { id: number }, id: number, tandai: boolean): Promise<string> {
      const row = tandai ? await data.updateNotifikasiDibaca(db, user.id, id, clock.now()) : await data.findNotifikasi(db, user.id, id);
      if (!row) throw new NotFoundError();
      return tautanAman(row.tautan) ?? '/notifikasi';
    },
  };
}

export type NotifikasiService = ReturnType<typeof createNotifikasiService>;
