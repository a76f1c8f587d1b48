import bcrypt from 'bcrypt';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError, type FieldErrors } from '../../errors';
import * as pegawaiData from '../../data/pegawai';
import { deletePercobaan, findPercobaan, upsertPercobaan } from '../../data/percobaan';
import { insertAudit } from '../../data/audit';
import { deleteSesi, findSesiPengguna, saveSesi } from '../../data/sesi';
import { galatKataSandiBaru } from '../../domain/kata-sandi';
import { formatWaktu, tanggalWIB } from '../../domain/waktu';
import type { Deps } from '../deps';

export const PESAN = {
  salah: 'NIP atau kata sandi salah',
  terkunci: (sampai: Date) =>
    `Terlalu banyak percobaan masuk yang salah untuk NIP ini. Coba lagi setelah ${formatWaktu(sampai)}, ` +
    'atau masuk dari perangkat yang pernah Anda pakai untuk masuk, atau atur ulang kata sandi lewat "Lupa kata sandi".',
  alamatTerkunci: 'Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam 15 menit.',
  lamaSalah: 'Kata sandi lama salah.',
  diubahDiTempatLain: 'Kata sandi baru saja diubah di tempat lain. Silakan ulangi.',
};

// Throttles (ASVS 2.2): wrong passwords are counted per NIP — known or not, so the answers are
// the same — per address and per known device, in the database (every process sees them).
// A known device is judged by its own count only: a NIP locked by someone else still opens there.
export const JENDELA_MS = 15 * 60 * 1000;
const MAKS_GAGAL_NIP = 5;
const MAKS_GAGAL_ALAMAT = 30;
const MAKS_GAGAL_PERANGKAT = 10;

export interface AsalLogin {
  alamat: string;
  /** the id of a genuine device cookie for this NIP, if the browser has one */
  perangkat?: string;
}

// Akun: signing in (with its throttles), the signed-in user, and changing one's password.
export function createAkunService({ db, clock, config }: Deps) {
  // Compared against when the NIP is unknown or locked, so every answer takes as long.
  const HASH_PALSU = bcrypt.hashSync('bangkom-tidak-ada', config.bcryptCost);

  async function penuh(kunci: string, maks: number, now: Date) {
    const h = await findPercobaan(db, kunci, now, JENDELA_MS);
    return h && h.jumlah >= maks ? new Date(h.sejak.getTime() + JENDELA_MS) : undefined;
  }

  return {
    /** Checks NIP + password; returns the employee and the stamp its session is bound to. */
    async login(nip: string, password: string, asal: AsalLogin): Promise<{ id: number; kunci_sesi: string }> {
      const now = clock.now();
      const kunci = { nip: `nip:${nip}`, alamat: `alamat:${asal.alamat}`, perangkat: `perangkat:${asal.perangkat}` };
      const dikenal = !!asal.perangkat && !(await penuh(kunci.perangkat, MAKS_GAGAL_PERANGKAT, now));
      if (!dikenal) {
        if (await penuh(kunci.alamat, MAKS_GAGAL_ALAMAT, now)) throw new TooManyRequestsError(PESAN.alamatTerkunci);
        const sampai = await penuh(kunci.nip, MAKS_GAGAL_NIP, now);
        if (sampai) {
          await bcrypt.compare(password.slice(0, 200), HASH_PALSU);
          throw new TooManyRequestsError(PESAN.terkunci(sampai));
        }
      }
      const row = await pegawaiData.findByNip(db, nip);
      const cocok = await bcrypt.compare(password.slice(0, 200), row?.password_hash ?? HASH_PALSU);
      if (!row || !row.aktif || !cocok) {
        if (dikenal) await upsertPercobaan(db, kunci.perangkat, now, JENDELA_MS);
        else for (const k of [kunci.nip, kunci.alamat]) await upsertPercobaan(db, k, now, JENDELA_MS);
        throw new UnauthorizedError(PESAN.salah);
      }
      await deletePercobaan(db, kunci.nip, kunci.perangkat);
      return { id: row.id, kunci_sesi: pegawaiData.kunciSesi(row.password_hash) };
    },

    async pengguna(id: number) {
      return pegawaiData.loadPengguna(db, id, tanggalWIB(clock.now()));
    },

    /** A session with its user, in one query. Expiry is on the real clock, as simpanSesi writes
     *  it (a session's hours are real hours, whatever day the app's clock says); the counters on the app's. */
    async sesi(sid: string) {
      return findSesiPengguna(db, sid, new Date(), tanggalWIB(clock.now()));
    },

    /** Stores a session (its JSON) for `umurMs` from now: a new one, or one still in the table; whether it was stored. */
    async simpanSesi(sid: string, sess: string, umurMs: number, baru: boolean) {
      return saveSesi(db, sid, sess, new Date(Date.now() + umurMs), baru);
    },

    async hapusSesi(sid: string) {
      await deleteSesi(db, sid);
    },

    async gantiPassword(userId: number, input: { lama: string; baru: string; konfirmasi: string }) {
      const row = await pegawaiData.findById(db, userId);
      if (!row) throw new UnauthorizedError();
      const errors: FieldErrors = {};
      if (!(await bcrypt.compare(input.lama, row.password_hash))) errors.password_lama = PESAN.lamaSalah;
      Object.assign(errors, galatKataSandiBaru(input.baru, input.konfirmasi, row, input.lama));
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const hash = await bcrypt.hash(input.baru, config.bcryptCost);
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        const sekarang = await pegawaiData.lockPegawai(trx, userId);
        if (sekarang?.password_hash !== row.password_hash) throw new ConflictError(PESAN.diubahDiTempatLain);
        await pegawaiData.gantiKataSandi(trx, row, { hash, sementara: false }, waktu);
        await insertAudit(trx, { oleh: userId, aksi: 'ganti_password', entitas: 'pegawai', entitas_id: String(userId), waktu });
      });
    },
  };
}

export type AkunService = ReturnType<typeof createAkunService>;
