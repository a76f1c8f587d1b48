import { z } from 'zod';
import { PERAN, emailValid } from '../../domain/pegawai';
import { isOneOf } from '../../domain/pilihan';
import { PESAN_PEGAWAI } from '../../services/admin/pegawai';
import { teks } from '../validasi';

/** A text field, trimmed and cut to a length no real value reaches (garbage is refused, not stored). */
const teksSampai = (n: number) => z.preprocess((v) => teks(v).slice(0, n), z.string());

/** The employee form as typed: what the page shows again when a check fails. */
export const isianPegawai = z.object({
  nip: teksSampai(40),
  nama: teksSampai(300),
  email: teksSampai(300),
  jabatan: teksSampai(300),
  jenis_jabatan: teksSampai(60),
  instansi: teksSampai(20),
  nip_atasan: teksSampai(40),
  peran: teksSampai(20),
  aktif: z.preprocess((v) => teks(v) === '1', z.boolean()),
});

// The fields' own rules. The NIP (its years follow the clock), whether it is free, and the jenis
// jabatan, instansi and atasan named are checked by the service against the database.
export const pegawaiSchema = isianPegawai
  .superRefine((v, ctx) => {
    const galat = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!v.nama || v.nama.length > 150) galat('nama', PESAN_PEGAWAI.nama);
    if (v.email && !emailValid(v.email)) galat('email', PESAN_PEGAWAI.email);
    if (v.jabatan.length > 200) galat('jabatan', PESAN_PEGAWAI.jabatan);
    if (v.jenis_jabatan.length > 40) galat('jenis_jabatan', PESAN_PEGAWAI.jenisJabatan);
    if (!/^\d{1,9}$/.test(v.instansi)) galat('instansi', PESAN_PEGAWAI.instansi);
    if (!isOneOf(PERAN, v.peran)) galat('peran', PESAN_PEGAWAI.peran);
    if (v.nip_atasan && !/^\d{18}$/.test(v.nip_atasan)) galat('nip_atasan', PESAN_PEGAWAI.atasanNip);
    else if (v.nip_atasan && v.nip_atasan === v.nip) galat('nip_atasan', PESAN_PEGAWAI.atasanDiri);
  })
  .transform((v) => ({ ...v, peran: isOneOf(PERAN, v.peran) ? v.peran : 'pegawai' }));
