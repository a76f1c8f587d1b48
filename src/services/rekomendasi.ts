import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../errors';
import * as data from '../data/rekomendasi';
import * as suratData from '../data/surat';
import { ambilPengaturan } from '../data/pengaturan';
import { ambilBerkas, simpanBerkas, type BerkasRow } from '../data/berkas';
import type { Pengguna } from '../data/pegawai';
import type { PdfFile } from '../middleware/upload';
import { formatRupiah, parseAngka } from '../domain/angka';
import { LABEL_JALUR, bolehRekomendasi } from '../domain/status';
import { isTanggal, tahunWIB, tanggalWIB } from '../domain/waktu';
import { buatSuratRekomendasi } from '../pdf/surat-rekomendasi';
import { catatDibuat, transisiRekomendasi } from './transisi';
import { kirimNotifikasi } from './notifikasi';
import type { Deps } from './deps';

export const JALUR_REKOMENDASI = ['klasikal', 'non_klasikal'] as const;
export const SUMBER_BIAYA = {
  pd: 'Perangkat Daerah (PD)',
  bkpsdm: 'BKPSDMD',
  pd_bkpsdm: 'PD dan BKPSDMD',
  tanpa_biaya: 'Tanpa biaya',
} as const;
export const JENIS_BERKAS = { surat_usulan: 'Surat usulan dari PD', surat_pemanggilan: 'Surat pemanggilan peserta' } as const;
export const STATUS_DAFTAR = ['konsep', 'terkirim', 'diterima', 'ditolak'] as const;
const BIAYA_MAKS = 10_000_000_000;
const POLA_BAKU = '800/{nomor}/BKPSDMD/{tahun}';

export const PESAN = {
  jalur: 'Pilih jalur: pelatihan klasikal atau non klasikal.',
  wajib: (apa: string) => `${apa} wajib diisi.`,
  panjang: (apa: string, n: number) => `${apa} paling banyak ${n} karakter.`,
  tanggal: 'Isi tanggal yang benar (tttt-bb-hh).',
  selesaiSebelumMulai: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  biayaAngka: 'Biaya harus berupa angka, mis. 2.500.000.',
  biayaNegatif: 'Biaya tidak boleh negatif.',
  biayaWajar: 'Biaya tidak wajar: paling besar Rp 10.000.000.000,00.',
  biayaSen: 'Biaya paling banyak dua angka di belakang koma.',
  biayaWajib: 'Isi besaran biaya, atau pilih "Tanpa biaya".',
  biayaTanpa: 'Untuk "Tanpa biaya", besaran biaya harus 0.',
  bagianAngka: (siapa: string) => `Bagian ${siapa} harus berupa angka, mis. 1.500.000.`,
  bagianNegatif: (siapa: string) => `Bagian ${siapa} tidak boleh negatif.`,
  bagianWajar: (siapa: string) => `Bagian ${siapa} tidak wajar: paling besar Rp 10.000.000.000,00.`,
  bagianSen: (siapa: string) => `Bagian ${siapa} paling banyak dua angka di belakang koma.`,
  bagianWajib: (siapa: string) => `Untuk "PD dan BKPSDMD", isi bagian biaya yang ditanggung ${siapa} (lebih dari 0).`,
  bagianNol: (siapa: string) => `Bagian ${siapa} harus lebih dari 0; bila ${siapa} tidak ikut menanggung, pilih sumber biaya yang lain.`,
  bagianTanpaBersama: (siapa: string) =>
    `Bagian ${siapa} hanya diisi bila biaya ditanggung "PD dan BKPSDMD"; kosongkan, atau pilih "PD dan BKPSDMD".`,
  biayaJumlah: (jumlah: string) =>
    `Besaran biaya harus sama dengan jumlah bagian PD dan BKPSDMD (${jumlah}); kosongkan agar diisi jumlah itu.`,
  biayaJumlahWajar: 'Jumlah bagian PD dan BKPSDMD tidak wajar: paling besar Rp 10.000.000.000,00.',
  sumber: 'Pilih siapa yang menanggung biaya.',
  rincian: 'Pilih salah satu rencana Anda sendiri yang berstatus Diterima atau Berjalan.',
  pernyataan: 'Centang pernyataan sebelum mengirim pengajuan.',
  berkasWajib: (apa: string) => `Unggah ${apa} (PDF, paling besar 5 MB).`,
  aksi: 'Pilih "Simpan sebagai konsep" atau "Kirim ke BKPSDMD".',
  keputusan: 'Pilih keputusan: terima atau tolak.',
  alasan: 'Alasan keputusan wajib diisi.',
  alasanPanjang: 'Alasan paling banyak 1000 karakter.',
  belumLengkap:
    'Pengajuan belum lengkap: surat usulan, surat pemanggilan dan pernyataan wajib ada sebelum dikirim. Lengkapi lewat tombol Ubah.',
  bukanKonsep: 'Pengajuan yang sudah dikirim tidak dapat diubah lagi.',
  suratBelumAda: 'Surat keputusan belum tersedia karena pengajuan ini belum diputuskan oleh BKPSDMD.',
  suratTidakDikenal:
    'Surat dengan kode verifikasi ini tidak ditemukan. Periksa kembali kode pada surat; surat yang kodenya tidak terdaftar bukan surat yang diterbitkan Bangkom.',
  hanyaBkpsdm: 'Keputusan rekomendasi hanya dapat diberikan oleh BKPSDM.',
};

/** What the employee's form sends; every value already a single string. */
export interface InputRekomendasi {
  jalur: string;
  nama_pelatihan: string;
  jenis_pelatihan: string;
  lembaga: string;
  tanggal_mulai: string;
  tanggal_selesai: string;
  biaya: string;
  sumber_biaya: string;
  /** the unit's and BKPSDM's shares of the cost, for sumber_biaya `pd_bkpsdm` (absent: '') */
  biaya_pd?: string;
  biaya_bkpsdm?: string;
  rincian_id: string;
  pernyataan: string;
  aksi: string;
}
export interface BerkasMasuk {
  surat_usulan?: PdfFile | undefined;
  surat_pemanggilan?: PdfFile | undefined;
  /** messages the upload step already found (not a PDF, too large) */
  errors: FieldErrors;
}

export interface FilterBkpsdmInput {
  status?: string;
  instansi?: string;
  jalur?: string;
  dari?: string;
  sampai?: string;
  page?: string;
}

type Lengkap = data.RekomendasiLengkap;

export function createRekomendasiService({ db, clock, config }: Deps) {
  const bkpsdm = (u: Pengguna) => u.peran === 'bkpsdm' || u.peran === 'admin';

  /** Owner always (but not once deleted); BKPSDM/admin and the owner's atasan once sent. Anyone else: 404. */
  function bolehLihat(u: Pengguna, r: Lengkap | undefined): r is Lengkap {
    if (!r || r.status === 'dihapus') return false;
    if (r.pegawai_id === u.id) return true;
    if (r.status === 'konsep') return false;
    return bkpsdm(u) || r.pegawai_atasan_id === u.id;
  }

  async function lihat(u: Pengguna, id: number): Promise<Lengkap> {
    const r = await data.findRekomendasi(db, id);
    if (!bolehLihat(u, r)) throw new NotFoundError('Pengajuan rekomendasi tidak ditemukan.');
    return r;
  }

  /**
   * Issues the letter of a decided request: built once from the facts of this moment (settings,
   * the employee's unit, the decision), its bytes kept with a verification code. Idempotent: a
   * letter already issued is returned as it is.
   */
  async function terbitkanSurat(trx: Knex.Transaction, id: number, oleh: number | null): Promise<suratData.SuratRow> {
    await trx('rekomendasi').where({ id }).forUpdate().first('id');
    const ada = await suratData.suratRekomendasi(trx, id);
    if (ada) return ada;
    const r = await data.findRekomendasi(trx, id);
    if (!r || !r.nomor_surat || !r.tanggal_surat || !r.diputuskan_at) throw new ConflictError(PESAN.suratBelumAda);
    const pengaturan = await ambilPengaturan(trx, 'surat.');
    const kode = base32(crypto.randomBytes(16));
    const diterima = r.status === 'diterima';
    const pdf = await buatSuratRekomendasi(
      {
        nomor: r.nomor_surat,
        tanggal: r.tanggal_surat,
        diterima,
        alasan: r.alasan_keputusan ?? '',
        diputuskanAt: new Date(r.diputuskan_at),
        pegawai: { nama: r.pegawai_nama, nip: r.pegawai_nip, jabatan: r.pegawai_jabatan, instansi: r.instansi_nama },
        pimpinan: r.instansi_pimpinan || `Kepala ${r.instansi_nama}`,
        unitSendiri: sama(r.instansi_nama, pengaturan['surat.badan']),
        verifikasi: { kode, url: `${config.baseUrl.replace(/\/$/, '')}/verifikasi-surat/${kode}` },
        pelatihan: {
          nama: r.nama_pelatihan,
          jenis: r.jenis_pelatihan,
          jalur: LABEL_JALUR[r.jalur],
          lembaga: r.lembaga,
          mulai: r.tanggal_mulai,
          selesai: r.tanggal_selesai,
          biaya: Number(r.biaya),
          sumberBiaya: r.sumber_biaya,
          biayaPd: r.biaya_pd === null ? null : Number(r.biaya_pd),
          biayaBkpsdm: r.biaya_bkpsdm === null ? null : Number(r.biaya_bkpsdm),
        },
      },
      pengaturan,
    );
    const now = clock.now();
    const namaFile = `surat-rekomendasi-${r.nomor_surat.replace(/[^\w-]+/g, '-')}.pdf`;
    const berkasId = await simpanBerkas(
      trx,
      { nama: namaFile, tipe: 'application/pdf', isi: pdf },
      oleh ?? r.diputuskan_oleh ?? r.pegawai_id,
      now,
    );
    return suratData.simpanSurat(trx, {
      rekomendasi_id: id,
      nomor: r.nomor_surat,
      tanggal: r.tanggal_surat,
      perihal: diterima ? 'Rekomendasi Mengikuti Pengembangan Kompetensi' : 'Jawaban atas Permohonan Rekomendasi Pengembangan Kompetensi',
      keputusan: diterima ? 'diterima' : 'ditolak',
      instansi_nama: r.instansi_nama,
      pegawai_nama: r.pegawai_nama,
      pegawai_nip: r.pegawai_nip,
      kode,
      berkas_id: berkasId,
      sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
      diterbitkan_at: now,
      diterbitkan_oleh: oleh,
    });
  }

  async function milikKonsep(u: Pengguna, id: number): Promise<Lengkap> {
    const r = await data.findRekomendasi(db, id);
    if (!r || r.pegawai_id !== u.id || r.status === 'dihapus') throw new NotFoundError('Pengajuan rekomendasi tidak ditemukan.');
    if (r.status !== 'konsep') throw new ConflictError(PESAN.bukanKonsep);
    return r;
  }

  async function pilihanForm(u: Pengguna, jalur: string) {
    const tahun = tahunWIB(clock.now());
    const [rincian, bentuk] = await Promise.all([data.rincianRencana(db, u.id, [tahun, tahun + 1]), data.namaBentuk(db, jalur)]);
    return { rincian, bentuk, tahun };
  }

  /** Checks the form; returns the row values. `ada` tells which letters are already stored (edit). */
  async function periksa(u: Pengguna, input: InputRekomendasi, berkas: BerkasMasuk, ada: { usulan: boolean; pemanggilan: boolean }) {
    const e: FieldErrors = { ...berkas.errors };
    const aksi = input.aksi === '' ? 'simpan' : input.aksi;
    if (aksi !== 'simpan' && aksi !== 'kirim') e.aksi = PESAN.aksi;
    const kirim = aksi === 'kirim';

    if (!(JALUR_REKOMENDASI as readonly string[]).includes(input.jalur)) e.jalur = PESAN.jalur;
    const teksWajib = (kolom: 'nama_pelatihan' | 'jenis_pelatihan' | 'lembaga', label: string, maks: number) => {
      const v = input[kolom];
      if (!v) e[kolom] = PESAN.wajib(label);
      else if (v.length > maks) e[kolom] = PESAN.panjang(label, maks);
    };
    teksWajib('nama_pelatihan', 'Nama pelatihan', 300);
    teksWajib('jenis_pelatihan', 'Jenis pelatihan', 300);
    teksWajib('lembaga', 'Lembaga penyelenggara', 200);

    for (const k of ['tanggal_mulai', 'tanggal_selesai'] as const) {
      const v = input[k];
      if (!v) e[k] = PESAN.wajib(k === 'tanggal_mulai' ? 'Tanggal mulai' : 'Tanggal selesai');
      else if (!isTanggal(v) || v < '2000-01-01' || v > '2100-12-31') e[k] = PESAN.tanggal;
    }
    if (!e.tanggal_mulai && !e.tanggal_selesai && input.tanggal_selesai < input.tanggal_mulai)
      e.tanggal_selesai = PESAN.selesaiSebelumMulai;

    const sumber = input.sumber_biaya;
    if (!Object.hasOwn(SUMBER_BIAYA, sumber)) e.sumber_biaya = PESAN.sumber;
    const biaya = uang(input.biaya, 'biaya', e, {
      angka: PESAN.biayaAngka,
      negatif: PESAN.biayaNegatif,
      wajar: PESAN.biayaWajar,
      sen: PESAN.biayaSen,
    });
    const bagian = (kolom: 'biaya_pd' | 'biaya_bkpsdm', siapa: string) =>
      uang(input[kolom] ?? '', kolom, e, {
        angka: PESAN.bagianAngka(siapa),
        negatif: PESAN.bagianNegatif(siapa),
        wajar: PESAN.bagianWajar(siapa),
        sen: PESAN.bagianSen(siapa),
      });
    const biayaPd = bagian('biaya_pd', 'PD');
    const biayaBkpsdm = bagian('biaya_bkpsdm', 'BKPSDMD');
    // what is stored: the total, and the shares only when both pay
    let total = biaya ?? 0;
    let pembagian: { biaya_pd: number | null; biaya_bkpsdm: number | null } = { biaya_pd: null, biaya_bkpsdm: null };
    if (!e.sumber_biaya && sumber === 'pd_bkpsdm') {
      // both shares required and above 0; the total is their sum, and a total typed as well must match it
      for (const [kolom, n, siapa] of [
        ['biaya_pd', biayaPd, 'PD'],
        ['biaya_bkpsdm', biayaBkpsdm, 'BKPSDMD'],
      ] as const) {
        if (e[kolom]) continue;
        if (n === null) e[kolom] = PESAN.bagianWajib(siapa);
        else if (n === 0) e[kolom] = PESAN.bagianNol(siapa);
      }
      if (!e.biaya_pd && !e.biaya_bkpsdm && biayaPd !== null && biayaBkpsdm !== null) {
        const sen = Math.round(biayaPd * 100) + Math.round(biayaBkpsdm * 100);
        if (sen > BIAYA_MAKS * 100) e.biaya ??= PESAN.biayaJumlahWajar;
        else if (!e.biaya && biaya !== null && Math.round(biaya * 100) !== sen) e.biaya = PESAN.biayaJumlah(formatRupiah(sen / 100));
        total = sen / 100;
        pembagian = { biaya_pd: biayaPd, biaya_bkpsdm: biayaBkpsdm };
      }
    } else if (!e.sumber_biaya) {
      // the single-payer rules, as before; shares belong to "PD dan BKPSDMD" only
      if (!e.biaya) {
        if (sumber === 'tanpa_biaya' && total !== 0) e.biaya = PESAN.biayaTanpa;
        if (sumber !== 'tanpa_biaya' && total === 0) e.biaya = PESAN.biayaWajib;
      }
      if (!e.biaya_pd && biayaPd) e.biaya_pd = PESAN.bagianTanpaBersama('PD');
      if (!e.biaya_bkpsdm && biayaBkpsdm) e.biaya_bkpsdm = PESAN.bagianTanpaBersama('BKPSDMD');
    }

    let rincianId: number | null = null;
    if (input.rincian_id !== '') {
      const n = /^\d{1,9}$/.test(input.rincian_id) ? Number(input.rincian_id) : null;
      const r = n ? await data.findRincianMilik(db, n, u.id) : undefined;
      if (!r || !['diterima', 'berjalan'].includes(r.status as string)) e.rincian_id = PESAN.rincian;
      else rincianId = n;
    }

    const pernyataan = input.pernyataan === '1';
    if (kirim && !pernyataan) e.pernyataan = PESAN.pernyataan;
    if (kirim && !ada.usulan && !berkas.surat_usulan) e.surat_usulan ??= PESAN.berkasWajib('surat usulan dari PD');
    if (kirim && !ada.pemanggilan && !berkas.surat_pemanggilan) e.surat_pemanggilan ??= PESAN.berkasWajib('surat pemanggilan peserta');

    if (Object.keys(e).length) throw new ValidationError(e);
    return {
      kirim,
      nilai: {
        jalur: input.jalur as 'klasikal' | 'non_klasikal',
        nama_pelatihan: input.nama_pelatihan,
        jenis_pelatihan: input.jenis_pelatihan,
        lembaga: input.lembaga,
        tanggal_mulai: input.tanggal_mulai,
        tanggal_selesai: input.tanggal_selesai,
        biaya: total,
        sumber_biaya: sumber as data.SumberBiaya,
        ...pembagian,
        rincian_id: rincianId,
        pernyataan,
      },
    };
  }

  async function simpanSurat(trx: Knex.Transaction, u: Pengguna, berkas: BerkasMasuk, now: Date) {
    const ids: { surat_usulan_id?: number; surat_pemanggilan_id?: number } = {};
    if (berkas.surat_usulan) ids.surat_usulan_id = await simpanBerkas(trx, berkas.surat_usulan, u.id, now);
    if (berkas.surat_pemanggilan) ids.surat_pemanggilan_id = await simpanBerkas(trx, berkas.surat_pemanggilan, u.id, now);
    return ids;
  }

  function pastikanLengkap(r: { pernyataan: boolean; surat_usulan_id: number | null; surat_pemanggilan_id: number | null }) {
    if (!r.pernyataan || !r.surat_usulan_id || !r.surat_pemanggilan_id) throw new ConflictError(PESAN.belumLengkap);
  }

  return {
    /** The employee's list of one status (or all), with the count of each status. */
    async daftar(u: Pengguna, input: { status: string; q: string; jalur: string }) {
      const status = (STATUS_DAFTAR as readonly string[]).includes(input.status) ? input.status : null;
      const jalur = (JALUR_REKOMENDASI as readonly string[]).includes(input.jalur) ? input.jalur : null;
      const cari = input.q.slice(0, 100) || null;
      const rows = await data.daftarMilik(db, u.id, { status, cari, jalur });
      return { status, rows, filter: { q: cari ?? '', jalur } };
    },

    /** What the new-request form needs: the jalur (null: let the user choose), plan items to link, bentuk names. */
    async formBaru(u: Pengguna, jalurInput: string) {
      const jalur = (JALUR_REKOMENDASI as readonly string[]).includes(jalurInput) ? jalurInput : null;
      if (!jalur) return { jalur: null, rincian: [], bentuk: [], tahun: tahunWIB(clock.now()) };
      return { jalur, ...(await pilihanForm(u, jalur)) };
    },

    async formUbah(u: Pengguna, id: number) {
      const r = await milikKonsep(u, id);
      return { r, ...(await pilihanForm(u, r.jalur)) };
    },

    /** Creates a request as konsep, or sends it at once (aksi = kirim). Nothing is stored when anything is wrong. */
    async buat(u: Pengguna, input: InputRekomendasi, berkas: BerkasMasuk): Promise<{ id: number; terkirim: boolean }> {
      const { kirim, nilai } = await periksa(u, input, berkas, { usulan: false, pemanggilan: false });
      const now = clock.now();
      const id = await db.transaction(async (trx) => {
        const ids = await simpanSurat(trx, u, berkas, now);
        const id = await data.insertRekomendasi(trx, {
          ...nilai,
          pegawai_id: u.id,
          surat_usulan_id: ids.surat_usulan_id ?? null,
          surat_pemanggilan_id: ids.surat_pemanggilan_id ?? null,
          created_at: now,
        });
        await catatDibuat(trx, 'rekomendasi_id', id, u.id, now);
        if (kirim) await transisiRekomendasi(trx, 'kirim', { id, pelaku: u, waktu: now, set: { dikirim_at: now } });
        return id;
      });
      return { id, terkirim: kirim };
    },

    /** Changes a konsep; an uploaded letter replaces the stored one. */
    async ubah(u: Pengguna, id: number, input: InputRekomendasi, berkas: BerkasMasuk) {
      const lama = await milikKonsep(u, id);
      const { kirim, nilai } = await periksa(u, input, berkas, {
        usulan: !!lama.surat_usulan_id,
        pemanggilan: !!lama.surat_pemanggilan_id,
      });
      const now = clock.now();
      await db.transaction(async (trx) => {
        const ids = await simpanSurat(trx, u, berkas, now);
        await transisiRekomendasi(trx, 'edit', { id, pelaku: u, waktu: now, set: { ...nilai, ...ids } });
        if (kirim) await transisiRekomendasi(trx, 'kirim', { id, pelaku: u, waktu: now, set: { dikirim_at: now } });
        // the replaced letters belong to nothing any more
        const lepas = [ids.surat_usulan_id && lama.surat_usulan_id, ids.surat_pemanggilan_id && lama.surat_pemanggilan_id].filter(
          (x): x is number => typeof x === 'number' && x > 0,
        );
        if (lepas.length) await trx('berkas').whereIn('id', lepas).del();
      });
      return { id, terkirim: kirim };
    },

    async kirim(u: Pengguna, id: number) {
      const r = await milikKonsep(u, id);
      pastikanLengkap(r);
      const now = clock.now();
      await db.transaction((trx) => transisiRekomendasi(trx, 'kirim', { id, pelaku: u, waktu: now, set: { dikirim_at: now } }));
    },

    async hapus(u: Pengguna, id: number) {
      await milikKonsep(u, id);
      const now = clock.now();
      await db.transaction((trx) => transisiRekomendasi(trx, 'hapus', { id, pelaku: u, waktu: now }));
    },

    /** Detail page: the request, its history and what the viewer may do. */
    async detail(u: Pengguna, id: number) {
      const r = await lihat(u, id);
      const riwayat = await data.riwayatRekomendasi(db, id);
      const milik = r.pegawai_id === u.id;
      return {
        r,
        riwayat,
        milik,
        boleh: {
          ubah: milik && bolehRekomendasi('edit', r.status),
          kirim: milik && bolehRekomendasi('kirim', r.status),
          hapus: milik && bolehRekomendasi('hapus', r.status),
          putuskan: bkpsdm(u) && !milik && bolehRekomendasi('terima', r.status),
          surat: r.status === 'diterima' || r.status === 'ditolak',
        },
      };
    },

    /** An uploaded letter, for the people who may see the request. */
    async berkas(u: Pengguna, id: number, jenis: string): Promise<BerkasRow> {
      const r = await lihat(u, id);
      const berkasId = jenis === 'surat_usulan' ? r.surat_usulan_id : jenis === 'surat_pemanggilan' ? r.surat_pemanggilan_id : null;
      const b = berkasId ? await ambilBerkas(db, berkasId) : undefined;
      if (!b) throw new NotFoundError('Berkas tidak ditemukan.');
      return b;
    },

    /**
     * The decision letter as issued: the same bytes on every download. A letter decided before
     * letters were kept is fixed at its first download (and by the worker), then never again.
     */
    async surat(u: Pengguna, id: number): Promise<{ pdf: Buffer; namaFile: string }> {
      const r = await lihat(u, id);
      if ((r.status !== 'diterima' && r.status !== 'ditolak') || !r.nomor_surat || !r.tanggal_surat || !r.diputuskan_at)
        throw new ConflictError(PESAN.suratBelumAda);
      const surat = (await suratData.suratRekomendasi(db, id)) ?? (await db.transaction((trx) => terbitkanSurat(trx, id, null)));
      const berkas = await ambilBerkas(db, surat.berkas_id);
      if (!berkas) throw new NotFoundError(PESAN.suratBelumAda);
      return { pdf: berkas.isi, namaFile: `surat-rekomendasi-${surat.nomor.replace(/[^\w-]+/g, '-')}.pdf` };
    },

    /** Fixes the letters of requests decided before letters were kept (the worker, a few at a time). */
    async bekukanSuratLama(batas = 20): Promise<number> {
      const ids = await suratData.tanpaSurat(db, batas);
      for (const id of ids) await db.transaction((trx) => terbitkanSurat(trx, id, null));
      return ids.length;
    },

    /** The public check of a letter by its code: what the letter itself shows, nothing more. */
    async verifikasiSurat(kodeMentah: string) {
      const kode = kodeMentah.toLowerCase().replace(/[\s-]+/g, '');
      const surat = /^[a-z2-7]{26}$/.test(kode) ? await suratData.suratDariKode(db, kode) : undefined;
      if (!surat) throw new NotFoundError(PESAN.suratTidakDikenal);
      return surat;
    },

    /** BKPSDM's list: every unit's sent requests, filtered and paginated. */
    async daftarBkpsdm(u: Pengguna, q: FilterBkpsdmInput) {
      if (!bkpsdm(u)) throw new ForbiddenError(PESAN.hanyaBkpsdm);
      const status = ['terkirim', 'diterima', 'ditolak'].includes(q.status ?? '') ? q.status! : null;
      const instansiId = /^\d{1,9}$/.test(q.instansi ?? '') ? Number(q.instansi) : null;
      const jalur = (JALUR_REKOMENDASI as readonly string[]).includes(q.jalur ?? '') ? q.jalur! : null;
      const dari = q.dari && isTanggal(q.dari) ? q.dari : null;
      const sampai = q.sampai && isTanggal(q.sampai) ? q.sampai : null;
      const halaman = /^\d{1,5}$/.test(q.page ?? '') ? Math.max(1, Number(q.page)) : 1;
      const perHalaman = 25;
      const [hasil, instansi] = await Promise.all([
        data.daftarBkpsdm(db, { status, instansiId, jalur, dari, sampai, halaman, perHalaman, bukan: u.id }),
        data.daftarInstansi(db),
      ]);
      return {
        ...hasil,
        instansi,
        filter: { status, instansi: instansiId, jalur, dari, sampai },
        halaman,
        jumlahHalaman: Math.max(1, Math.ceil(hasil.total / perHalaman)),
      };
    },

    /** BKPSDM accepts or refuses a sent request: a letter number of this year, the requester notified. */
    async putuskan(u: Pengguna, id: number, input: { keputusan: string; alasan: string }) {
      if (!bkpsdm(u)) throw new ForbiddenError(PESAN.hanyaBkpsdm);
      const ada = await data.findRekomendasi(db, id);
      if (!ada || ada.status === 'dihapus') throw new NotFoundError('Pengajuan rekomendasi tidak ditemukan.');
      const e: FieldErrors = {};
      if (input.keputusan !== 'terima' && input.keputusan !== 'tolak') e.keputusan = PESAN.keputusan;
      if (!input.alasan) e.alasan = PESAN.alasan;
      else if (input.alasan.length > 1000) e.alasan = PESAN.alasanPanjang;
      // a request not (or no longer) waiting is a conflict whatever was typed: the transition says so below
      if (Object.keys(e).length && ada.status === 'terkirim') throw new ValidationError(e);
      const aksi = input.keputusan === 'tolak' ? 'tolak' : 'terima';
      const now = clock.now();
      return db.transaction(async (trx) => {
        const row = await transisiRekomendasi(trx, aksi, {
          id,
          pelaku: u,
          alasan: input.alasan,
          waktu: now,
          set: { alasan_keputusan: input.alasan, diputuskan_oleh: u.id, diputuskan_at: now },
        });
        const tahun = tahunWIB(now);
        const urut = await data.nomorBerikut(trx, tahun);
        const pola = (await ambilPengaturan(trx, 'surat.pola_nomor'))['surat.pola_nomor'] || POLA_BAKU;
        const nomor = pola.replaceAll('{nomor}', String(urut).padStart(4, '0')).replaceAll('{tahun}', String(tahun));
        await trx('rekomendasi')
          .where({ id })
          .update({ nomor_surat: nomor, tanggal_surat: tanggalWIB(now) });
        // the letter is made now, from the facts of now, and kept as it is
        await terbitkanSurat(trx, id, u.id);
        const diterima = aksi === 'terima';
        await kirimNotifikasi(
          trx,
          {
            pegawaiId: row.pegawai_id,
            judul: diterima ? 'Pengajuan rekomendasi diterima' : 'Pengajuan rekomendasi ditolak',
            pesan:
              `Pengajuan rekomendasi "${ada.nama_pelatihan}" ${diterima ? 'diterima' : 'ditolak'} oleh BKPSDMD ` +
              `dengan surat nomor ${nomor}. Alasan: ${input.alasan}`,
            tautan: `/rekomendasi/${id}`,
          },
          now,
          config.baseUrl,
        );
        // the operators of the employee's unit learn of every letter issued to it
        const operator = await trx('pegawai')
          .where({ instansi_id: ada.instansi_id, peran: 'operator', aktif: true })
          .whereNot({ id: row.pegawai_id })
          .pluck('id');
        for (const pegawaiId of operator)
          await kirimNotifikasi(
            trx,
            {
              pegawaiId,
              judul: 'Surat rekomendasi terbit untuk unit Anda',
              pesan:
                `Surat nomor ${nomor} atas pengajuan rekomendasi ${ada.pegawai_nama} "${ada.nama_pelatihan}" ` +
                `telah terbit: ${diterima ? 'diterima' : 'ditolak'}.`,
              tautan: '/unit/surat',
            },
            now,
            config.baseUrl,
          );
        return { nomor, status: row.status };
      });
    },
  };
}

export type RekomendasiService = ReturnType<typeof createRekomendasiService>;

/**
 * An amount in rupiah typed in the form ('' = not given: null). A wrong one gets its message on
 * `kolom` and null; a good one is rounded to the sen.
 */
function uang(
  teks: string,
  kolom: string,
  e: FieldErrors,
  pesan: { angka: string; negatif: string; wajar: string; sen: string },
): number | null {
  if (teks === '') return null;
  const n = parseAngka(teks);
  if (n === null) e[kolom] = pesan.angka;
  else if (n < 0) e[kolom] = pesan.negatif;
  else if (n > BIAYA_MAKS) e[kolom] = pesan.wajar;
  else if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) e[kolom] = pesan.sen;
  else return Math.round(n * 100) / 100;
  return null;
}

/** RFC 4648 base32, lower case, without padding: easy to read aloud and to type. */
function base32(buf: Buffer): string {
  const abjad = 'abcdefghijklmnopqrstuvwxyz234567';
  let bit = 0;
  let nilai = 0;
  let out = '';
  for (const b of buf) {
    nilai = (nilai << 8) | b;
    bit += 8;
    while (bit >= 5) {
      out += abjad[(nilai >>> (bit - 5)) & 31];
      bit -= 5;
    }
  }
  if (bit > 0) out += abjad[(nilai << (5 - bit)) & 31];
  return out;
}

/** The same name, ignoring case and spacing ("BADAN KEPEGAWAIAN …" and "Badan Kepegawaian …"). */
function sama(a: string, b: string | undefined): boolean {
  const n = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return !!b && n(a) === n(b);
}
