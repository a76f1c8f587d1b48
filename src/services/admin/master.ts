import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import type { Pengguna } from '../../data/pegawai';
import * as masterData from '../../data/master';
import { listPengaturan, upsertPengaturan } from '../../data/pengaturan';
import { insertAudit } from '../../data/audit';
import { periksaNip } from '../../domain/nip';
import type { Deps } from '../deps';
import { pastikanAdmin } from './akses';

// Master data, table-driven: each list is described once (its fields and their limits) and edited
// through the same create/edit form. Rows in use are deactivated (aktif = false), never deleted.

export interface Kolom {
  nama: string;
  label: string;
  jenis: 'teks' | 'panjang' | 'angka' | 'pilihan' | 'aktif';
  maks?: number;
  wajib?: boolean;
  pilihan?: [string, string][];
  bantuan?: string;
}

export interface DefinisiMaster {
  judul: string;
  tabel: masterData.TabelMaster;
  kunci: string;
  /** the key is typed by the admin (codes) or generated (ids) */
  kunciDiketik: boolean;
  kolom: Kolom[];
  urut: string;
}

const JALUR: [string, string][] = [
  ['tugas_belajar', 'Tugas Belajar'],
  ['klasikal', 'Pelatihan Klasikal'],
  ['non_klasikal', 'Pelatihan Non Klasikal'],
];

// The columns most lists share.
const kode = (maks: number): Kolom => ({ nama: 'kode', label: 'Kode', jenis: 'teks', maks, wajib: true });
const nama = (maks: number): Kolom => ({ nama: 'nama', label: 'Nama', jenis: 'teks', maks, wajib: true });
const URUTAN: Kolom = { nama: 'urutan', label: 'Urutan', jenis: 'angka', wajib: true };
const AKTIF: Kolom = { nama: 'aktif', label: 'Aktif', jenis: 'aktif' };

/** A list keyed by a code the admin types, shown in its own order (urutan), with an active flag. */
function daftarBerkode(judul: string, tabel: masterData.TabelMaster, kolom: Kolom[]): DefinisiMaster {
  return { judul, tabel, kunci: 'kode', kunciDiketik: true, urut: 'urutan', kolom: [...kolom, URUTAN, AKTIF] };
}

export const MASTER: Record<string, DefinisiMaster> = {
  instansi: {
    judul: 'Instansi',
    tabel: 'instansi',
    kunci: 'id',
    kunciDiketik: false,
    urut: 'nama',
    kolom: [
      kode(30),
      nama(200),
      { nama: 'singkatan', label: 'Singkatan', jenis: 'teks', maks: 60 },
      {
        nama: 'jabatan_pimpinan',
        label: 'Jabatan pimpinan',
        jenis: 'teks',
        maks: 200,
        bantuan:
          'Sebutan pimpinan pada alamat surat, misalnya Inspektur, Sekretaris Daerah, Direktur RSUD …. Kosong: "Kepala" dan nama instansi.',
      },
      { nama: 'alamat', label: 'Alamat', jenis: 'teks', maks: 300 },
      AKTIF,
    ],
  },
  'bentuk-pengembangan': daftarBerkode('Bentuk Pengembangan', 'bentuk_pengembangan', [
    kode(60),
    { nama: 'jalur', label: 'Jalur', jenis: 'pilihan', pilihan: JALUR, wajib: true },
    nama(200),
    { nama: 'panduan_jp', label: 'Panduan JP', jenis: 'teks', maks: 200, bantuan: 'Contoh: 4 JP per hari. Hanya panduan.' },
    { nama: 'jp_per_hari_maks', label: 'JP per hari paling banyak', jenis: 'angka', bantuan: 'Untuk peringatan, tidak menolak.' },
    { nama: 'jenis_diklat_siasn', label: 'Jenis diklat SIASN', jenis: 'teks', maks: 100, bantuan: 'Dipakai pada ekspor SIASN.' },
  ]),
  'jenis-jabatan': daftarBerkode('Jenis Jabatan', 'jenis_jabatan', [
    kode(40),
    nama(120),
    { nama: 'kelompok', label: 'Kelompok', jenis: 'teks', maks: 60, wajib: true },
  ]),
  kompetensi: daftarBerkode('Kompetensi (SKJ)', 'kompetensi', [
    kode(10),
    nama(120),
    {
      nama: 'kelompok',
      label: 'Kelompok',
      jenis: 'pilihan',
      wajib: true,
      pilihan: [
        ['manajerial', 'Manajerial'],
        ['sosial_kultural', 'Sosial Kultural'],
        ['teknis', 'Teknis'],
      ],
    },
  ]),
  'sumber-dana': daftarBerkode('Sumber Dana', 'sumber_dana', [kode(20), nama(100)]),
};

/** A logo of up to 200 KB, as a data: URL in base64. */
export const MAKS_LOGO_BYTE = 200 * 1024;
const MAKS_LOGO_DATA = Math.ceil(MAKS_LOGO_BYTE / 3) * 4 + 40;

export const KUNCI_SURAT: [string, string][] = [
  ['surat.pemerintah', 'Pemerintah (baris pertama kop)'],
  ['surat.badan', 'Nama badan'],
  ['surat.alamat', 'Alamat'],
  ['surat.kontak', 'Telepon / laman'],
  ['surat.logo', 'Logo (terisi otomatis dari unggahan; kosongkan untuk lambang bawaan)'],
  ['surat.kota', 'Kota tempat surat'],
  ['surat.penandatangan_jabatan', 'Jabatan penanda tangan'],
  ['surat.penandatangan_nama', 'Nama penanda tangan'],
  ['surat.penandatangan_pangkat', 'Pangkat/golongan penanda tangan'],
  ['surat.penandatangan_nip', 'NIP penanda tangan'],
  ['surat.pola_nomor', 'Pola nomor surat ({nomor}, {tahun})'],
  ['surat.tembusan', 'Tembusan (satu per baris)'],
];

// letter settings that must read as words (the kop, the place, the signer)
const SURAT_WAJIB = ['pemerintah', 'badan', 'alamat', 'kota', 'penandatangan_jabatan', 'penandatangan_nama'];

const PESAN = {
  wajib: 'Wajib diisi.',
  panjang: (n: number) => `Paling banyak ${n} karakter.`,
  angka: 'Harus angka 0–9999.',
  pilihan: 'Pilih dari daftar.',
  kode: 'Kode diawali huruf, lalu hanya huruf, angka, titik, garis bawah, dan tanda hubung.',
  huruf: 'Harus memuat huruf.',
  nip: 'NIP penanda tangan tidak valid.',
  pola: 'Pola nomor harus memuat {nomor}.',
  kembar: 'Kode ini sudah dipakai.',
  level: 'Pilih level 1–5.',
  teksLevel: 'Deskripsi dan indikator wajib diisi (paling banyak 4000 karakter).',
  surat: 'Logo paling besar 200 KB (gambar PNG atau JPEG).',
};

export type NilaiForm = Record<string, unknown>;

// Admin: master data and the letter settings.
export function createMasterService({ db, clock }: Deps) {
  function definisi(jenis: string): DefinisiMaster {
    const d = Object.prototype.hasOwnProperty.call(MASTER, jenis) ? MASTER[jenis] : undefined;
    if (!d) throw new NotFoundError();
    return d;
  }

  function periksa(d: DefinisiMaster, v: NilaiForm, baru: boolean) {
    const errors: FieldErrors = {};
    const row: masterData.BarisMaster = {};
    for (const k of d.kolom) {
      const x = v[k.nama];
      const s = typeof x === 'string' ? x.trim() : '';
      if (k.nama === d.kunci && !baru) continue;
      if (k.jenis === 'aktif') row[k.nama] = s === '1';
      else if (k.jenis === 'angka') {
        if (s === '' && !k.wajib) row[k.nama] = null;
        else if (!/^\d{1,4}([.,]\d)?$/.test(s)) errors[k.nama] = PESAN.angka;
        else row[k.nama] = Number(s.replace(',', '.'));
      } else if (k.jenis === 'pilihan') {
        if (!k.pilihan?.some(([p]) => p === s)) errors[k.nama] = PESAN.pilihan;
        else row[k.nama] = s;
      } else {
        if (!s && k.wajib) errors[k.nama] = PESAN.wajib;
        else if (k.maks && s.length > k.maks) errors[k.nama] = PESAN.panjang(k.maks);
        else if (k.nama === 'kode' && s && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(s)) errors[k.nama] = PESAN.kode;
        else if (k.nama === 'nama' && s && !/\p{L}/u.test(s)) errors[k.nama] = PESAN.huruf;
        else row[k.nama] = s || null;
      }
    }
    return { errors, row };
  }

  return {
    async daftar(user: Pengguna) {
      pastikanAdmin(user);
      const jumlah = await Promise.all(
        Object.entries(MASTER).map(async ([jenis, d]) => ({ jenis, judul: d.judul, ...(await masterData.countMaster(db, d.tabel)) })),
      );
      return { jumlah };
    },

    async list(user: Pengguna, jenis: string) {
      pastikanAdmin(user);
      const d = definisi(jenis);
      const rows = await masterData.listMaster(db, d.tabel, d.urut);
      return { jenis, d, rows };
    },

    /** One row with, for a jenis jabatan its standard levels, for a kompetensi its level texts. */
    async row(user: Pengguna, jenis: string, kunci: string) {
      pastikanAdmin(user);
      const d = definisi(jenis);
      const id = d.kunci === 'id' ? (/^\d{1,9}$/.test(kunci) ? Number(kunci) : -1) : kunci.slice(0, 60);
      const row = await masterData.findMaster(db, d.tabel, d.kunci, id);
      if (!row) throw new NotFoundError();
      const ekstra: Record<string, unknown> = {};
      if (jenis === 'jenis-jabatan') {
        ekstra.kompetensi = await masterData.listKompetensi(db);
        const st = await masterData.listStandarJenisJabatan(db, kunci);
        ekstra.standar = Object.fromEntries(st.map((s) => [s.kompetensi_kode, s.level]));
      }
      if (jenis === 'kompetensi') {
        const lv = await masterData.listLevelKompetensi(db, kunci);
        ekstra.level = Object.fromEntries(lv.map((l) => [`L${l.level}`, { deskripsi: l.deskripsi, indikator: l.indikator }]));
      }
      return { jenis, d, row, ...ekstra };
    },

    async simpan(user: Pengguna, jenis: string, kunci: string | null, v: NilaiForm) {
      pastikanAdmin(user);
      const d = definisi(jenis);
      const baru = kunci === null;
      const { errors, row } = periksa(d, v, baru);
      // Standard levels (jenis jabatan) and level texts (kompetensi) come with the row.
      const standar: { kompetensi_kode: string; level: number }[] = [];
      const level: { level: number; deskripsi: string; indikator: string }[] = [];
      if (jenis === 'jenis-jabatan' && !baru) {
        const s = (v.standar ?? {}) as Record<string, unknown>;
        for (const k of await masterData.listKompetensi(db)) {
          if (s[k.kode] === undefined) continue;
          const sk = s[k.kode];
          const x = typeof sk === 'string' ? sk : '';
          if (x === '') continue;
          if (!/^[1-5]$/.test(x)) errors[`standar[${k.kode}]`] = PESAN.level;
          else standar.push({ kompetensi_kode: k.kode, level: Number(x) });
        }
      }
      if (jenis === 'kompetensi' && !baru) {
        const l = (v.level ?? {}) as Record<string, { deskripsi?: unknown; indikator?: unknown } | undefined>;
        for (let i = 1; i <= 5; i++) {
          // keys are L1..L5: the query parser would turn numeric keys into a compacted array
          const x = l[`L${i}`];
          const des = typeof x?.deskripsi === 'string' ? x.deskripsi.trim() : '';
          const ind = typeof x?.indikator === 'string' ? x.indikator.trim() : '';
          if (!des || !ind || des.length > 4000 || ind.length > 4000) errors[`level[L${i}][deskripsi]`] = PESAN.teksLevel;
          else level.push({ level: i, deskripsi: des, indikator: ind });
        }
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const waktu = clock.now();
      return db.transaction(async (trx) => {
        let id: string;
        if (baru) {
          const kode = typeof row.kode === 'string' ? row.kode : '';
          if (d.kunciDiketik && (await masterData.findMaster(trx, d.tabel, d.kunci, String(row[d.kunci]))))
            throw new ValidationError({ kode: PESAN.kembar });
          if (d.tabel === 'instansi' && (await masterData.existsKodeInstansi(trx, kode))) throw new ValidationError({ kode: PESAN.kembar });
          id = await masterData.insertMaster(trx, d.tabel, d.kunci, row);
        } else {
          id = kunci;
          if (
            d.tabel === 'instansi' &&
            typeof row.kode === 'string' &&
            row.kode &&
            (await masterData.existsKodeInstansi(trx, row.kode, Number(id)))
          )
            throw new ValidationError({ kode: PESAN.kembar });
          const n = await masterData.updateMaster(trx, d.tabel, d.kunci, d.kunci === 'id' ? Number(id) : id, row);
          if (n !== 1) throw new ConflictError('Data ini tidak ditemukan lagi. Muat ulang halaman.');
          if (standar.length)
            await masterData.upsertStandarKompetensi(
              trx,
              standar.map((s) => ({ ...s, jenis_jabatan_kode: id })),
            );
          if (level.length)
            await masterData.upsertKompetensiLevel(
              trx,
              level.map((l) => ({ ...l, kompetensi_kode: id })),
            );
        }
        await insertAudit(trx, {
          oleh: user.id,
          aksi: baru ? 'buat' : 'ubah',
          entitas: d.tabel,
          entitas_id: id,
          data: { ...row, ...(standar.length ? { standar } : {}), ...(level.length ? { level: level.map((l) => l.level) } : {}) },
          waktu,
        });
        return id;
      });
    },

    /** The logo of the letters and the login page (public): its bytes and type, or none when not set as an image. */
    async logo(): Promise<{ tipe: string; isi: Buffer } | undefined> {
      const nilai = (await listPengaturan(db, 'surat.logo'))['surat.logo'] ?? '';
      const m = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$/.exec(nilai);
      return m ? { tipe: m[1]!, isi: Buffer.from(m[2]!, 'base64') } : undefined;
    },

    async pengaturanSurat(user: Pengguna) {
      pastikanAdmin(user);
      return { kunci: KUNCI_SURAT, nilai: await listPengaturan(db, 'surat.') };
    },

    async simpanPengaturanSurat(user: Pengguna, v: NilaiForm) {
      pastikanAdmin(user);
      const errors: FieldErrors = {};
      const rows: { kunci: string; nilai: string }[] = [];
      const s = (v.surat ?? {}) as Record<string, unknown>;
      // every key is sent by the form; a missing, repeated or malformed one refuses the whole form
      for (const [k] of KUNCI_SURAT) {
        const nama = k.slice('surat.'.length);
        const key = `surat[${nama}]`;
        const sn = s[nama];
        const x = typeof sn === 'string' ? sn.trim() : null;
        if (x === null) errors[key] = PESAN.wajib;
        else if (x.length > (nama === 'logo' ? MAKS_LOGO_DATA : 1000)) errors[key] = nama === 'logo' ? PESAN.surat : PESAN.panjang(1000);
        else if (SURAT_WAJIB.includes(nama) && !/\p{L}/u.test(x)) errors[key] = x ? PESAN.huruf : PESAN.wajib;
        else if (nama === 'penandatangan_nip' && periksaNip(x) !== null) errors[key] = PESAN.nip;
        else if (nama === 'pola_nomor' && !x.includes('{nomor}')) errors[key] = PESAN.pola;
        else rows.push({ kunci: k, nilai: x });
      }
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const waktu = clock.now();
      await db.transaction(async (trx) => {
        const lama = await listPengaturan(trx, 'surat.');
        const berubah = rows.filter((r) => (lama[r.kunci] ?? '') !== r.nilai);
        await upsertPengaturan(trx, berubah, waktu);
        if (berubah.length)
          await insertAudit(trx, {
            oleh: user.id,
            aksi: 'ubah',
            entitas: 'pengaturan',
            data: Object.fromEntries(berubah.map((r) => [r.kunci, r.kunci === 'surat.logo' ? '(logo)' : r.nilai])),
            waktu,
          });
      });
    },
  };
}
