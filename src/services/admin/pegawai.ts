import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import * as adminData from '../../data/admin';
import { findInstansi, findJenisJabatan, listJenisJabatan } from '../../data/master';
import { insertAudit } from '../../data/audit';
import { listInstansi, tutupTahunLalu } from '../../data/rekap';
import { gantiKataSandi, type Pengguna } from '../../data/pegawai';
import { periksaNip } from '../../domain/nip';
import { PERAN, type Peran } from '../../domain/pegawai';
import { tahunWIB } from '../../domain/waktu';
import type { Deps } from '../deps';
import { pastikanAdmin } from './akses';

export const PER_HALAMAN_PEGAWAI = 25;

export const PESAN_PEGAWAI = {
  nip: 'NIP sudah dipakai pegawai lain.',
  nama: 'Nama wajib diisi (paling banyak 150 karakter).',
  email: 'Alamat e-mail tidak valid.',
  jabatan: 'Jabatan paling banyak 200 karakter.',
  jenisJabatan: 'Pilih jenis jabatan dari daftar.',
  instansi: 'Pilih instansi dari daftar.',
  peran: 'Pilih peran dari daftar.',
  atasan: 'Atasan dengan NIP ini tidak ditemukan.',
  atasanNip: 'NIP atasan harus 18 angka.',
  atasanDiri: 'Atasan tidak boleh pegawai itu sendiri.',
  siklus: 'Atasan ini berada di bawah pegawai tersebut (rantai atasan berputar).',
  diriSendiri: 'Anda tidak dapat menonaktifkan akun sendiri atau mencabut peran admin Anda sendiri.',
  tidakAda: 'Pegawai tidak ditemukan.',
};

/**
 * The employee form as its schema parsed it: the fields' own rules hold (name, e-mail, role, the
 * atasan's NIP written as 18 digits and not the employee's own). What needs the clock or the
 * database is checked here: the NIP (its years), that it is free, the jenis jabatan, the instansi,
 * the atasan and the chain above them.
 */
export interface PegawaiInput {
  nip: string;
  nama: string;
  email: string;
  jabatan: string;
  jenis_jabatan: string;
  /** the instansi's id, as digits */
  instansi: string;
  nip_atasan: string;
  peran: Peran;
  aktif: boolean;
}

/** A readable one-time password: 12 characters without look-alikes (0/O, 1/l). */
function passwordSementara(): string {
  const huruf = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(12);
  return Array.from(bytes, (b) => huruf[b % huruf.length]).join('');
}

// Admin: employees — search, create, edit, one-time password.
export function createPegawaiService({ db, clock, config }: Deps) {
  async function periksa(input: PegawaiInput, id: number | null): Promise<adminData.PegawaiForm> {
    const errors: FieldErrors = {};
    const galatNip = periksaNip(input.nip, tahunWIB(clock.now()));
    if (galatNip) errors.nip = galatNip;
    const [jj, ins, lain, atasan] = await Promise.all([
      input.jenis_jabatan ? findJenisJabatan(db, input.jenis_jabatan) : undefined,
      findInstansi(db, Number(input.instansi)),
      galatNip ? undefined : adminData.findIdPegawai(db, input.nip),
      input.nip_atasan ? adminData.findIdPegawai(db, input.nip_atasan) : undefined,
    ]);
    if (input.jenis_jabatan && !jj) errors.jenis_jabatan = PESAN_PEGAWAI.jenisJabatan;
    if (!ins) errors.instansi = PESAN_PEGAWAI.instansi;
    if (lain !== undefined && lain !== id) errors.nip = PESAN_PEGAWAI.nip;
    if (input.nip_atasan) {
      if (atasan === undefined) errors.nip_atasan = PESAN_PEGAWAI.atasan;
      else if (atasan === id) errors.nip_atasan = PESAN_PEGAWAI.atasanDiri;
      else if (id !== null && (await adminData.listRantaiAtasan(db, atasan)).includes(id)) errors.nip_atasan = PESAN_PEGAWAI.siklus;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return {
      nip: input.nip,
      nama: input.nama,
      email: input.email || null,
      jabatan: input.jabatan || null,
      jenis_jabatan_kode: input.jenis_jabatan || null,
      instansi_id: Number(input.instansi),
      atasan_id: atasan ?? null,
      peran: input.peran,
      aktif: input.aktif,
    };
  }

  async function lihat(user: Pengguna, id: number) {
    pastikanAdmin(user);
    const p = Number.isSafeInteger(id) && id > 0 ? await adminData.findPegawaiAdmin(db, id) : undefined;
    if (!p) throw new NotFoundError(PESAN_PEGAWAI.tidakAda);
    return p;
  }

  return {
    async cari(user: Pengguna, q: { q: string; page: string }) {
      pastikanAdmin(user);
      const kata = q.q.slice(0, 100);
      const jumlah = await adminData.countPegawai(db, kata);
      const halamanTerakhir = Math.max(1, Math.ceil(jumlah / PER_HALAMAN_PEGAWAI));
      const page = Math.min(halamanTerakhir, Math.max(1, /^\d{1,6}$/.test(q.page) ? Number(q.page) : 1));
      const rows = await adminData.listPegawai(db, kata, PER_HALAMAN_PEGAWAI, (page - 1) * PER_HALAMAN_PEGAWAI);
      return { rows, jumlah, page, halamanTerakhir, q: kata, perHalaman: PER_HALAMAN_PEGAWAI };
    },

    async pilihanForm(user: Pengguna) {
      pastikanAdmin(user);
      const [instansi, jenisJabatan] = await Promise.all([listInstansi(db), listJenisJabatan(db)]);
      return { instansi, jenisJabatan, peran: PERAN };
    },

    lihat,

    /** Creates an account with a one-time password, returned once to be handed over. */
    async buat(user: Pengguna, input: PegawaiInput) {
      pastikanAdmin(user);
      const row = await periksa(input, null);
      const password = passwordSementara();
      const hash = await bcrypt.hash(password, config.bcryptCost);
      const waktu = clock.now();
      const id = await db.transaction(async (trx) => {
        // last year keeps the employees it had (see tutupTahun)
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        const baru = await adminData.insertPegawai(trx, row, hash, waktu);
        if (baru === undefined) throw new ConflictError('NIP ini baru saja didaftarkan di tempat lain.');
        await insertAudit(trx, { oleh: user.id, aksi: 'buat', entitas: 'pegawai', entitas_id: String(baru), data: row, waktu });
        return baru;
      });
      return { id, password };
    },

    async ubah(user: Pengguna, id: number, input: PegawaiInput) {
      const lama = await lihat(user, id);
      const row = await periksa(input, id);
      if (id === user.id && (!row.aktif || row.peran !== 'admin')) throw new ValidationError({ peran: PESAN_PEGAWAI.diriSendiri });
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        await adminData.updatePegawai(trx, id, row, waktu);
        const sebelum: Record<string, unknown> = { ...lama };
        const berubah = Object.fromEntries(Object.entries(row).filter(([k, v]) => sebelum[k] !== v));
        await insertAudit(trx, { oleh: user.id, aksi: 'ubah', entitas: 'pegawai', entitas_id: String(id), data: berubah, waktu });
      });
    },

    /** A new one-time password; the login sends the user to change it. */
    async resetPassword(user: Pengguna, id: number) {
      const p = await lihat(user, id);
      const password = passwordSementara();
      const hash = await bcrypt.hash(password, config.bcryptCost);
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        await gantiKataSandi(trx, p, { hash, sementara: true }, waktu);
        await insertAudit(trx, { oleh: user.id, aksi: 'reset_password', entitas: 'pegawai', entitas_id: String(id), waktu });
      });
      return { pegawai: p, password };
    },
  };
}
