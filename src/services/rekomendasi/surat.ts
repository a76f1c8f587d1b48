import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../../errors';
import * as data from '../../data/rekomendasi';
import * as suratData from '../../data/surat';
import { listPengaturan } from '../../data/pengaturan';
import { findIsiBerkas, insertBerkas } from '../../data/berkas';
import { base32, kodeVerifikasi, namaFileSurat, namaSama } from '../../domain/rekomendasi';
import { LABEL_JALUR } from '../../domain/status';
import { buatSuratRekomendasi } from '../../ekspor/surat-rekomendasi';
import type { Deps } from '../deps';
import { createMemoriBerkas } from '../memori';

export const PESAN_SURAT = {
  belumAda: 'Surat keputusan belum tersedia karena pengajuan ini belum diputuskan oleh BKPSDMD.',
  tidakDikenal:
    'Surat dengan kode verifikasi ini tidak ditemukan. Periksa kembali kode pada surat; surat yang kodenya tidak terdaftar bukan surat yang diterbitkan Bangkom.',
};

/** The bytes of the letters served last kept in memory, up to this much (a letter's file never changes). */
const MEMORI_MAKS_BYTE = 8 * 1024 * 1024;

/** The decision letters: issued once, kept as issued, checked by their code. */
export function createSuratRekomendasi({ db, clock, config }: Deps) {
  const memori = createMemoriBerkas<number>(MEMORI_MAKS_BYTE);

  /** A letter's bytes by its file: from memory, else from the database (and kept). */
  async function isiSurat(berkasId: number): Promise<Buffer> {
    const ada = memori.ambil(berkasId);
    if (ada) return ada;
    const isi = await findIsiBerkas(db, berkasId);
    if (!isi) throw new NotFoundError(PESAN_SURAT.belumAda);
    memori.simpan(berkasId, isi);
    return isi;
  }

  /**
   * Issues the letter of a decided request: built once from the facts of this moment (settings,
   * the employee's unit, the decision), its bytes kept with a verification code. Idempotent: a
   * letter already issued is returned as it is.
   */
  async function terbitkan(trx: Knex.Transaction, id: number, oleh: number | null): Promise<suratData.SuratRow> {
    await data.lockRekomendasi(trx, id);
    const ada = await suratData.findSuratRekomendasi(trx, id);
    if (ada) return ada;
    const r = await data.findRekomendasi(trx, id);
    if (!r || !r.nomor_surat || !r.tanggal_surat || !r.diputuskan_at) throw new ConflictError(PESAN_SURAT.belumAda);
    const pengaturan = await listPengaturan(trx, 'surat.');
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
        unitSendiri: namaSama(r.instansi_nama, pengaturan['surat.badan']),
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
    const berkasId = await insertBerkas(
      trx,
      { nama: namaFileSurat(r.nomor_surat), tipe: 'application/pdf', isi: pdf },
      oleh ?? r.diputuskan_oleh ?? r.pegawai_id,
      now,
    );
    return suratData.insertSurat(trx, {
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

  return {
    terbitkan,

    /**
     * The decision letter as issued: the same bytes on every download. A letter decided before
     * letters were kept is fixed at its first download (and by the worker), then never again.
     * `r` is the request as its viewer may see it.
     */
    async unduh(r: data.RekomendasiLengkap): Promise<{ pdf: Buffer; namaFile: string }> {
      if ((r.status !== 'diterima' && r.status !== 'ditolak') || !r.nomor_surat || !r.tanggal_surat || !r.diputuskan_at)
        throw new ConflictError(PESAN_SURAT.belumAda);
      const surat =
        r.surat_berkas_id !== null && r.surat_nomor !== null
          ? { berkas_id: r.surat_berkas_id, nomor: r.surat_nomor }
          : await db.transaction((trx) => terbitkan(trx, r.id, null));
      return { pdf: await isiSurat(surat.berkas_id), namaFile: namaFileSurat(surat.nomor) };
    },

    /** Fixes the letters of requests decided before letters were kept (the worker, a few at a time). */
    async bekukanLama(batas = 20): Promise<number> {
      const ids = await suratData.listRekomendasiTanpaSurat(db, batas);
      for (const id of ids) await db.transaction((trx) => terbitkan(trx, id, null));
      return ids.length;
    },

    /** The public check of a letter by its code: what the letter itself shows, nothing more. */
    async verifikasi(kodeMentah: string): Promise<suratData.SuratRow> {
      const kode = kodeVerifikasi(kodeMentah);
      const surat = kode ? await suratData.findSuratByKode(db, kode) : undefined;
      if (!surat) throw new NotFoundError(PESAN_SURAT.tidakDikenal);
      return surat;
    },
  };
}
