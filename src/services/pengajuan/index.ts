import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { loadPengguna, lockPegawaiRencana, type Pengguna } from '../../data/pegawai';
import { listPengaturan } from '../../data/pengaturan';
import * as master from '../../data/master';
import * as data from '../../data/pengajuan';
import { findPeriode } from '../../data/periode';
import { insertRiwayat } from '../../data/riwayat';
import { insertAudit } from '../../data/audit';
import { isTerbuka, PESAN_PERIODE, saatTerkunci, sisaHari, type Periode } from '../../domain/periode';
import { tahunWIB, tanggalWIB } from '../../domain/waktu';
import { hitungSkj, kesenjanganKinerja, prioritas } from '../../domain/kesenjangan';
import {
  validasiBaris,
  validasiKepala,
  validasiRencana,
  type BarisInput,
  type Kepala,
  type KepalaInput,
  type RencanaInput,
} from '../../domain/rencana';
import { formatAngka } from '../../domain/angka';
import { bolehRincian, LABEL_STATUS_RINCIAN, type AksiRincian, type Jalur, type StatusRincian } from '../../domain/status';
import { PESAN_TRANSISI, periksaRincian, terapkan, transisiRincian } from '../transisi';
import { kirimNotifikasi } from '../notifikasi/kirim';
import { bedaKepala, masters, nilaiKepala, riwayatTampil, type SumberUbah } from './kepala';
import type { Deps } from '../deps';

// Pengajuan: the employee's yearly plan (its header and its trainings), from the first draft to
// sending each item to the atasan; every status change goes through transisi().

export const PER_HALAMAN = 10;

const TIDAK_DITEMUKAN = 'Pengajuan tidak ditemukan.';
const RENCANA_TIDAK_ADA = (tahun: number) =>
  `Anda belum memiliki rencana pengembangan kompetensi tahun ${tahun}. Buat pengajuan baru untuk tahun itu terlebih dahulu.`;

export function createPengajuanService({ db, clock, config }: Deps) {
  /** The deadline rule: the period of the year must exist and be open now (WIB). */
  async function pastikanTerbuka(trx: Knex | Knex.Transaction, tahun: number): Promise<Periode> {
    return terbuka(await findPeriode(trx, tahun), tahun);
  }

  function terbuka(p: Periode | undefined, tahun: number): Periode {
    if (!p) throw new ConflictError(PESAN_PERIODE.belumDibuka(tahun));
    if (!isTerbuka(p, clock.now())) throw new ConflictError(PESAN_PERIODE.terkunci(p));
    return p;
  }

  /** A year's period as the request began, for a page (a write reads it again in its transaction). */
  const periodeTampil = (user: Pengguna, tahun: number) => user.periode.find((p) => p.tahun === tahun);

  async function milik(user: Pengguna, id: number) {
    const r = Number.isSafeInteger(id) && id > 0 ? await data.findRincian(db, id) : undefined;
    if (!r || r.pegawai_id !== user.id) throw new NotFoundError(TIDAK_DITEMUKAN);
    return r;
  }

  /** An item's plan header (there always is one: the item belongs to it). */
  async function pengajuanDari(pengajuanId: number) {
    const h = await data.findPengajuan(db, pengajuanId);
    if (!h) throw new NotFoundError(TIDAK_DITEMUKAN);
    return h;
  }

  function pastikanBoleh(aksi: AksiRincian, status: string) {
    if (!bolehRincian(aksi, status)) {
      throw new ConflictError(
        `Tindakan ini tidak dapat dilakukan karena status pengajuan sekarang "${LABEL_STATUS_RINCIAN[status as StatusRincian] ?? status}".`,
      );
    }
  }

  /**
   * Writes new header values to the plan of the year (every header row of it: older data may hold
   * several, and each item shows its own), with the gaps recomputed, and records the change with
   * the old and new values. Nothing is written or recorded when nothing changed.
   */
  async function simpanKepala(
    trx: Knex.Transaction,
    user: Pengguna,
    tahun: number,
    rencana: data.KepalaRow,
    baru: Kepala,
    mf: data.MasterForm,
    sumber: SumberUbah,
  ): Promise<boolean> {
    const lama = nilaiKepala(rencana);
    const beda = bedaKepala(lama, baru);
    if (!beda.length) return false;
    const skj = hitungSkj(
      mf.kompetensi.map((k) => ({ kode: k.kode, nama: k.nama })),
      baru.skj,
      mf.standar[baru.jenis_jabatan] ?? {},
    );
    const band = kesenjanganKinerja(baru.penilaian_kinerja);
    await data.updateKepala(trx, user.id, tahun, {
      jenis_jabatan_kode: baru.jenis_jabatan,
      email: baru.email,
      penilaian_kinerja: baru.penilaian_kinerja,
      kesenjangan_kinerja: band,
      skj: JSON.stringify(skj),
      prioritas: prioritas(skj, band),
    });
    await insertAudit(trx, {
      oleh: user.id,
      aksi: sumber,
      entitas: 'pengajuan',
      entitas_id: String(rencana.id),
      data: { tahun, lama, baru, beda },
      waktu: clock.now(),
    });
    return true;
  }

  /** The header values of the year's plan, to prefill the plan form; null without a plan. */
  async function kepalaForm(user: Pengguna, tahun: number): Promise<KepalaInput | null> {
    const [h] = await data.listKepala(db, user.id, tahun);
    return h ? isianKepala(h) : null;
  }

  /** A plan's header as the form's fields. */
  function isianKepala(h: data.KepalaForm): KepalaInput {
    const k = nilaiKepala(h);
    return {
      jenis_jabatan: k.jenis_jabatan,
      email: k.email,
      penilaian_kinerja: formatAngka(k.penilaian_kinerja),
      skj: Object.fromEntries(Object.entries(k.skj).map(([kode, level]) => [kode, String(level)])),
    };
  }

  /**
   * The atasan is told, and so is whoever stands in for the atasan today (Plt), in one statement;
   * not the sender, should the sender be that stand-in (nobody decides their own case).
   */
  async function beritahuAtasan(trx: Knex.Transaction, user: Pengguna, pesan: string, tautan: string) {
    if (!user.atasan_id) return;
    await kirimNotifikasi(
      trx,
      {
        pegawaiId: user.atasan_id,
        judul: 'Usulan pengembangan kompetensi menunggu verifikasi',
        pesan,
        tautan,
        plt: { hari: tanggalWIB(clock.now()), kecuali: user.id },
      },
      clock.now(),
      config.baseUrl,
    );
  }

  /** Periods to plan for: open ones first, locked ones shown as locked. */
  function pilihanPeriode(user: Pengguna) {
    const now = clock.now();
    const tahunIni = tahunWIB(now);
    const list = user.periode.filter((p) => p.tahun >= tahunIni);
    return list
      .map((p) => ({ ...p, terbuka: isTerbuka(p, now), sisaHari: sisaHari(p, now), terkunciSejak: saatTerkunci(p) }))
      .sort((a, b) => Number(b.terbuka) - Number(a.terbuka) || a.tahun - b.tahun);
  }

  /**
   * Sends items of the user (in the caller's transaction), each checked and changed under its lock,
   * then tells the atasan once: the item by name when it is one, else how many. The items as read.
   */
  async function kirimDalam(trx: Knex.Transaction, user: Pengguna, ids: number[]) {
    const now = clock.now();
    const dikirim = [];
    for (const id of ids) {
      const k = await periksaRincian(trx, 'kirim', user, id, now);
      await terapkan(trx, k, { pelaku: user, waktu: now, set: { dikirim_at: now } });
      dikirim.push(k.row);
    }
    const [satu, ...lain] = dikirim;
    if (!satu) return dikirim;
    if (lain.length)
      await beritahuAtasan(
        trx,
        user,
        `${user.nama} mengirim ${dikirim.length} usulan pengembangan kompetensi tahun ${satu.tahun}.`,
        '/verifikasi',
      );
    else
      await beritahuAtasan(
        trx,
        user,
        `${user.nama} mengirim usulan "${satu.bentuk_nama}: ${satu.materi}" (${satu.jp} JP, tahun ${satu.tahun}).`,
        `/verifikasi/${satu.id}`,
      );
    return dikirim;
  }

  /** The years to choose from: every period and every year with the user's items (and `tahun`), newest first. */
  function daftarTahun(user: Pengguna, tahunMilik: number[], tahun?: number) {
    const semua = new Set([...user.periode.map((p) => p.tahun), ...tahunMilik]);
    if (tahun !== undefined) semua.add(tahun);
    return [...semua].sort((a, b) => b - a);
  }

  return {
    tahunIni: () => tahunWIB(clock.now()),

    kepalaForm,

    pilihanPeriode,

    async dashboard(user: Pengguna, tahun: number) {
      const { ringkasan, berjalan, tahunMilik } = await data.findDashboard(db, user.id, tahun);
      // a newcomer (no item in any year) is shown where to start: the year open for planning
      const mulai = tahunMilik.length ? null : { periode: pilihanPeriode(user).find((p) => p.terbuka) ?? null };
      return { ringkasan, berjalan, mulai, tahunList: daftarTahun(user, tahunMilik, tahun) };
    },

    /** Everything the plan form shows; refuses a closed year with 409. */
    async dataForm(user: Pengguna, jalur: Jalur, tahun: number) {
      const periode = terbuka(periodeTampil(user, tahun), tahun);
      const { master, kepala } = await data.findFormRencana(db, user.id, tahun);
      const { jenisJabatan, kompetensi, bentuk, sumberDana, standar } = master;
      return {
        /** the header of the year's plan when there is one: the new items are added to it */
        kepala: kepala && isianKepala(kepala),
        periode,
        sisaHari: sisaHari(periode, clock.now()),
        jenisJabatan,
        kompetensi,
        bentuk: bentuk.filter((b) => b.jalur === jalur),
        sumberDana,
        standar,
      };
    },

    /**
     * Saves the plan's trainings as konsep, or (kirim) saves and sends them to the atasan at once.
     * The form is checked against the master lists here, every message at once.
     */
    async buat(user: Pengguna, input: RencanaInput, kirim = false) {
      const mf = await data.findMasterForm(db);
      const { rencana, errors } = validasiRencana(input, masters(mf));
      if (kirim && !user.atasan_id) errors.aksi = PESAN_TRANSISI.tanpaAtasan;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const kompetensi = mf.kompetensi.map((k) => ({ kode: k.kode, nama: k.nama }));
      const skj = hitungSkj(kompetensi, rencana.skj, mf.standar[rencana.jenis_jabatan] ?? {});
      const band = kesenjanganKinerja(rencana.penilaian_kinerja);
      const now = clock.now();
      return db.transaction(async (trx) => {
        await pastikanTerbuka(trx, rencana.tahun);
        // one plan per employee and year: two submissions at once wait for each other here
        await lockPegawaiRencana(trx, user.id);
        const [ada] = await data.lockKepala(trx, user.id, rencana.tahun);
        let pengajuanId: number;
        if (ada) {
          pengajuanId = ada.id;
          await simpanKepala(trx, user, rencana.tahun, ada, rencana, mf, 'pengajuan_baru');
        } else {
          pengajuanId = await data.insertPengajuan(trx, {
            pegawai_id: user.id,
            tahun: rencana.tahun,
            jalur: rencana.jalur,
            jenis_jabatan_kode: rencana.jenis_jabatan,
            email: rencana.email,
            penilaian_kinerja: rencana.penilaian_kinerja,
            kesenjangan_kinerja: band,
            skj: JSON.stringify(skj),
            prioritas: prioritas(skj, band),
            created_at: now,
          });
        }
        const ids = await data.insertRincian(
          trx,
          rencana.pelatihan.map((b) => ({
            ...b,
            pengajuan_id: pengajuanId,
            pegawai_id: user.id,
            tahun: rencana.tahun,
            jalur: rencana.jalur,
            status: 'konsep',
            created_at: now,
            updated_at: now,
          })),
        );
        await insertRiwayat(
          trx,
          ids.map((id) => ({ rincian_id: id, aksi: 'buat', dari: null, ke: 'konsep', oleh: user.id, waktu: now })),
        );
        if (kirim) await kirimDalam(trx, user, ids);
        return { pengajuanId, tahun: rencana.tahun, jumlah: ids.length, ditambahkan: !!ada, terkirim: kirim };
      });
    },

    /** The plan header's edit page: 404 without a plan of that year, 409 once the year is closed. */
    async dataRencana(user: Pengguna, tahun: number) {
      const [h] = Number.isSafeInteger(tahun) ? await data.listKepala(db, user.id, tahun) : [];
      if (!h) throw new NotFoundError(RENCANA_TIDAK_ADA(tahun));
      const periode = terbuka(periodeTampil(user, tahun), tahun);
      const [pengajuan, mf, perubahan, jumlahUsulan] = await Promise.all([
        pengajuanDari(h.id),
        data.findMasterForm(db),
        data.listRiwayatKepala(db, h.id),
        data.countRincianTahun(db, user.id, tahun),
      ]);
      return {
        pengajuan,
        periode,
        sisaHari: sisaHari(periode, clock.now()),
        jumlahUsulan,
        riwayat: riwayatTampil({ waktu: pengajuan.created_at, oleh_nama: user.nama }, perubahan, mf),
        jenisJabatan: mf.jenisJabatan,
        kompetensi: mf.kompetensi,
        standar: mf.standar,
      };
    },

    /** Edits the header of the year's plan; recorded with the old and new values. */
    async ubahRencana(user: Pengguna, tahun: number, input: KepalaInput) {
      const mf = await data.findMasterForm(db);
      return db.transaction(async (trx) => {
        // who and the deadline first (404/409), then the form's errors (422)
        const [h] = Number.isSafeInteger(tahun) ? await data.lockKepala(trx, user.id, tahun) : [];
        if (!h) throw new NotFoundError(RENCANA_TIDAK_ADA(tahun));
        await pastikanTerbuka(trx, tahun);
        const errors = {};
        const baru = validasiKepala(input, masters(mf), errors);
        if (Object.keys(errors).length) throw new ValidationError(errors);
        return simpanKepala(trx, user, tahun, h, baru, mf, 'ubah_rencana');
      });
    },

    async daftar(user: Pengguna, filter: data.FilterDaftar, page: number) {
      const offset = (page - 1) * PER_HALAMAN;
      const { rows, total, tahunMilik, adaRencana } = await data.listRincian(db, user.id, filter, PER_HALAMAN, offset);
      const now = clock.now();
      const terbuka = new Set(user.periode.filter((p) => isTerbuka(p, now)).map((p) => p.tahun));
      return {
        rows: rows.map((r) => ({ ...r, periodeTerbuka: terbuka.has(r.tahun) })),
        total,
        page,
        perHalaman: PER_HALAMAN,
        tahunList: daftarTahun(user, tahunMilik),
        adaKonsep: filter.tahun && terbuka.has(filter.tahun) ? rows.some((r) => r.status === 'konsep') || undefined : undefined,
        rencanaTerbuka: filter.tahun && terbuka.has(filter.tahun) ? adaRencana : false,
      };
    },

    async detail(user: Pengguna, id: number) {
      const d = Number.isSafeInteger(id) && id > 0 ? await data.findDetailRincian(db, id) : undefined;
      if (!d || d.rincian.pegawai_id !== user.id) throw new NotFoundError(TIDAK_DITEMUKAN);
      const periode = periodeTampil(user, d.rincian.tahun);
      return { ...d, periodeTerbuka: isTerbuka(periode, clock.now()), periode };
    },

    /**
     * The whole plan (header and every item) for the printable form: for the owner, the owner's
     * atasan (or the Plt of the day) and BKPSDM; anyone else gets 404.
     */
    async formulir(user: Pengguna, id: number) {
      const r = Number.isSafeInteger(id) && id > 0 ? await data.findRincian(db, id) : undefined;
      if (!r) throw new NotFoundError(TIDAK_DITEMUKAN);
      const hariIni = tanggalWIB(clock.now());
      const pemilik = await loadPengguna(db, r.pegawai_id, hariIni);
      if (!pemilik) throw new NotFoundError(TIDAK_DITEMUKAN);
      const boleh =
        r.pegawai_id === user.id ||
        user.peran === 'bkpsdm' ||
        user.peran === 'admin' ||
        (pemilik.atasan_id !== null && (pemilik.atasan_id === user.id || user.diwakili.includes(pemilik.atasan_id)));
      if (!boleh) throw new NotFoundError(TIDAK_DITEMUKAN);
      const [pengajuan, pengaturan, items] = await Promise.all([
        pengajuanDari(r.pengajuan_id),
        listPengaturan(db, 'surat.'),
        data.listRincianPengajuan(db, r.pengajuan_id),
      ]);
      return { pemilik, pengajuan, items, pengaturan, dicetak: clock.now() };
    },

    async dataEdit(user: Pengguna, id: number) {
      const r = await milik(user, id);
      pastikanBoleh('edit', r.status);
      terbuka(periodeTampil(user, r.tahun), r.tahun);
      const [bentuk, sumberDana] = await Promise.all([master.listBentukAktif(db, r.jalur), master.sumberDanaAktif(db)]);
      return { rincian: r, bentuk, sumberDana };
    },

    async edit(user: Pengguna, id: number, input: BarisInput) {
      const r = await milik(user, id);
      const m = masters(await data.findMasterForm(db));
      const now = clock.now();
      await db.transaction(async (trx) => {
        // who, the deadline and the state first (404/409), then the form's errors (422)
        const k = await periksaRincian(trx, 'edit', user, id, now);
        const errors = {};
        const baris = validasiBaris(input, r.jalur as Jalur, r.tahun, m, '', errors);
        if (Object.keys(errors).length) throw new ValidationError(errors);
        await terapkan(trx, k, { pelaku: user, waktu: now, set: { ...baris } });
      });
      return r;
    },

    /** Sends one item: its row is read under the lock of the change, not before it. */
    async kirim(user: Pengguna, id: number) {
      return db.transaction(async (trx) => (await kirimDalam(trx, user, [id]))[0]!);
    },

    /** Sends every konsep item of a year at once. */
    async kirimSemua(user: Pengguna, tahun: number) {
      return db.transaction(async (trx) => {
        await pastikanTerbuka(trx, tahun);
        const ids = await data.listIdKonsep(trx, user.id, tahun);
        await kirimDalam(trx, user, ids);
        return ids.length;
      });
    },

    async hapus(user: Pengguna, id: number) {
      const r = await milik(user, id);
      await db.transaction(async (trx) => {
        await transisiRincian(trx, 'hapus', { id, pelaku: user, waktu: clock.now() });
      });
      return r;
    },

    /** For confirmation pages: the item, refused early if the action is not allowed. */
    async untukAksi(user: Pengguna, id: number, aksi: 'kirim' | 'hapus') {
      const r = await milik(user, id);
      pastikanBoleh(aksi, r.status);
      terbuka(periodeTampil(user, r.tahun), r.tahun);
      if (aksi === 'kirim' && !user.atasan_id) throw new ConflictError(PESAN_TRANSISI.tanpaAtasan);
      return r;
    },
  };
}

export type PengajuanService = ReturnType<typeof createPengajuanService>;
