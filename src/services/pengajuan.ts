import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { atasanYangDiwakili, loadPengguna, type Pengguna } from '../data/pegawai';
import { ambilPengaturan } from '../data/pengaturan';
import * as master from '../data/master';
import * as data from '../data/pengajuan';
import { findPeriode, semuaPeriode } from '../data/periode';
import { isTerbuka, PESAN_PERIODE, saatTerkunci, sisaHari, type Periode } from '../domain/periode';
import { tahunWIB, tanggalWIB } from '../domain/waktu';
import { hitungSkj, kesenjanganKinerja, prioritas } from '../domain/kesenjangan';
import {
  validasiBaris,
  validasiKepala,
  validasiRencana,
  type BarisInput,
  type Kepala,
  type KepalaInput,
  type Masters,
  type RencanaInput,
} from '../domain/rencana';
import { catatAudit } from '../data/audit';
import { formatAngka } from '../domain/angka';
import { bolehRincian, LABEL_STATUS_RINCIAN, type AksiRincian, type Jalur, type StatusRincian } from '../domain/status';
import { PESAN_TRANSISI, periksaRincian, terapkan, transisiRincian } from './transisi';
import { kirimNotifikasi } from './notifikasi';
import type { Deps } from './deps';

export const PER_HALAMAN = 10;

export { PESAN_PERIODE };

const TIDAK_DITEMUKAN = 'Pengajuan tidak ditemukan.';
const RENCANA_TIDAK_ADA = (tahun: number) =>
  `Anda belum memiliki rencana pengembangan kompetensi tahun ${tahun}. Buat pengajuan baru untuk tahun itu terlebih dahulu.`;

/** Where a change of the plan's header came from (recorded with it). */
type SumberUbah = 'ubah_rencana' | 'pengajuan_baru';
const LABEL_SUMBER: Record<string, string> = {
  ubah_rencana: 'Data rencana diubah',
  pengajuan_baru: 'Data rencana diubah melalui pengajuan baru',
};

/** A header row's values in the shape of the form's validated input (skj as kode → level). */
function nilaiKepala(h: Record<string, unknown>): Kepala {
  const skj = (typeof h.skj === 'string' ? JSON.parse(h.skj) : (h.skj ?? [])) as { kode: string; level: number }[];
  return {
    jenis_jabatan: String(h.jenis_jabatan_kode),
    email: String(h.email),
    penilaian_kinerja: Number(h.penilaian_kinerja),
    skj: Object.fromEntries(skj.filter((x) => x.level > 0).map((x) => [x.kode, Number(x.level)])),
  };
}

/** The fields of a header that differ, for the history. */
function bedaKepala(lama: Kepala, baru: Kepala) {
  const beda: { kolom: string; lama: string | number | null; baru: string | number | null }[] = [];
  if (lama.jenis_jabatan !== baru.jenis_jabatan) beda.push({ kolom: 'jenis_jabatan', lama: lama.jenis_jabatan, baru: baru.jenis_jabatan });
  if (lama.email !== baru.email) beda.push({ kolom: 'email', lama: lama.email, baru: baru.email });
  if (lama.penilaian_kinerja !== baru.penilaian_kinerja)
    beda.push({ kolom: 'penilaian_kinerja', lama: lama.penilaian_kinerja, baru: baru.penilaian_kinerja });
  for (const kode of new Set([...Object.keys(lama.skj), ...Object.keys(baru.skj)]))
    if (lama.skj[kode] !== baru.skj[kode]) beda.push({ kolom: `skj.${kode}`, lama: lama.skj[kode] ?? null, baru: baru.skj[kode] ?? null });
  return beda;
}

export function createPengajuanService({ db, clock, config }: Deps) {
  function masters(m: data.MasterForm): Masters {
    return {
      jenisJabatan: new Set(m.jenisJabatan.map((j) => j.kode)),
      kompetensi: m.kompetensi.map((k) => k.kode),
      bentuk: new Map(m.bentuk.map((b) => [b.kode, b.jalur])),
      sumberDana: new Set(m.sumberDana.map((d) => d.kode)),
    };
  }

  /** The deadline rule: the period of the year must exist and be open now (WIB). */
  async function pastikanTerbuka(trx: Knex | Knex.Transaction, tahun: number): Promise<Periode> {
    const p = await findPeriode(trx, tahun);
    if (!p) throw new ConflictError(PESAN_PERIODE.belumDibuka(tahun));
    if (!isTerbuka(p, clock.now())) throw new ConflictError(PESAN_PERIODE.terkunci(p));
    return p;
  }

  async function milik(user: Pengguna, id: number) {
    const r = Number.isSafeInteger(id) && id > 0 ? await data.findRincian(db, id) : undefined;
    if (!r || r.pegawai_id !== user.id) throw new NotFoundError(TIDAK_DITEMUKAN);
    return r;
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
    rencana: Record<string, unknown>,
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
    const now = clock.now();
    await trx('pengajuan')
      .where({ pegawai_id: user.id, tahun })
      .update({
        jenis_jabatan_kode: baru.jenis_jabatan,
        email: baru.email,
        penilaian_kinerja: baru.penilaian_kinerja,
        kesenjangan_kinerja: band,
        skj: JSON.stringify(skj),
        prioritas: prioritas(skj, band),
      });
    await catatAudit(trx, {
      oleh: user.id,
      aksi: sumber,
      entitas: 'pengajuan',
      entitas_id: String(rencana.id),
      data: { tahun, lama, baru, beda },
      waktu: now,
    });
    return true;
  }

  /** The header values of the year's plan, to prefill the plan form; null without a plan. */
  async function kepalaForm(user: Pengguna, tahun: number): Promise<KepalaInput | null> {
    const [h] = await data.kepalaTahun(db, user.id, tahun);
    if (!h) return null;
    const k = nilaiKepala(h);
    return {
      jenis_jabatan: k.jenis_jabatan,
      email: k.email,
      penilaian_kinerja: formatAngka(k.penilaian_kinerja),
      skj: Object.fromEntries(Object.entries(k.skj).map(([kode, level]) => [kode, String(level)])),
    };
  }

  /** The atasan is told, and so is whoever stands in for the atasan today (Plt). */
  async function beritahuAtasan(trx: Knex.Transaction, user: Pengguna, pesan: string, tautan: string) {
    if (!user.atasan_id) return;
    const hariIni = tanggalWIB(clock.now());
    const plt: number[] = await trx('plt')
      .where({ atasan_id: user.atasan_id })
      .where('mulai', '<=', hariIni)
      .where('selesai', '>=', hariIni)
      .distinct()
      .pluck('pengganti_id');
    for (const pegawaiId of [user.atasan_id, ...plt.filter((id) => id !== user.atasan_id)]) {
      await kirimNotifikasi(
        trx,
        { pegawaiId, judul: 'Usulan pengembangan kompetensi menunggu verifikasi', pesan, tautan },
        clock.now(),
        config.baseUrl,
      );
    }
  }

  return {
    tahunIni: () => tahunWIB(clock.now()),

    kepalaForm,

    async dashboard(user: Pengguna, tahun: number) {
      const [ringkasan, berjalan, tahunList] = await Promise.all([
        data.ringkasanTahun(db, user.id, tahun),
        data
          .rincianQuery(db)
          .where({ 'r.pegawai_id': user.id, 'r.tahun': tahun })
          .whereIn('r.status', ['diterima', 'berjalan'])
          .orderBy('r.tanggal')
          .limit(50) as Promise<data.RincianRow[]>,
        data.tahunDanRencana(db, user.id),
      ]);
      // a newcomer (no item in any year) is shown where to start: the year open for planning
      const mulai = tahunList.adaRencana ? null : { periode: (await this.pilihanPeriode()).find((p) => p.terbuka) ?? null };
      return {
        ringkasan,
        berjalan,
        mulai,
        tahunList: tahunList.tahun.includes(tahun) ? tahunList.tahun : [tahun, ...tahunList.tahun].sort((a, b) => b - a),
      };
    },

    /** Periods to plan for: open ones first, locked ones shown as locked. */
    async pilihanPeriode() {
      const now = clock.now();
      const tahunIni = tahunWIB(now);
      const list = (await semuaPeriode(db)).filter((p) => p.tahun >= tahunIni);
      return list
        .map((p) => ({ ...p, terbuka: isTerbuka(p, now), sisaHari: sisaHari(p, now), terkunciSejak: saatTerkunci(p) }))
        .sort((a, b) => Number(b.terbuka) - Number(a.terbuka) || a.tahun - b.tahun);
    },

    /** Everything the plan form shows; refuses a closed year with 409. */
    async dataForm(user: Pengguna, jalur: Jalur, tahun: number) {
      const periode = await pastikanTerbuka(db, tahun);
      const [{ jenisJabatan, kompetensi, bentuk, sumberDana, standar }, kepala] = await Promise.all([
        data.masterForm(db),
        kepalaForm(user, tahun),
      ]);
      return {
        /** the header of the year's plan when there is one: the new items are added to it */
        kepala,
        periode,
        sisaHari: sisaHari(periode, clock.now()),
        jenisJabatan,
        kompetensi,
        bentuk: bentuk.filter((b) => b.jalur === jalur),
        sumberDana,
        standar,
      };
    },

    /** Saves the plan's trainings as konsep, or (kirim) saves and sends them to the atasan at once. */
    async buat(user: Pengguna, input: RencanaInput, kirim = false) {
      const mf = await data.masterForm(db);
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
        await trx('pegawai').where({ id: user.id }).forNoKeyUpdate().first('id');
        const [ada] = await data.kepalaTahun(trx, user.id, rencana.tahun, true);
        let pengajuanId: number;
        if (ada) {
          pengajuanId = Number(ada.id);
          await simpanKepala(trx, user, rencana.tahun, ada, rencana, mf, 'pengajuan_baru');
        } else {
          const [h] = await trx('pengajuan')
            .insert({
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
            })
            .returning('id');
          pengajuanId = h!.id;
        }
        const rows = await trx('rincian')
          .insert(
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
          )
          .returning('id');
        await trx('riwayat_status').insert(
          rows.map((r) => ({ rincian_id: r.id, aksi: 'buat', dari: null, ke: 'konsep', oleh: user.id, waktu: now })),
        );
        if (kirim) {
          for (const r of rows)
            await transisiRincian(trx, 'kirim', { id: Number(r.id), pelaku: user, waktu: now, set: { dikirim_at: now } });
          const satu = rencana.pelatihan.length === 1 ? rencana.pelatihan[0] : null;
          await beritahuAtasan(
            trx,
            user,
            satu
              ? `${user.nama} mengirim usulan "${satu.materi}" (${satu.jp} JP, tahun ${rencana.tahun}).`
              : `${user.nama} mengirim ${rows.length} usulan pengembangan kompetensi tahun ${rencana.tahun}.`,
            rows.length === 1 ? `/verifikasi/${rows[0]!.id}` : '/verifikasi',
          );
        }
        return { pengajuanId, tahun: rencana.tahun, jumlah: rows.length, ditambahkan: !!ada, terkirim: kirim };
      });
    },

    /** The plan header's edit page: 404 without a plan of that year, 409 once the year is closed. */
    async dataRencana(user: Pengguna, tahun: number) {
      const [h] = Number.isSafeInteger(tahun) ? await data.kepalaTahun(db, user.id, tahun) : [];
      if (!h) throw new NotFoundError(RENCANA_TIDAK_ADA(tahun));
      const periode = await pastikanTerbuka(db, tahun);
      const [pengajuan, mf, riwayatMentah, jumlah] = await Promise.all([
        data.findPengajuan(db, Number(h.id)),
        data.masterForm(db),
        data.riwayatKepala(db, Number(h.id)),
        db('rincian').where({ pegawai_id: user.id, tahun }).whereNot('status', 'dihapus').count<{ n: string }[]>('* as n'),
      ]);
      const namaJabatan = new Map(mf.jenisJabatan.map((j) => [j.kode, j.nama]));
      const namaKompetensi = new Map(mf.kompetensi.map((k) => [k.kode, k.nama]));
      const tampil = (kolom: string, v: string | number | null) =>
        v === null || v === undefined
          ? '-'
          : kolom === 'jenis_jabatan'
            ? (namaJabatan.get(String(v)) ?? String(v))
            : kolom === 'penilaian_kinerja'
              ? formatAngka(v)
              : kolom.startsWith('skj.')
                ? `level ${v}`
                : String(v);
      const label = (kolom: string) =>
        kolom === 'jenis_jabatan'
          ? 'Jenis jabatan'
          : kolom === 'email'
            ? 'E-mail'
            : kolom === 'penilaian_kinerja'
              ? 'Penilaian kinerja'
              : `SKJ ${kolom.slice(4)} ${namaKompetensi.get(kolom.slice(4)) ?? ''}`.trim();
      const riwayat = [
        { judul: 'Rencana dibuat', waktu: pengajuan.created_at as Date, oleh_nama: user.nama as string | null, perubahan: [] as string[] },
        ...riwayatMentah.map((r) => {
          const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as {
            beda?: { kolom: string; lama: string | number | null; baru: string | number | null }[];
          } | null;
          return {
            judul: LABEL_SUMBER[r.aksi] ?? r.aksi,
            waktu: r.waktu,
            oleh_nama: r.oleh_nama,
            perubahan: (d?.beda ?? []).map((b) => `${label(b.kolom)}: ${tampil(b.kolom, b.lama)} → ${tampil(b.kolom, b.baru)}`),
          };
        }),
      ];
      const skj = typeof pengajuan.skj === 'string' ? JSON.parse(pengajuan.skj) : pengajuan.skj;
      return {
        pengajuan: { ...pengajuan, skj },
        periode,
        sisaHari: sisaHari(periode, clock.now()),
        jumlahUsulan: Number(jumlah[0]?.n ?? 0),
        riwayat,
        jenisJabatan: mf.jenisJabatan,
        kompetensi: mf.kompetensi,
        standar: mf.standar,
      };
    },

    /** Edits the header of the year's plan; recorded with the old and new values. */
    async ubahRencana(user: Pengguna, tahun: number, input: KepalaInput) {
      const mf = await data.masterForm(db);
      return db.transaction(async (trx) => {
        // who and the deadline first (404/409), then the form's errors (422)
        const [h] = Number.isSafeInteger(tahun) ? await data.kepalaTahun(trx, user.id, tahun, true) : [];
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
      const { rows, total } = await data.daftarRincian(db, user.id, filter, PER_HALAMAN, offset);
      const tahunList = await data.tahunTersedia(db, user.id);
      const now = clock.now();
      const periode = await db('periode').select('tahun', 'batas_pengajuan');
      const terbuka = new Set(periode.filter((p) => isTerbuka(p, now)).map((p) => p.tahun as number));
      return {
        rows: rows.map((r) => ({ ...r, periodeTerbuka: terbuka.has(r.tahun) })),
        total,
        page,
        perHalaman: PER_HALAMAN,
        tahunList,
        adaKonsep: filter.tahun && terbuka.has(filter.tahun) ? rows.some((r) => r.status === 'konsep') || undefined : undefined,
        rencanaTerbuka: filter.tahun && terbuka.has(filter.tahun) ? (await data.kepalaTahun(db, user.id, filter.tahun)).length > 0 : false,
      };
    },

    async detail(user: Pengguna, id: number) {
      const r = await milik(user, id);
      const [pengajuan, riwayat, periode] = await Promise.all([
        data.findPengajuan(db, r.pengajuan_id),
        data.riwayatRincian(db, id),
        findPeriode(db, r.tahun),
      ]);
      const skj = typeof pengajuan.skj === 'string' ? JSON.parse(pengajuan.skj) : pengajuan.skj;
      return { rincian: r, pengajuan: { ...pengajuan, skj }, riwayat, periodeTerbuka: isTerbuka(periode, clock.now()), periode };
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
        (pemilik.atasan_id !== null &&
          (pemilik.atasan_id === user.id ||
            (await atasanYangDiwakili(db, user.id, hariIni)).some((p: { atasan_id: number }) => p.atasan_id === pemilik.atasan_id)));
      if (!boleh) throw new NotFoundError(TIDAK_DITEMUKAN);
      const [pengajuan, pengaturan] = await Promise.all([data.findPengajuan(db, r.pengajuan_id), ambilPengaturan(db, 'surat.')]);
      const items = (await data
        .rincianQuery(db)
        .where('r.pengajuan_id', r.pengajuan_id)
        .whereNot('r.status', 'dihapus')
        .orderBy('r.id')) as data.RincianRow[];
      const skj = typeof pengajuan.skj === 'string' ? JSON.parse(pengajuan.skj) : pengajuan.skj;
      return { pemilik, pengajuan: { ...pengajuan, skj }, items, pengaturan, dicetak: clock.now() };
    },

    async dataEdit(user: Pengguna, id: number) {
      const r = await milik(user, id);
      pastikanBoleh('edit', r.status);
      await pastikanTerbuka(db, r.tahun);
      const [bentuk, sumberDana] = await Promise.all([master.bentukAktif(db, r.jalur), master.sumberDanaAktif(db)]);
      return { rincian: r, bentuk, sumberDana };
    },

    async edit(user: Pengguna, id: number, input: BarisInput) {
      const r = await milik(user, id);
      const m = masters(await data.masterForm(db));
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

    async kirim(user: Pengguna, id: number) {
      const r = await milik(user, id);
      await db.transaction(async (trx) => {
        await transisiRincian(trx, 'kirim', { id, pelaku: user, waktu: clock.now(), set: { dikirim_at: clock.now() } });
        await beritahuAtasan(
          trx,
          user,
          `${user.nama} mengirim usulan "${r.bentuk_nama}: ${r.materi}" (${r.jp} JP, tahun ${r.tahun}).`,
          `/verifikasi/${id}`,
        );
      });
      return r;
    },

    /** Sends every konsep item of a year at once. */
    async kirimSemua(user: Pengguna, tahun: number) {
      return db.transaction(async (trx) => {
        await pastikanTerbuka(trx, tahun);
        const ids: number[] = await trx('rincian').where({ pegawai_id: user.id, tahun, status: 'konsep' }).orderBy('id').pluck('id');
        for (const id of ids)
          await transisiRincian(trx, 'kirim', { id, pelaku: user, waktu: clock.now(), set: { dikirim_at: clock.now() } });
        if (ids.length)
          await beritahuAtasan(
            trx,
            user,
            `${user.nama} mengirim ${ids.length} usulan pengembangan kompetensi tahun ${tahun}.`,
            '/verifikasi',
          );
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
      await pastikanTerbuka(db, r.tahun);
      if (aksi === 'kirim' && !user.atasan_id) throw new ConflictError(PESAN_TRANSISI.tanpaAtasan);
      return r;
    },
  };
}

export type PengajuanService = ReturnType<typeof createPengajuanService>;
