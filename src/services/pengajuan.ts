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
import { validasiBaris, validasiRencana, type BarisInput, type Masters, type RencanaInput } from '../domain/rencana';
import { bolehRincian, LABEL_STATUS_RINCIAN, type AksiRincian, type Jalur, type StatusRincian } from '../domain/status';
import { periksaRincian, terapkan, transisiRincian } from './transisi';
import { kirimNotifikasi } from './notifikasi';
import type { Deps } from './deps';

export const PER_HALAMAN = 10;

export { PESAN_PERIODE };

const TIDAK_DITEMUKAN = 'Pengajuan tidak ditemukan.';

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

    async dashboard(user: Pengguna, tahun: number) {
      const [ringkasan, berjalan, tahunList] = await Promise.all([
        data.ringkasanTahun(db, user.id, tahun),
        data
          .rincianQuery(db)
          .where({ 'r.pegawai_id': user.id, 'r.tahun': tahun })
          .whereIn('r.status', ['diterima', 'berjalan'])
          .orderBy('r.tanggal')
          .limit(50) as Promise<data.RincianRow[]>,
        data.tahunTersedia(db, user.id),
      ]);
      return { ringkasan, berjalan, tahunList: tahunList.includes(tahun) ? tahunList : [tahun, ...tahunList].sort((a, b) => b - a) };
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
      const { jenisJabatan, kompetensi, bentuk, sumberDana, standar } = await data.masterForm(db);
      return {
        periode,
        sisaHari: sisaHari(periode, clock.now()),
        jenisJabatan,
        kompetensi,
        bentuk: bentuk.filter((b) => b.jalur === jalur),
        sumberDana,
        standar,
      };
    },

    async buat(user: Pengguna, input: RencanaInput) {
      const mf = await data.masterForm(db);
      const { rencana, errors } = validasiRencana(input, masters(mf));
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const kompetensi = mf.kompetensi.map((k) => ({ kode: k.kode, nama: k.nama }));
      const skj = hitungSkj(kompetensi, rencana.skj, mf.standar[rencana.jenis_jabatan] ?? {});
      const band = kesenjanganKinerja(rencana.penilaian_kinerja);
      const now = clock.now();
      return db.transaction(async (trx) => {
        await pastikanTerbuka(trx, rencana.tahun);
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
        const rows = await trx('rincian')
          .insert(
            rencana.pelatihan.map((b) => ({
              ...b,
              pengajuan_id: h.id,
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
        return { pengajuanId: h.id as number, tahun: rencana.tahun, jumlah: rows.length };
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
      return r;
    },
  };
}

export type PengajuanService = ReturnType<typeof createPengajuanService>;
