import { ForbiddenError, NotFoundError } from '../../errors';
import * as suratData from '../../data/surat';
import { findBerkas } from '../../data/berkas';
import { namaFileSurat } from '../../domain/rekomendasi';
import type { Pengguna } from '../../data/pegawai';
import type { Deps } from '../deps';

// The unit's own view: its operator (peran 'operator') sees what concerns their own unit
// (pegawai.instansi_id), never another's. The rekap and capaian are BKPSDM's, scoped in
// lingkupRekap (services/bkpsdm/lingkup.ts); the letters are here.

export const PER_HALAMAN_SURAT = 25;

export function pastikanOperator(user: Pengguna) {
  if (user.peran !== 'operator') throw new ForbiddenError('Halaman ini hanya untuk OPERATOR unit.');
}

export function createUnitService({ db }: Pick<Deps, 'db'>) {
  return {
    /** The rekomendasi decision letters issued to the unit's employees, newest first. */
    async daftarSurat(user: Pengguna, q: { page: string }) {
      pastikanOperator(user);
      const diminta = /^\d{1,6}$/.test(q.page) ? Math.max(1, Number(q.page)) : 1;
      const halaman = (page: number) =>
        suratData.listSuratUnit(db, user.instansi_id, { limit: PER_HALAMAN_SURAT, offset: (page - 1) * PER_HALAMAN_SURAT });
      let { rows, total } = await halaman(diminta);
      const halamanTerakhir = Math.max(1, Math.ceil(total / PER_HALAMAN_SURAT));
      const page = Math.min(diminta, halamanTerakhir);
      // a page past the end shows the last one
      if (page !== diminta) ({ rows, total } = await halaman(page));
      return { surat: rows, total, page, halamanTerakhir, perHalaman: PER_HALAMAN_SURAT, instansi_nama: user.instansi_nama };
    },

    /** A letter's PDF as issued (the same bytes as the employee's download); another unit's: 404. */
    async suratPdf(user: Pengguna, id: number): Promise<{ pdf: Buffer; namaFile: string }> {
      pastikanOperator(user);
      const surat = await suratData.findSuratDiUnit(db, id, user.instansi_id);
      const berkas = surat ? await findBerkas(db, surat.berkas_id) : undefined;
      if (!surat || !berkas) throw new NotFoundError('Surat tidak ditemukan.');
      return { pdf: berkas.isi, namaFile: namaFileSurat(surat.nomor) };
    },
  };
}

export type UnitService = ReturnType<typeof createUnitService>;
