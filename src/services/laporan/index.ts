import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import * as data from '../../data/laporan';
import { insertBerkas } from '../../data/berkas';
import type { PdfFile } from '../../domain/berkas';
import {
  FREKUENSI,
  JP_PER_HARI_MAKS,
  LABEL_FREKUENSI,
  TARGET_JP_TAHUNAN,
  isFrekuensi,
  jadwalLaporan,
  lamaHari,
  ringkasJadwal,
  statusJadwal,
  tambahBulan,
  type Frekuensi,
  type JadwalDenganStatus,
} from '../../domain/laporan';
import { LABEL_STATUS_RINCIAN, type StatusRincian } from '../../domain/status';
import { formatTanggal, tahunWIB, tanggalWIB } from '../../domain/waktu';
import { transisiRincian, type Pelaku } from '../transisi';
import { kirimNotifikasi } from '../notifikasi/kirim';
import type { Deps } from '../deps';

export const PESAN = {
  bukanDiterima: (s: string) =>
    `Kegiatan hanya dapat dimulai bila pengajuannya sudah diterima atasan. Status sekarang "${label(s)}"; tidak ada yang diubah.`,
  belumDimulai: (s: string) =>
    `Laporan baru dapat dibuka setelah kegiatan dimulai (tombol Mulai pada Daftar Pengajuan). Status sekarang "${label(s)}".`,
  bukanBerjalan: (s: string) =>
    s === 'selesai'
      ? 'Kegiatan ini sudah selesai (laporan akhir sudah disampaikan); laporan tidak dapat ditambah lagi.'
      : `Laporan hanya dapat diinput untuk kegiatan yang sedang berjalan. Status sekarang "${label(s)}"; tidak ada yang disimpan.`,
  mulaiLuar: (tahun: number) => `Tanggal mulai harus antara 1 Januari ${tahun - 1} dan 31 Desember ${tahun + 1} (rencana tahun ${tahun}).`,
  selesaiSebelum: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  terlaluLama: 'Kegiatan paling lama 6 tahun; periksa tanggal selesai.',
  laporanSebelumMulai: (mulai: string) => `Tanggal laporan tidak boleh sebelum tanggal mulai kegiatan (${formatTanggal(mulai)}).`,
  laporanMasaDepan: (hari: string) => `Tanggal laporan tidak boleh melewati hari ini (${formatTanggal(hari)}).`,
  jpLebih: (hari: number, maks: number, sudah: number) =>
    `JP melebihi batas: kegiatan ${hari} hari paling banyak ${maks} JP (24 JP per hari)` +
    (sudah > 0 ? `, dan sudah dilaporkan ${sudah} JP.` : '.'),
  nomorWajib: 'Isi nomor sertifikat (wajib bila dengan sertifikat).',
};

function label(s: string) {
  return LABEL_STATUS_RINCIAN[s as StatusRincian] ?? s;
}

const PER_HALAMAN = 20;

const FREKUENSI_PENDEK: Record<Frekuensi, string> = {
  sekali: 'Sekali',
  harian: 'Harian',
  mingguan: 'Mingguan',
  bulanan: 'Bulanan',
  tahunan: 'Tahunan',
};

/** The start form, parsed (routes/laporan/schemas.ts): each field well-formed on its own. */
export interface MulaiInput {
  tanggal_mulai: string;
  tanggal_selesai: string;
  detail_materi: string;
  tempat: string;
  frekuensi_laporan: Frekuensi;
  biaya_realisasi: number | null;
}

/** The report form, parsed (routes/laporan/schemas.ts), with its upload. */
export interface LaporanInput {
  tanggal: string;
  jp: number;
  dengan_sertifikat: boolean;
  nomor_sertifikat: string;
  deskripsi: string;
  akhir: boolean;
  /** the uploaded certificate, already checked to be a PDF */
  sertifikat?: PdfFile | undefined;
  /** problems with the upload found while reading it (type, size) */
  galatBerkas?: FieldErrors;
}

export type KegiatanRow = data.KegiatanRow;

export function createLaporanService({ db, clock, config }: Deps) {
  const hariIni = () => tanggalWIB(clock.now());

  /** The item, if the user may see it: its owner, or the owner's direct atasan (read-only). */
  async function lihat(user: Pelaku, id: number) {
    return sebagai(user, Number.isSafeInteger(id) && id > 0 ? await data.findKegiatan(db, id) : undefined);
  }

  /** Who the user is to the item: its owner or the owner's atasan; 404 for anyone else. */
  function sebagai<K extends KegiatanRow>(user: Pelaku, k: K | undefined) {
    if (!k) throw new NotFoundError();
    if (k.pegawai_id === user.id) return { k, sebagai: 'pemilik' as const };
    if (k.pemilik_atasan_id === user.id) return { k, sebagai: 'atasan' as const };
    throw new NotFoundError();
  }

  async function milik(user: Pelaku, id: number) {
    const r = await lihat(user, id);
    if (r.sebagai !== 'pemilik') throw new NotFoundError();
    return r.k;
  }

  function jadwalKegiatan(
    k: Pick<KegiatanRow, 'tanggal_mulai' | 'tanggal_selesai' | 'frekuensi_laporan' | 'dimulai_at'>,
    laporan: Pick<data.LaporanRow, 'id' | 'tanggal' | 'akhir'>[],
    hari: string,
  ): JadwalDenganStatus[] {
    if (!k.tanggal_mulai || !k.tanggal_selesai || !isFrekuensi(k.frekuensi_laporan)) return [];
    return statusJadwal(
      jadwalLaporan(k.tanggal_mulai, k.tanggal_selesai, k.frekuensi_laporan),
      laporan.map((l) => ({ id: l.id, tanggal: l.tanggal, akhir: l.akhir })),
      hari,
      k.dimulai_at ? tanggalWIB(new Date(k.dimulai_at)) : undefined,
    );
  }

  /** The rules of the start form that need the item: its plan year bounds the start. */
  function periksaMulai(k: KegiatanRow, input: MulaiInput) {
    const errors: FieldErrors = {};
    const { tanggal_mulai: mulai, tanggal_selesai: selesai } = input;
    if (mulai < `${k.tahun - 1}-01-01` || mulai > `${k.tahun + 1}-12-31`) errors.tanggal_mulai = PESAN.mulaiLuar(k.tahun);
    else if (selesai < mulai) errors.tanggal_selesai = PESAN.selesaiSebelum;
    else if (selesai > tambahBulan(mulai, 72)) errors.tanggal_selesai = PESAN.terlaluLama;
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  /** The owner's running item, for the report form (shown again after a 422). */
  async function berjalan(user: Pelaku, id: number) {
    const k = await milik(user, id);
    if (k.status !== 'berjalan') throw new ConflictError(PESAN.bukanBerjalan(k.status));
    return k;
  }

  return {
    frekuensi: FREKUENSI.map((f) => ({ kode: f, nama: LABEL_FREKUENSI[f] })),

    /** The report form shown again after a 422: only for the owner's running item (409 otherwise). */
    async formLaporan(user: Pelaku, id: number) {
      await berjalan(user, id);
      return this.detail(user, id);
    },

    /** The item to start: the owner's, accepted. */
    async formMulai(user: Pelaku, id: number) {
      const k = await milik(user, id);
      if (k.status !== 'diterima') throw new ConflictError(PESAN.bukanDiterima(k.status));
      return k;
    },

    /** diterima → berjalan with the realisation; returns the item id. */
    async mulai(user: Pelaku, id: number, input: MulaiInput) {
      const k = await milik(user, id);
      if (k.status !== 'diterima') throw new ConflictError(PESAN.bukanDiterima(k.status));
      periksaMulai(k, input);
      const now = clock.now();
      await db.transaction(async (trx) => {
        await transisiRincian(trx, 'mulai', {
          id: k.id,
          pelaku: user,
          waktu: now,
          set: {
            tanggal_mulai: input.tanggal_mulai,
            tanggal_selesai: input.tanggal_selesai,
            detail_materi: input.detail_materi,
            tempat: input.tempat,
            frekuensi_laporan: input.frekuensi_laporan,
            biaya_realisasi: input.biaya_realisasi,
            dimulai_at: now,
          },
        });
      });
      return k.id;
    },

    /** Laporan: the owner's running and finished items, the reports due, the year's JP. */
    async daftar(user: Pelaku, q: { tahun?: number | undefined; page?: number | undefined }) {
      const hari = hariIni();
      const tahunJp = q.tahun ?? tahunWIB(clock.now());
      const page = Math.max(1, Math.min(q.page ?? 1, 10_000));
      const { rows, total, berjalan, jp } = await data.findHalamanLaporan(
        db,
        user.id,
        { tahun: q.tahun, limit: PER_HALAMAN, offset: (page - 1) * PER_HALAMAN },
        tahunJp,
      );
      const kegiatan = rows.map(({ laporan: lap, ...k }) => {
        return {
          ...k,
          jpDilaporkan: lap.reduce((s, l) => s + l.jp, 0),
          jumlahLaporan: lap.length,
          labelFrekuensi: isFrekuensi(k.frekuensi_laporan) ? FREKUENSI_PENDEK[k.frekuensi_laporan] : '-',
          ringkasan: ringkasJadwal(jadwalKegiatan(k, lap, hari)),
        };
      });
      // Reports to file now: every late one, and the next one of each running item.
      const harusLapor = berjalan.flatMap(({ laporan, ...k }) => {
        const jadwal = jadwalKegiatan(k, laporan, hari);
        const terlambat = jadwal.filter((j) => j.status === 'terlambat');
        const berikut = jadwal.find((j) => j.status === 'belum');
        return [...terlambat, ...(berikut ? [berikut] : [])].map((j) => ({ kegiatan: k, jadwal: j }));
      });
      harusLapor.sort((a, b) => (a.jadwal.batas < b.jadwal.batas ? -1 : a.jadwal.batas > b.jadwal.batas ? 1 : 0));
      return {
        kegiatan,
        harusLapor: harusLapor.slice(0, 100),
        harusLaporLebih: Math.max(0, harusLapor.length - 100),
        hariIni: hari,
        halaman: { page, total, perHalaman: PER_HALAMAN, jumlahHalaman: Math.max(1, Math.ceil(total / PER_HALAMAN)) },
        tahun: q.tahun ?? null,
        capaian: { tahun: tahunJp, jp, target: TARGET_JP_TAHUNAN, persen: Math.min(100, Math.round((jp / TARGET_JP_TAHUNAN) * 100)) },
      };
    },

    /** Detail of a running/finished item with its reports; the owner can add one while it runs. */
    async detail(user: Pelaku, id: number) {
      const lihatan = sebagai(user, Number.isSafeInteger(id) && id > 0 ? await data.findKegiatanDenganLaporan(db, id) : undefined);
      const { laporan, ...k } = lihatan.k;
      if (k.status !== 'berjalan' && k.status !== 'selesai') {
        if (lihatan.sebagai !== 'pemilik') throw new NotFoundError();
        throw new ConflictError(PESAN.belumDimulai(k.status));
      }
      const hari = hariIni();
      const jadwal = jadwalKegiatan(k, laporan, hari);
      // A long daily rhythm: show what is filed or late and the next one due, count the rest.
      const iBerikut = jadwal.findIndex((j) => j.status === 'belum');
      const tampil = jadwal.filter((j, i) => j.status !== 'belum' || i === iBerikut || j.akhir);
      const hariKegiatan = lamaHari(k.tanggal_mulai!, k.tanggal_selesai!);
      const jpDilaporkan = laporan.reduce((s, l) => s + l.jp, 0);
      return {
        kegiatan: k,
        sebagai: lihatan.sebagai,
        bolehInput: lihatan.sebagai === 'pemilik' && k.status === 'berjalan',
        laporan,
        jadwal: tampil.map((j) => ({ ...j, tampil: k.status === 'selesai' && j.status !== 'selesai' ? ('terlewat' as const) : j.status })),
        jadwalDisembunyikan: jadwal.length - tampil.length,
        ringkasan: ringkasJadwal(jadwal),
        jpDilaporkan,
        jpMaks: hariKegiatan * JP_PER_HARI_MAKS,
        hariKegiatan,
        hariIni: hari,
        sekali: k.frekuensi_laporan === 'sekali',
        labelFrekuensi: isFrekuensi(k.frekuensi_laporan) ? LABEL_FREKUENSI[k.frekuensi_laporan] : '-',
        // default date of a new report: today, or the start if it lies ahead
        tanggalBaku: k.tanggal_mulai && k.tanggal_mulai > hari ? k.tanggal_mulai : hari,
      };
    },

    /** Input Laporan; the final report (always, for sekali) closes the item. Returns whether it did. */
    async tambahLaporan(user: Pelaku, id: number, input: LaporanInput): Promise<{ selesai: boolean }> {
      const k0 = await berjalan(user, id);
      const now = clock.now();
      const hari = tanggalWIB(now);
      return db.transaction(async (trx) => {
        await data.lockRincian(trx, k0.id);
        const k = (await data.findKegiatan(trx, k0.id))!;
        if (k.status !== 'berjalan') throw new ConflictError(PESAN.bukanBerjalan(k.status));
        // the rules that need the item, the day or the upload; the form's own were checked by its schema
        const errors: FieldErrors = { ...(input.galatBerkas ?? {}) };
        const mulai = k.tanggal_mulai!;
        if (input.tanggal < mulai) errors.tanggal = PESAN.laporanSebelumMulai(mulai);
        else if (input.tanggal > hari) errors.tanggal = PESAN.laporanMasaDepan(hari);
        const hariKegiatan = lamaHari(mulai, k.tanggal_selesai!);
        const sudah = await data.sumJpLaporan(trx, k.id);
        if (sudah + input.jp > hariKegiatan * JP_PER_HARI_MAKS)
          errors.jp = PESAN.jpLebih(hariKegiatan, hariKegiatan * JP_PER_HARI_MAKS, sudah);
        // an uploaded certificate means the report is with a certificate
        const denganSertifikat = input.dengan_sertifikat || !!input.sertifikat;
        if (denganSertifikat && !input.nomor_sertifikat) errors.nomor_sertifikat = PESAN.nomorWajib;
        if (Object.keys(errors).length) throw new ValidationError(errors);

        const berkasId = input.sertifikat ? await insertBerkas(trx, input.sertifikat, user.id, now) : null;
        const akhir = k.frekuensi_laporan === 'sekali' || input.akhir;
        await data.insertLaporan(trx, {
          rincian_id: k.id,
          tanggal: input.tanggal,
          jp: input.jp,
          dengan_sertifikat: denganSertifikat,
          nomor_sertifikat: denganSertifikat ? input.nomor_sertifikat : null,
          sertifikat_berkas_id: berkasId,
          deskripsi: input.deskripsi,
          akhir,
          dibuat_oleh: user.id,
          created_at: now,
        });
        if (akhir) await transisiRincian(trx, 'selesai', { id: k.id, pelaku: user, waktu: now, set: { selesai_at: now } });
        return { selesai: akhir };
      });
    },

    /** The certificate PDF of a report, for the owner or the atasan. */
    async sertifikat(user: Pelaku, id: number, laporanId: number) {
      const { k } = await lihat(user, id);
      const f = Number.isSafeInteger(laporanId) && laporanId > 0 ? await data.findSertifikat(db, k.id, laporanId) : undefined;
      if (!f) throw new NotFoundError('Sertifikat tidak ditemukan.');
      return f;
    },

    /** Realised JP of year Y per employee (sum of reported JP of their items of that plan year). */
    async jpRealisasi(pegawaiIds: number[], tahun: number) {
      return data.jpRealisasi(db, pegawaiIds, tahun);
    },

    /**
     * Reminds owners of late reports, in the app and by e-mail: once per late report (the
     * notification names the newest late due date; a later one gets its own reminder).
     * Called daily by the background worker; returns how many reminders were sent.
     */
    async kirimPengingatTerlambat(): Promise<number> {
      const now = clock.now();
      const hari = tanggalWIB(now);
      const items = await data.listKegiatanBerjalanSemua(db);
      const pengingat: { pegawaiId: number; judul: string; pesan: string; tautan: string }[] = [];
      for (let i = 0; i < items.length; i += 500) {
        const potong = items.slice(i, i + 500);
        const laporan = await data.listLaporan(
          db,
          potong.map((k) => k.id),
        );
        const sudah = await data.listJudulNotifikasi(
          db,
          potong.map((k) => `/laporan/${k.id}`),
        );
        for (const k of potong) {
          const jadwal = jadwalKegiatan(
            k,
            laporan.filter((l) => l.rincian_id === k.id),
            hari,
          );
          const terlambat = jadwal.filter((j) => j.status === 'terlambat');
          const terakhir = terlambat.at(-1);
          if (!terakhir) continue;
          const materi = k.materi.length > 80 ? `${k.materi.slice(0, 77)}...` : k.materi;
          const judul = `Laporan terlambat: ${materi} (batas ${formatTanggal(terakhir.batas)})`;
          const tautan = `/laporan/${k.id}`;
          if (sudah.has(`${k.pegawai_id}|${tautan}|${judul}`)) continue;
          const jenis = terakhir.akhir ? 'Laporan akhir' : `Laporan ke-${terakhir.ke}`;
          pengingat.push({
            pegawaiId: k.pegawai_id,
            judul,
            tautan,
            pesan:
              `${jenis} kegiatan "${k.materi}" seharusnya disampaikan paling lambat ${formatTanggal(terakhir.batas)}.` +
              (terlambat.length > 1 ? ` Ada ${terlambat.length} laporan yang terlambat.` : '') +
              ' Silakan input laporan di menu Laporan.',
          });
        }
      }
      if (!pengingat.length) return 0;
      await db.transaction(async (trx) => {
        for (const p of pengingat) await kirimNotifikasi(trx, p, now, config.baseUrl);
      });
      return pengingat.length;
    },
  };
}

export type LaporanService = ReturnType<typeof createLaporanService>;
