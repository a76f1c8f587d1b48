import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import * as data from '../../data/rekomendasi';
import { listPengaturan } from '../../data/pengaturan';
import { deleteBerkas, findBerkas, insertBerkas, type BerkasRow } from '../../data/berkas';
import type { Pengguna } from '../../data/pegawai';
import type { PdfFile } from '../../domain/berkas';
import { isOneOf } from '../../domain/pilihan';
import {
  JALUR_REKOMENDASI,
  POLA_NOMOR_BAKU,
  STATUS_DAFTAR,
  STATUS_TERKIRIM,
  nomorSurat,
  type JalurRekomendasi,
  type SumberBiaya,
} from '../../domain/rekomendasi';
import { bolehRekomendasi } from '../../domain/status';
import { isTanggal, tahunWIB, tanggalWIB } from '../../domain/waktu';
import { catatDibuat, transisiRekomendasi } from '../transisi';
import { kirimNotifikasi } from '../notifikasi/kirim';
import type { Deps } from '../deps';
import { createSuratRekomendasi, PESAN_SURAT } from './surat';

export const PESAN = {
  rincian: 'Pilih salah satu rencana Anda sendiri yang berstatus Diterima atau Berjalan.',
  berkasWajib: (apa: string) => `Unggah ${apa} (PDF, paling besar 5 MB).`,
  keputusan: 'Pilih keputusan: terima atau tolak.',
  alasan: 'Alasan keputusan wajib diisi.',
  alasanPanjang: 'Alasan paling banyak 1000 karakter.',
  belumLengkap:
    'Pengajuan belum lengkap: surat usulan, surat pemanggilan dan pernyataan wajib ada sebelum dikirim. Lengkapi lewat tombol Ubah.',
  bukanKonsep: 'Pengajuan yang sudah dikirim tidak dapat diubah lagi.',
  hanyaBkpsdm: 'Keputusan rekomendasi hanya dapat diberikan oleh BKPSDM.',
  tidakDitemukan: 'Pengajuan rekomendasi tidak ditemukan.',
  ...PESAN_SURAT,
};

/** The employee's form, parsed (routes/rekomendasi/schemas.ts): every rule that needs no database holds. */
export interface IsianRekomendasi {
  kirim: boolean;
  jalur: JalurRekomendasi;
  nama_pelatihan: string;
  jenis_pelatihan: string;
  lembaga: string;
  tanggal_mulai: string;
  tanggal_selesai: string;
  /** the total; for `pd_bkpsdm` the sum of the two shares */
  biaya: number;
  sumber_biaya: SumberBiaya;
  /** the unit's and BKPSDM's shares: set for `pd_bkpsdm` only */
  biaya_pd: number | null;
  biaya_bkpsdm: number | null;
  /** a plan item to link, still to be checked as the employee's own */
  rincian_id: number | null;
  pernyataan: boolean;
}

export interface BerkasMasuk {
  surat_usulan?: PdfFile | undefined;
  surat_pemanggilan?: PdfFile | undefined;
  /** messages the upload step already found (not a PDF, too large, a held file gone) */
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

export function createRekomendasiService(deps: Deps) {
  const { db, clock, config } = deps;
  const surat = createSuratRekomendasi(deps);
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
    if (!bolehLihat(u, r)) throw new NotFoundError(PESAN.tidakDitemukan);
    return r;
  }

  async function milikKonsep(u: Pengguna, id: number): Promise<Lengkap> {
    const r = await data.findRekomendasi(db, id);
    if (!r || r.pegawai_id !== u.id || r.status === 'dihapus') throw new NotFoundError(PESAN.tidakDitemukan);
    if (r.status !== 'konsep') throw new ConflictError(PESAN.bukanKonsep);
    return r;
  }

  async function pilihanForm(u: Pengguna, jalur: string) {
    const tahun = tahunWIB(clock.now());
    const [rincian, bentuk] = await Promise.all([data.listRincianRencana(db, u.id, [tahun, tahun + 1]), data.listNamaBentuk(db, jalur)]);
    return { rincian, bentuk, tahun };
  }

  /**
   * The rules of the form that need the database or the upload, with the upload's own messages:
   * the linked plan item is the employee's own and accepted; a request sent has both letters
   * (`ada`: the ones already stored, when editing).
   */
  async function periksa(u: Pengguna, input: IsianRekomendasi, berkas: BerkasMasuk, ada: { usulan: boolean; pemanggilan: boolean }) {
    const e: FieldErrors = { ...berkas.errors };
    if (input.rincian_id !== null) {
      const r = await data.findRincianMilik(db, input.rincian_id, u.id);
      if (!r || !['diterima', 'berjalan'].includes(r.status)) e.rincian_id = PESAN.rincian;
    }
    if (input.kirim && !ada.usulan && !berkas.surat_usulan) e.surat_usulan ??= PESAN.berkasWajib('surat usulan dari PD');
    if (input.kirim && !ada.pemanggilan && !berkas.surat_pemanggilan)
      e.surat_pemanggilan ??= PESAN.berkasWajib('surat pemanggilan peserta');
    if (Object.keys(e).length) throw new ValidationError(e);
    const { kirim: _kirim, ...nilai } = input;
    return nilai;
  }

  async function simpanBerkasMasuk(trx: Parameters<typeof insertBerkas>[0], u: Pengguna, berkas: BerkasMasuk, now: Date) {
    const ids: { surat_usulan_id?: number; surat_pemanggilan_id?: number } = {};
    if (berkas.surat_usulan) ids.surat_usulan_id = await insertBerkas(trx, berkas.surat_usulan, u.id, now);
    if (berkas.surat_pemanggilan) ids.surat_pemanggilan_id = await insertBerkas(trx, berkas.surat_pemanggilan, u.id, now);
    return ids;
  }

  function pastikanLengkap(r: { pernyataan: boolean; surat_usulan_id: number | null; surat_pemanggilan_id: number | null }) {
    if (!r.pernyataan || !r.surat_usulan_id || !r.surat_pemanggilan_id) throw new ConflictError(PESAN.belumLengkap);
  }

  return {
    /** The employee's list of one status (or all), with the count of each status. */
    async daftar(u: Pengguna, input: { status: string; q: string; jalur: string }) {
      const status = isOneOf(STATUS_DAFTAR, input.status) ? input.status : null;
      const jalur = isOneOf(JALUR_REKOMENDASI, input.jalur) ? input.jalur : null;
      const cari = input.q.slice(0, 100) || null;
      const rows = await data.listRekomendasiMilik(db, u.id, { status, cari, jalur });
      return { status, rows, filter: { q: cari ?? '', jalur } };
    },

    /** What the new-request form needs: the jalur (null: let the user choose), plan items to link, bentuk names. */
    async formBaru(u: Pengguna, jalurInput: string) {
      const jalur = isOneOf(JALUR_REKOMENDASI, jalurInput) ? jalurInput : null;
      if (!jalur) return { jalur: null, rincian: [], bentuk: [], tahun: tahunWIB(clock.now()) };
      return { jalur, ...(await pilihanForm(u, jalur)) };
    },

    async formUbah(u: Pengguna, id: number) {
      const r = await milikKonsep(u, id);
      return { r, ...(await pilihanForm(u, r.jalur)) };
    },

    /** Creates a request as konsep, or sends it at once (kirim). Nothing is stored when anything is wrong. */
    async buat(u: Pengguna, input: IsianRekomendasi, berkas: BerkasMasuk): Promise<{ id: number; terkirim: boolean }> {
      const nilai = await periksa(u, input, berkas, { usulan: false, pemanggilan: false });
      const now = clock.now();
      const id = await db.transaction(async (trx) => {
        const ids = await simpanBerkasMasuk(trx, u, berkas, now);
        const id = await data.insertRekomendasi(trx, {
          ...nilai,
          pegawai_id: u.id,
          surat_usulan_id: ids.surat_usulan_id ?? null,
          surat_pemanggilan_id: ids.surat_pemanggilan_id ?? null,
          created_at: now,
        });
        await catatDibuat(trx, 'rekomendasi_id', id, u.id, now);
        if (input.kirim) await transisiRekomendasi(trx, 'kirim', { id, pelaku: u, waktu: now, set: { dikirim_at: now } });
        return id;
      });
      return { id, terkirim: input.kirim };
    },

    /** Changes a konsep; an uploaded letter replaces the stored one. */
    async ubah(u: Pengguna, id: number, input: IsianRekomendasi, berkas: BerkasMasuk) {
      const lama = await milikKonsep(u, id);
      const nilai = await periksa(u, input, berkas, {
        usulan: !!lama.surat_usulan_id,
        pemanggilan: !!lama.surat_pemanggilan_id,
      });
      const now = clock.now();
      await db.transaction(async (trx) => {
        const ids = await simpanBerkasMasuk(trx, u, berkas, now);
        await transisiRekomendasi(trx, 'edit', { id, pelaku: u, waktu: now, set: { ...nilai, ...ids } });
        if (input.kirim) await transisiRekomendasi(trx, 'kirim', { id, pelaku: u, waktu: now, set: { dikirim_at: now } });
        // the replaced letters belong to nothing any more
        const lepas = [ids.surat_usulan_id && lama.surat_usulan_id, ids.surat_pemanggilan_id && lama.surat_pemanggilan_id].filter(
          (x): x is number => typeof x === 'number' && x > 0,
        );
        await deleteBerkas(trx, lepas);
      });
      return { id, terkirim: input.kirim };
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
      const d = Number.isSafeInteger(id) && id > 0 ? await data.findRekomendasiDenganRiwayat(db, id) : undefined;
      if (!d || !bolehLihat(u, d.r)) throw new NotFoundError(PESAN.tidakDitemukan);
      const { r, riwayat } = d;
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
      const b = berkasId ? await findBerkas(db, berkasId) : undefined;
      if (!b) throw new NotFoundError('Berkas tidak ditemukan.');
      return b;
    },

    /** The decision letter as issued, for the people who may see the request. */
    async surat(u: Pengguna, id: number): Promise<{ pdf: Buffer; namaFile: string }> {
      return surat.unduh(await lihat(u, id));
    },

    /** Fixes the letters of requests decided before letters were kept (the worker, a few at a time). */
    bekukanSuratLama: surat.bekukanLama,

    /** The public check of a letter by its code. */
    verifikasiSurat: surat.verifikasi,

    /** BKPSDM's list: every unit's sent requests, filtered and paginated. */
    async daftarBkpsdm(u: Pengguna, q: FilterBkpsdmInput) {
      if (!bkpsdm(u)) throw new ForbiddenError(PESAN.hanyaBkpsdm);
      const status = isOneOf(STATUS_TERKIRIM, q.status) ? q.status : null;
      const instansiId = /^\d{1,9}$/.test(q.instansi ?? '') ? Number(q.instansi) : null;
      const jalur = isOneOf(JALUR_REKOMENDASI, q.jalur) ? q.jalur : null;
      const dari = q.dari && isTanggal(q.dari) ? q.dari : null;
      const sampai = q.sampai && isTanggal(q.sampai) ? q.sampai : null;
      const halaman = /^\d{1,5}$/.test(q.page ?? '') ? Math.max(1, Number(q.page)) : 1;
      const perHalaman = 25;
      const [hasil, instansi] = await Promise.all([
        data.listRekomendasiBkpsdm(db, { status, instansiId, jalur, dari, sampai, halaman, perHalaman, bukan: u.id }),
        data.listInstansiAktif(db),
      ]);
      return {
        ...hasil,
        instansi,
        filter: { status, instansi: instansiId, jalur, dari, sampai },
        halaman,
        jumlahHalaman: Math.max(1, Math.ceil(hasil.total / perHalaman)),
      };
    },

    /**
     * BKPSDM accepts or refuses a sent request: a letter number of this year, the requester notified.
     * The form's rules are checked here, not by a schema: a request not (or no longer) waiting is a
     * conflict whatever was typed, which only the database tells.
     */
    async putuskan(u: Pengguna, id: number, input: { keputusan: string; alasan: string }) {
      if (!bkpsdm(u)) throw new ForbiddenError(PESAN.hanyaBkpsdm);
      const ada = await data.findRekomendasi(db, id);
      if (!ada || ada.status === 'dihapus') throw new NotFoundError(PESAN.tidakDitemukan);
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
        const urut = await data.nextNomorSurat(trx, tahun);
        const pola = (await listPengaturan(trx, 'surat.pola_nomor'))['surat.pola_nomor'] || POLA_NOMOR_BAKU;
        const nomor = nomorSurat(pola, urut, tahun);
        await data.updateNomorSurat(trx, id, nomor, tanggalWIB(now));
        // the letter is made now, from the facts of now, and kept as it is
        await surat.terbitkan(trx, id, u.id);
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
        for (const pegawaiId of await data.listOperatorUnit(trx, ada.instansi_id, row.pegawai_id))
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
