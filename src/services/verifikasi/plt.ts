import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import { insertAudit } from '../../data/audit';
import { findByNip, type PegawaiRow } from '../../data/pegawai';
import * as data from '../../data/plt';
import { isTanggal, tambahHari, tanggalWIB } from '../../domain/waktu';
import { kirimNotifikasi } from '../notifikasi/kirim';
import type { Pelaku } from '../transisi';
import type { Deps } from '../deps';

// Plt: BKPSDM (or admin) names a stand-in who verifies for an atasan between two dates.

const PESAN = {
  nipAtasan: 'NIP atasan tidak ditemukan atau tidak aktif.',
  nipPengganti: 'NIP pengganti tidak ditemukan atau tidak aktif.',
  nipFormat: 'NIP terdiri dari 18 angka.',
  samaOrang: 'Pengganti tidak boleh atasan itu sendiri.',
  tanggal: 'Isi tanggal yang benar (YYYY-MM-DD).',
  urutanTanggal: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  sudahLewat: 'Tanggal selesai tidak boleh sebelum hari ini.',
  keterangan: 'Keterangan paling banyak 500 karakter.',
  pltBerakhir: 'Penunjukan Plt ini sudah berakhir.',
};

/** The Plt form as parsed (every field a trimmed string). */
export interface PltInput {
  nip_atasan: string;
  nip_pengganti: string;
  mulai: string;
  selesai: string;
  keterangan: string;
}

/** Every naming and ending of a stand-in is in the audit log. */
const catatPlt = (trx: Knex.Transaction, oleh: Pelaku, aksi: 'plt_buat' | 'plt_akhiri', id: number, isi: object, waktu: Date) =>
  insertAudit(trx, { oleh: oleh.id, aksi, entitas: 'plt', entitas_id: String(id), data: isi, waktu });

export function createPltService({ db, clock, config }: Deps) {
  const hariIni = () => tanggalWIB(clock.now());

  return {
    /** Stand-ins of the last 90 days and to come, and the employees nobody can verify for. */
    async daftar() {
      const hari = hariIni();
      const [plt, tanpaAtasan] = await Promise.all([data.listPlt(db, tambahHari(hari, -90), 200), data.listPegawaiTanpaAtasan(db)]);
      return {
        hariIni: hari,
        plt: plt.map((p) => ({ ...p, keadaan: p.mulai > hari ? 'akan' : p.selesai < hari ? 'selesai' : 'aktif' })),
        tanpaAtasan,
      };
    },

    /**
     * Names a stand-in. Every field is checked at once, the NIPs against the employees too, so
     * one submission shows every message.
     */
    async buat(user: Pelaku, input: PltInput) {
      const errors: FieldErrors = {};
      const hari = hariIni();
      const cariAktif = async (nip: string, field: string, pesan: string): Promise<PegawaiRow | undefined> => {
        if (!/^\d{18}$/.test(nip)) {
          errors[field] = PESAN.nipFormat;
          return undefined;
        }
        const p = await findByNip(db, nip);
        if (!p || !p.aktif) errors[field] = pesan;
        return p && p.aktif ? p : undefined;
      };
      const atasan = await cariAktif(input.nip_atasan, 'nip_atasan', PESAN.nipAtasan);
      const pengganti = await cariAktif(input.nip_pengganti, 'nip_pengganti', PESAN.nipPengganti);
      if (atasan && pengganti && atasan.id === pengganti.id) errors.nip_pengganti = PESAN.samaOrang;
      if (!isTanggal(input.mulai)) errors.mulai = PESAN.tanggal;
      if (!isTanggal(input.selesai)) errors.selesai = PESAN.tanggal;
      else if (isTanggal(input.mulai) && input.selesai < input.mulai) errors.selesai = PESAN.urutanTanggal;
      else if (input.selesai < hari) errors.selesai = PESAN.sudahLewat;
      if (input.keterangan.length > 500) errors.keterangan = PESAN.keterangan;
      if (Object.keys(errors).length || !atasan || !pengganti) throw new ValidationError(errors);
      const now = clock.now();
      return db.transaction(async (trx) => {
        const id = await data.insertPlt(trx, {
          atasan_id: atasan.id,
          pengganti_id: pengganti.id,
          mulai: input.mulai,
          selesai: input.selesai,
          keterangan: input.keterangan || null,
          dibuat_oleh: user.id,
          created_at: now,
        });
        await catatPlt(
          trx,
          user,
          'plt_buat',
          id,
          { atasan: atasan.nip, pengganti: pengganti.nip, mulai: input.mulai, selesai: input.selesai },
          now,
        );
        await kirimNotifikasi(
          trx,
          {
            pegawaiId: pengganti.id,
            judul: 'Anda ditunjuk sebagai Plt verifikator',
            pesan: `Anda ditunjuk sebagai Plt ${atasan.nama} untuk memverifikasi pengajuan bawahannya, ${input.mulai} s/d ${input.selesai}.`,
            tautan: '/verifikasi',
          },
          now,
          config.baseUrl,
        );
        return id;
      });
    },

    /** For the confirmation page: a stand-in that has not ended yet. */
    async untukDiakhiri(id: number) {
      const [p] = await data.listPlt(db, '0001-01-01', 1, id);
      if (!p) throw new NotFoundError();
      if (p.selesai < hariIni()) throw new ConflictError(PESAN.pltBerakhir);
      return p;
    },

    /** Ends a stand-in today (it no longer applies from now); one that has not started is cancelled. */
    async akhiri(user: Pelaku, id: number) {
      const hari = hariIni();
      const now = clock.now();
      await db.transaction(async (trx) => {
        const p = await data.lockPlt(trx, id);
        if (!p) throw new NotFoundError();
        if (p.selesai < hari) throw new ConflictError(PESAN.pltBerakhir);
        const kemarin = tambahHari(hari, -1);
        if (p.mulai > kemarin) await data.deletePlt(trx, id);
        else await data.updatePlt(trx, id, { selesai: kemarin });
        const lama = { atasan_id: p.atasan_id, pengganti_id: p.pengganti_id, mulai: p.mulai, selesai_lama: p.selesai };
        await catatPlt(trx, user, 'plt_akhiri', id, lama, now);
      });
    },
  };
}
