import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../errors';
import * as adminData from '../data/admin';
import { catatAudit } from '../data/audit';
import { daftarInstansi, tutupTahunLalu } from '../data/rekap';
import { gantiKataSandi, type Pengguna } from '../data/pegawai';
import { periksaNip } from '../domain/nip';
import { tahunWIB } from '../domain/waktu';
import type { Deps } from './deps';
import { periksaCsv, terapkanImpor } from './admin-impor';
import { createMasterService } from './admin-master';
import { isOneOf } from '../domain/pilihan';

export const PER_HALAMAN_PEGAWAI = 25;
const PERAN = ['pegawai', 'bkpsdm', 'admin', 'operator'] as const;

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

export interface PegawaiInput {
  nip: string;
  nama: string;
  email: string;
  jabatan: string;
  jenis_jabatan: string;
  instansi: string;
  nip_atasan: string;
  peran: string;
  aktif: boolean;
}

function pastikanAdmin(user: Pengguna) {
  if (user.peran !== 'admin') throw new ForbiddenError('Halaman ini hanya untuk ADMIN.');
}

/** A readable one-time password: 12 characters without look-alikes (0/O, 1/l). */
function passwordSementara(): string {
  const huruf = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(12);
  return Array.from(bytes, (b) => huruf[b % huruf.length]).join('');
}

export function createAdminService(deps: Deps) {
  const { db, clock, config } = deps;

  async function periksa(input: PegawaiInput, id: number | null) {
    const errors: FieldErrors = {};
    const galatNip = periksaNip(input.nip, tahunWIB(clock.now()));
    if (galatNip) errors.nip = galatNip;
    if (!input.nama || input.nama.length > 150) errors.nama = PESAN_PEGAWAI.nama;
    if (input.email && (input.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))) errors.email = PESAN_PEGAWAI.email;
    if (input.jabatan.length > 200) errors.jabatan = PESAN_PEGAWAI.jabatan;
    if (!isOneOf(PERAN, input.peran)) errors.peran = PESAN_PEGAWAI.peran;
    const [jj, ins] = await Promise.all([
      input.jenis_jabatan && input.jenis_jabatan.length <= 40
        ? db('jenis_jabatan').where({ kode: input.jenis_jabatan }).first('kode')
        : undefined,
      /^\d{1,9}$/.test(input.instansi)
        ? db('instansi')
            .where({ id: Number(input.instansi) })
            .first('id')
        : undefined,
    ]);
    if (input.jenis_jabatan && !jj) errors.jenis_jabatan = PESAN_PEGAWAI.jenisJabatan;
    if (!ins) errors.instansi = PESAN_PEGAWAI.instansi;
    if (!galatNip) {
      const lain = await db('pegawai').where({ nip: input.nip }).first('id');
      if (lain && lain.id !== id) errors.nip = PESAN_PEGAWAI.nip;
    }
    let atasanId: number | null = null;
    if (input.nip_atasan) {
      if (!/^\d{18}$/.test(input.nip_atasan)) errors.nip_atasan = PESAN_PEGAWAI.atasanNip;
      else if (input.nip_atasan === input.nip) errors.nip_atasan = PESAN_PEGAWAI.atasanDiri;
      else {
        const a = await db('pegawai').where({ nip: input.nip_atasan }).first('id');
        if (!a) errors.nip_atasan = PESAN_PEGAWAI.atasan;
        else if (a.id === id) errors.nip_atasan = PESAN_PEGAWAI.atasanDiri;
        else if (id !== null && (await adminData.rantaiAtasan(db, a.id)).includes(id)) errors.nip_atasan = PESAN_PEGAWAI.siklus;
        else atasanId = a.id;
      }
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return {
      nip: input.nip,
      nama: input.nama,
      email: input.email || null,
      jabatan: input.jabatan || null,
      jenis_jabatan_kode: input.jenis_jabatan || null,
      instansi_id: Number(input.instansi),
      atasan_id: atasanId,
      peran: input.peran as (typeof PERAN)[number],
      aktif: input.aktif,
    };
  }

  return {
    ...createMasterService(deps),

    async cariPegawai(user: Pengguna, q: { q: string; page: string }) {
      pastikanAdmin(user);
      const kata = q.q.slice(0, 100);
      const jumlah = await adminData.hitungPegawai(db, kata);
      const halamanTerakhir = Math.max(1, Math.ceil(jumlah / PER_HALAMAN_PEGAWAI));
      const page = Math.min(halamanTerakhir, Math.max(1, /^\d{1,6}$/.test(q.page) ? Number(q.page) : 1));
      const rows = await adminData.cariPegawai(db, kata, PER_HALAMAN_PEGAWAI, (page - 1) * PER_HALAMAN_PEGAWAI);
      return { rows, jumlah, page, halamanTerakhir, q: kata, perHalaman: PER_HALAMAN_PEGAWAI };
    },

    async pilihanForm(user: Pengguna) {
      pastikanAdmin(user);
      const [instansi, jenisJabatan] = await Promise.all([
        daftarInstansi(db),
        db('jenis_jabatan').orderBy('urutan').select('kode', 'nama', 'kelompok', 'aktif'),
      ]);
      return { instansi, jenisJabatan, peran: PERAN };
    },

    async pegawai(user: Pengguna, id: number) {
      pastikanAdmin(user);
      const p = Number.isSafeInteger(id) && id > 0 ? await adminData.pegawaiAdmin(db, id) : undefined;
      if (!p) throw new NotFoundError(PESAN_PEGAWAI.tidakAda);
      return p;
    },

    /** Creates an account with a one-time password, returned once to be handed over. */
    async buatPegawai(user: Pengguna, input: PegawaiInput) {
      pastikanAdmin(user);
      const row = await periksa(input, null);
      const password = passwordSementara();
      const hash = await bcrypt.hash(password, config.bcryptCost);
      const waktu = clock.now();
      const id = await db.transaction(async (trx) => {
        // last year keeps the employees it had (see tutupTahun)
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        const [r] = await trx('pegawai')
          .insert({ ...row, password_hash: hash, harus_ganti_password: true, created_at: waktu, updated_at: waktu })
          .onConflict('nip')
          .ignore()
          .returning('id');
        if (!r) throw new ConflictError('NIP ini baru saja didaftarkan di tempat lain.');
        await catatAudit(trx, { oleh: user.id, aksi: 'buat', entitas: 'pegawai', entitas_id: String(r.id), data: row, waktu });
        return r.id as number;
      });
      return { id, password };
    },

    async ubahPegawai(user: Pengguna, id: number, input: PegawaiInput) {
      pastikanAdmin(user);
      const lama = await this.pegawai(user, id);
      const row = await periksa(input, id);
      if (id === user.id && (!row.aktif || row.peran !== 'admin')) throw new ValidationError({ peran: PESAN_PEGAWAI.diriSendiri });
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        await trx('pegawai')
          .where({ id })
          .update({ ...row, updated_at: waktu });
        const sebelum: Record<string, unknown> = { ...lama };
        const berubah = Object.fromEntries(Object.entries(row).filter(([k, v]) => sebelum[k] !== v));
        await catatAudit(trx, { oleh: user.id, aksi: 'ubah', entitas: 'pegawai', entitas_id: String(id), data: berubah, waktu });
      });
    },

    /** A new one-time password; the login sends the user to change it. */
    async resetPassword(user: Pengguna, id: number) {
      pastikanAdmin(user);
      const p = await this.pegawai(user, id);
      const password = passwordSementara();
      const hash = await bcrypt.hash(password, config.bcryptCost);
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        await gantiKataSandi(trx, p, { hash, sementara: true }, waktu);
        await catatAudit(trx, { oleh: user.id, aksi: 'reset_password', entitas: 'pegawai', entitas_id: String(id), waktu });
      });
      return { pegawai: p, password };
    },

    /** Dry run (periksa) or import: the report row by row; the import writes only a file without refusals. */
    async imporPegawai(user: Pengguna, berkas: Buffer, aksi: 'periksa' | 'impor') {
      pastikanAdmin(user);
      if (aksi === 'periksa') {
        const { laporan } = await periksaCsv(db, berkas, tahunWIB(clock.now()));
        return { laporan, diimpor: false, ditolak: !!laporan.galat || laporan.jumlah.tolak > 0 };
      }
      // Checked again inside the transaction, so what is written is exactly what was checked.
      const waktu = clock.now();
      const hasil = await db.transaction(async (trx) => {
        const { laporan, rencana } = await periksaCsv(trx, berkas, tahunWIB(waktu));
        if (laporan.galat || laporan.jumlah.tolak > 0) return { laporan, diimpor: false, ditolak: true };
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        const r = await terapkanImpor(trx, rencana, waktu);
        await catatAudit(trx, {
          oleh: user.id,
          aksi: 'impor',
          entitas: 'pegawai',
          data: { ...r, baris: laporan.baris.length },
          waktu,
        });
        return { laporan, diimpor: true, ditolak: false };
      });
      return hasil;
    },
  };
}
