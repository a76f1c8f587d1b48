import bcrypt from 'bcrypt';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../errors';
import * as pegawaiData from '../data/pegawai';
import { formatWaktu, tanggalWIB } from '../domain/waktu';
import type { Deps } from './deps';

export const PESAN = {
  salah: 'NIP atau kata sandi salah',
  terkunci: (sampai: Date) => `Terlalu banyak percobaan masuk yang salah untuk NIP ini. Coba lagi setelah ${formatWaktu(sampai)}.`,
  alamatTerkunci: 'Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam 15 menit.',
  lamaSalah: 'Kata sandi lama salah.',
  terlaluPendek: 'Kata sandi baru paling sedikit 8 karakter.',
  terlaluPanjang: 'Kata sandi baru paling banyak 72 karakter.',
  tidakSama: 'Konfirmasi kata sandi tidak sama dengan kata sandi baru.',
  samaDenganLama: 'Kata sandi baru harus berbeda dari kata sandi lama.',
};

const JENDELA_MS = 15 * 60 * 1000;
const MAKS_GAGAL_NIP = 5;
const MAKS_GAGAL_ALAMAT = 30;
export function createAkunService({ db, clock, config }: Deps) {
  // Compared against when the NIP is unknown, so both answers take as long.
  const HASH_PALSU = bcrypt.hashSync('bangkom-tidak-ada', config.bcryptCost);
  // Per-address failures, per process: a coarse guard against spraying many NIPs.
  const gagalAlamat = new Map<string, number[]>();

  function cekAlamat(ip: string, now: number) {
    const list = (gagalAlamat.get(ip) ?? []).filter((t) => now - t < JENDELA_MS);
    gagalAlamat.set(ip, list);
    if (list.length >= MAKS_GAGAL_ALAMAT) throw new TooManyRequestsError(PESAN.alamatTerkunci);
    return list;
  }

  return {
    /** Checks NIP + password; returns the employee id. */
    async login(nip: string, password: string, ip: string): Promise<number> {
      const now = clock.now();
      const gagalIp = cekAlamat(ip, now.getTime());
      const row = /^\d{18}$/.test(nip) ? await pegawaiData.findByNip(db, nip) : undefined;
      if (row?.terkunci_sampai && row.terkunci_sampai.getTime() > now.getTime()) {
        throw new TooManyRequestsError(PESAN.terkunci(row.terkunci_sampai));
      }
      const cocok = await bcrypt.compare(password.slice(0, 200), row?.password_hash ?? HASH_PALSU);
      if (!row || !row.aktif || !cocok) {
        gagalIp.push(now.getTime());
        if (row) await catatGagal(row.id, now);
        throw new UnauthorizedError(PESAN.salah);
      }
      await db('pegawai').where({ id: row.id }).update({ gagal_login: 0, gagal_login_sejak: null, terkunci_sampai: null });
      return row.id;
    },

    async pengguna(id: number) {
      return pegawaiData.loadPengguna(db, id, tanggalWIB(clock.now()));
    },

    async gantiPassword(userId: number, input: { lama: string; baru: string; konfirmasi: string }) {
      const errors: Record<string, string> = {};
      const row = await pegawaiData.findById(db, userId);
      if (!row) throw new UnauthorizedError();
      if (!(await bcrypt.compare(input.lama.slice(0, 200), row.password_hash))) errors.password_lama = PESAN.lamaSalah;
      if (input.baru.length < 8) errors.password_baru = PESAN.terlaluPendek;
      else if (Buffer.byteLength(input.baru) > 72) errors.password_baru = PESAN.terlaluPanjang;
      else if (input.baru === input.lama) errors.password_baru = PESAN.samaDenganLama;
      if (input.konfirmasi !== input.baru) errors.konfirmasi_password = PESAN.tidakSama;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const hash = await bcrypt.hash(input.baru, config.bcryptCost);
      await db.transaction(async (trx) => {
        const n = await trx('pegawai')
          .where({ id: userId, password_hash: row.password_hash })
          .update({ password_hash: hash, harus_ganti_password: false, updated_at: clock.now() });
        if (n !== 1) throw new ConflictError('Kata sandi baru saja diubah di tempat lain. Silakan ulangi.');
        await trx('audit_log').insert({
          oleh: userId,
          aksi: 'ganti_password',
          entitas: 'pegawai',
          entitas_id: String(userId),
          waktu: clock.now(),
        });
      });
    },
  };

  async function catatGagal(id: number, now: Date) {
    const batas = new Date(now.getTime() - JENDELA_MS);
    const [r] = await db('pegawai')
      .where({ id })
      .update({
        gagal_login: db.raw('CASE WHEN gagal_login_sejak IS NULL OR gagal_login_sejak <= ? THEN 1 ELSE gagal_login + 1 END', [batas]),
        gagal_login_sejak: db.raw('CASE WHEN gagal_login_sejak IS NULL OR gagal_login_sejak <= ? THEN ? ELSE gagal_login_sejak END', [
          batas,
          now,
        ]),
      })
      .returning(['gagal_login', 'gagal_login_sejak']);
    if (r && r.gagal_login >= MAKS_GAGAL_NIP) {
      const sampai = new Date(new Date(r.gagal_login_sejak).getTime() + JENDELA_MS);
      await db('pegawai').where({ id }).update({ terkunci_sampai: sampai });
    }
  }
}

export type AkunService = ReturnType<typeof createAkunService>;
