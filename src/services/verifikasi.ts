import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../errors';
import * as data from '../data/verifikasi';
import { findByNip } from '../data/pegawai';
import { JALUR } from '../domain/status';
import { isTanggal, tambahHari, tanggalWIB, tahunWIB } from '../domain/waktu';
import type { SkjItem } from '../domain/kesenjangan';
import { periksaRincian, transisiRincian, type Pelaku } from './transisi';
import { kirimNotifikasi } from './notifikasi';
import type { Deps } from './deps';
import { isOneOf } from '../domain/pilihan';

export const PESAN = {
  alasanWajib: 'Alasan keputusan wajib diisi, baik diterima maupun ditolak.',
  alasanPanjang: 'Alasan keputusan paling banyak 1000 karakter.',
  keputusan: 'Pilih Verifikasi Pengajuan (terima) atau Kembalikan ke Pengaju (tolak).',
  pilihItem: 'Pilih paling sedikit satu pengajuan.',
  terlaluBanyak: 'Paling banyak 100 pengajuan sekaligus.',
  sudahDiputuskan: (materi: string) =>
    `Pengajuan "${materi}" sudah tidak menunggu verifikasi (sudah diputuskan atau ditarik). Muat ulang halaman untuk melihat keadaan terbaru; tidak ada yang diubah.`,
  nipAtasan: 'NIP atasan tidak ditemukan atau tidak aktif.',
  nipPengganti: 'NIP pengganti tidak ditemukan atau tidak aktif.',
  nipFormat: 'NIP terdiri dari 18 angka.',
  samaOrang: 'Pengganti tidak boleh atasan itu sendiri.',
  tanggal: 'Isi tanggal yang benar (YYYY-MM-DD).',
  urutanTanggal: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
  sudahLewat: 'Tanggal selesai tidak boleh sebelum hari ini.',
  keterangan: 'Keterangan paling banyak 500 karakter.',
  pltBerakhir: 'Penunjukan Plt ini sudah berakhir.',
};

/** Waiting longer than this is marked on the page and in the daily digest. */
export const BATAS_TUNGGU_HARI = 14;
export const TARGET_JP = 20;
const PER_HALAMAN = 50;

export type Keputusan = 'terima' | 'tolak';

export function createVerifikasiService({ db, clock, config }: Deps) {
  const hariIni = () => tanggalWIB(clock.now());

  /** Atasan ids the user verifies for today: themself plus those they stand in for. */
  async function wewenang(userId: number) {
    const plt = await data.atasanDiwakili(db, userId, hariIni());
    return { plt, semua: [userId, ...plt.filter((a) => a !== userId)] };
  }

  /** null: the user's own subordinate; a number: acting as Plt of that atasan; throws 404 otherwise. */
  function atasNama(userId: number, atasanPemilik: number | null, plt: number[]): number | null {
    if (atasanPemilik === null) throw new NotFoundError();
    if (atasanPemilik === userId) return null;
    if (plt.includes(atasanPemilik)) return atasanPemilik;
    throw new NotFoundError();
  }

  function lamaTunggu(dikirim: Date | null, now: Date) {
    if (!dikirim) return 0;
    return Math.max(0, Math.floor((now.getTime() - new Date(dikirim).getTime()) / 86_400_000));
  }

  function cekAlasan(alasanMentah: string, errors: FieldErrors) {
    const alasan = alasanMentah.trim();
    if (!alasan) errors.alasan = PESAN.alasanWajib;
    else if (alasan.length > 1000) errors.alasan = PESAN.alasanPanjang;
    return alasan;
  }

  /** The decision itself: the transition checks who may decide (atasan or Plt, never the owner). */
  async function putuskanDalam(
    trx: Knex.Transaction,
    user: Pelaku,
    item: { id: number; materi: string; pegawai_id: number },
    keputusan: Keputusan,
    alasan: string,
    now: Date,
  ) {
    await transisiRincian(trx, keputusan, {
      id: item.id,
      pelaku: user,
      alasan,
      waktu: now,
      set: { alasan_keputusan: alasan, diputuskan_oleh: user.id, diputuskan_at: now },
    });
    const diterima = keputusan === 'terima';
    await kirimNotifikasi(
      trx,
      {
        pegawaiId: item.pegawai_id,
        judul: diterima ? 'Pengajuan diterima atasan' : 'Pengajuan dikembalikan untuk direvisi',
        pesan: diterima
          ? `Pengajuan "${item.materi}" diterima oleh atasan. Alasan: ${alasan}`
          : `Pengajuan "${item.materi}" dikembalikan untuk direvisi. Alasan: ${alasan.replace(/[.!?]*$/, '.')} Perbaiki lalu kirim kembali.`,
        tautan: `/pengajuan/${item.id}`,
      },
      now,
      config.baseUrl,
    );
  }

  return {
    /** The queue: items of direct subordinates (and of the atasan stood in for) waiting for a decision. */
    async daftar(user: Pelaku, filter: { jalur?: string; q?: string; pegawai?: string; page?: string }) {
      const { plt, semua } = await wewenang(user.id);
      const jalur = isOneOf(JALUR, filter.jalur) ? filter.jalur : undefined;
      const q = (filter.q ?? '').slice(0, 100) || undefined;
      const pegawaiList = await data.pegawaiDariAtasan(db, semua, user.id);
      const pid = Number(filter.pegawai);
      const pegawaiId = pegawaiList.some((p) => p.id === pid) ? pid : undefined;
      const page = Math.min(Math.max(1, Math.floor(Number(filter.page)) || 1), 10_000);
      const { rows, total } = await data.antrean(db, semua, { jalur, q, pegawaiId, bukan: user.id }, PER_HALAMAN, (page - 1) * PER_HALAMAN);
      const now = clock.now();
      const pltNama = plt.length ? await db('pegawai').whereIn('id', plt).select('id', 'nama', 'nip') : [];
      return {
        items: rows.map((r) => {
          const hari = lamaTunggu(r.dikirim_at, now);
          return { ...r, lama_hari: hari, terlambat: hari > BATAS_TUNGGU_HARI, sebagai_plt: r.atasan_id !== user.id };
        }),
        total,
        page,
        halaman: Math.max(1, Math.ceil(total / PER_HALAMAN)),
        filter: { jalur: jalur ?? '', q: q ?? '', pegawai: pegawaiId ? String(pegawaiId) : '' },
        pegawai: pegawaiList,
        plt: pltNama as { id: number; nama: string; nip: string }[],
      };
    },

    /** Rincian Pengajuan as the atasan (or Plt) sees it; 404 for anyone else. */
    async detail(user: Pelaku, id: number) {
      const r = await data.rincianLengkap(db, id);
      // nobody reviews their own item, not even as a stand-in
      if (!r || r.status === 'konsep' || r.status === 'dihapus' || r.pegawai_id === user.id) throw new NotFoundError();
      const { plt } = await wewenang(user.id);
      const wakil = atasNama(user.id, r.pegawai_atasan_id, plt);
      const [lain, jp, riwayat] = await Promise.all([
        data.rincianTahun(db, r.pegawai_id, r.tahun, r.id),
        data.jpTahun(db, [r.pegawai_id], r.tahun),
        data.riwayatRincian(db, r.id),
      ]);
      const skjMentah = typeof r.skj === 'string' ? JSON.parse(r.skj) : r.skj;
      const skj = (Array.isArray(skjMentah) ? skjMentah : []) as SkjItem[];
      const atasan = wakil ? await db('pegawai').where({ id: wakil }).first('id', 'nama', 'nip') : null;
      return {
        rincian: r,
        skj,
        adaGap: skj.some((s) => s.gap > 0),
        jp: jp.get(r.pegawai_id) ?? { rencana: 0, realisasi: 0 },
        targetJp: TARGET_JP,
        lain,
        riwayat,
        lamaHari: lamaTunggu(r.dikirim_at, clock.now()),
        bisaDiputuskan: r.status === 'dikirim',
        sebagaiPltDari: atasan as { id: number; nama: string; nip: string } | null,
      };
    },

    /** One decision: dikirim → diterima/ditolak, with its reason, history row and notification. */
    async putuskan(user: Pelaku, id: number, input: { keputusan: string; alasan: string }) {
      const now = clock.now();
      const errors: FieldErrors = {};
      const keputusan = input.keputusan === 'terima' || input.keputusan === 'tolak' ? input.keputusan : null;
      if (!keputusan) errors.keputusan = PESAN.keputusan;
      const alasan = cekAlasan(input.alasan, errors);
      let materi = '';
      await db.transaction(async (trx) => {
        // who may decide and the item's state come first (404/409), then the form's errors (422)
        const k = await periksaRincian(trx, keputusan ?? 'terima', user, id, now).catch(async (e: unknown) => {
          if (!(e instanceof ConflictError)) throw e;
          const r = await trx('rincian').where({ id }).first('materi');
          throw new ConflictError(PESAN.sudahDiputuskan(String(r?.materi ?? '')));
        });
        if (Object.keys(errors).length || !keputusan) throw new ValidationError(errors);
        materi = String(k.row.materi);
        await putuskanDalam(trx, user, { id, materi, pegawai_id: k.row.pegawai_id }, keputusan, alasan, now);
      });
      return { keputusan: keputusan!, materi };
    },

    /** Accepts several items with one reason; all or nothing. */
    async terimaBanyak(user: Pelaku, ids: number[], alasanMentah: string) {
      const now = clock.now();
      const errors: FieldErrors = {};
      const unik = [...new Set(ids)].sort((a, b) => a - b);
      if (!unik.length) errors.ids = PESAN.pilihItem;
      else if (unik.length > 100) errors.ids = PESAN.terlaluBanyak;
      const alasan = cekAlasan(alasanMentah, errors);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await db.transaction(async (trx) => {
        const items = await data.pemilikRincian(trx, unik);
        if (items.length !== unik.length) throw new NotFoundError();
        for (const it of items.sort((a, b) => a.id - b.id)) {
          try {
            await putuskanDalam(trx, user, it, 'terima', alasan, now);
          } catch (e) {
            // say which of the chosen items stopped the whole batch
            if (e instanceof ConflictError) throw new ConflictError(PESAN.sudahDiputuskan(it.materi));
            throw e;
          }
        }
      });
      return unik.length;
    },

    /** Bawahan Langsung: direct subordinates with items by status and JP against 20 JP. */
    async bawahan(user: Pelaku, tahunMentah?: string) {
      const tahun = tahunValid(tahunMentah) ?? tahunWIB(clock.now());
      const list = await data.bawahanLangsung(db, user.id, tahun);
      const jp = await data.jpTahun(
        db,
        list.map((b) => b.id),
        tahun,
      );
      const tahunTersedia = (await db('periode').select('tahun').orderBy('tahun', 'desc')).map((r) => r.tahun as number);
      if (!tahunTersedia.includes(tahun)) tahunTersedia.unshift(tahun);
      return {
        tahun,
        tahunTersedia,
        targetJp: TARGET_JP,
        bawahan: list.map((b) => {
          const j = jp.get(b.id) ?? { rencana: 0, realisasi: 0 };
          return { ...b, jp: j, persen: Math.min(100, Math.round((j.realisasi / TARGET_JP) * 100)), tercapai: j.realisasi >= TARGET_JP };
        }),
      };
    },

    /** One direct subordinate's items of a year, read-only; 404 if not a direct subordinate. */
    async itemBawahan(user: Pelaku, pegawaiId: number, tahunMentah?: string) {
      const tahun = tahunValid(tahunMentah) ?? tahunWIB(clock.now());
      const p = await db('pegawai as b')
        .leftJoin('jenis_jabatan as jj', 'jj.kode', 'b.jenis_jabatan_kode')
        .where({ 'b.id': pegawaiId, 'b.atasan_id': user.id })
        .first('b.id', 'b.nama', 'b.nip', 'b.jabatan', 'jj.nama as jenis_jabatan_nama');
      if (!p) throw new NotFoundError();
      const [items, jp] = await Promise.all([data.rincianTahun(db, pegawaiId, tahun), data.jpTahun(db, [pegawaiId], tahun)]);
      return {
        tahun,
        pegawai: p as { id: number; nama: string; nip: string; jabatan: string | null; jenis_jabatan_nama: string | null },
        items,
        jp: jp.get(pegawaiId) ?? { rencana: 0, realisasi: 0 },
        targetJp: TARGET_JP,
      };
    },

    // ---- Plt (BKPSDM/admin) ----

    async daftarPlt() {
      const hari = hariIni();
      const [plt, tanpaAtasan] = await Promise.all([data.daftarPlt(db, tambahHari(hari, -90), 200), data.pegawaiTanpaAtasan(db)]);
      return {
        hariIni: hari,
        plt: plt.map((p) => ({ ...p, keadaan: p.mulai > hari ? 'akan' : p.selesai < hari ? 'selesai' : 'aktif' })),
        tanpaAtasan,
      };
    },

    async buatPlt(user: Pelaku, input: { nip_atasan: string; nip_pengganti: string; mulai: string; selesai: string; keterangan: string }) {
      const errors: FieldErrors = {};
      const hari = hariIni();
      const cariAktif = async (nip: string, field: string, pesan: string) => {
        if (!/^\d{18}$/.test(nip)) {
          errors[field] = PESAN.nipFormat;
          return undefined;
        }
        const p = await findByNip(db, nip);
        if (!p || !p.aktif) errors[field] = pesan;
        return p && p.aktif ? p : undefined;
      };
      const atasan = await cariAktif(input.nip_atasan, 'nip_atasan', PESAN.nipAtasan);
      const pengganti = await cariAktif(input.nip_pengganti, 'nip_pengganti', PESAN.nipPengganti);
      if (atasan && pengganti && atasan.id === pengganti.id) errors.nip_pengganti = PESAN.samaOrang;
      if (!isTanggal(input.mulai)) errors.mulai = PESAN.tanggal;
      if (!isTanggal(input.selesai)) errors.selesai = PESAN.tanggal;
      else if (isTanggal(input.mulai) && input.selesai < input.mulai) errors.selesai = PESAN.urutanTanggal;
      else if (input.selesai < hari) errors.selesai = PESAN.sudahLewat;
      if (input.keterangan.length > 500) errors.keterangan = PESAN.keterangan;
      if (Object.keys(errors).length || !atasan || !pengganti) throw new ValidationError(errors);
      const now = clock.now();
      return db.transaction(async (trx) => {
        const [row] = await trx('plt')
          .insert({
            atasan_id: atasan.id,
            pengganti_id: pengganti.id,
            mulai: input.mulai,
            selesai: input.selesai,
            keterangan: input.keterangan || null,
            dibuat_oleh: user.id,
            created_at: now,
          })
          .returning('id');
        await trx('audit_log').insert({
          oleh: user.id,
          aksi: 'plt_buat',
          entitas: 'plt',
          entitas_id: String(row!.id),
          data: JSON.stringify({ atasan: atasan.nip, pengganti: pengganti.nip, mulai: input.mulai, selesai: input.selesai }),
          waktu: now,
        });
        await kirimNotifikasi(
          trx,
          {
            pegawaiId: pengganti.id,
            judul: 'Anda ditunjuk sebagai Plt verifikator',
            pesan: `Anda ditunjuk sebagai Plt ${atasan.nama} untuk memverifikasi pengajuan bawahannya, ${input.mulai} s/d ${input.selesai}.`,
            tautan: '/verifikasi',
          },
          now,
          config.baseUrl,
        );
        return row!.id;
      });
    },

    async pltUntukDiakhiri(id: number) {
      const [p] = await data.daftarPlt(db, '0001-01-01', 1, id);
      if (!p) throw new NotFoundError();
      if (p.selesai < hariIni()) throw new ConflictError(PESAN.pltBerakhir);
      return p;
    },

    /** Ends a stand-in today (it no longer applies from now); one that has not started is cancelled. */
    async akhiriPlt(user: Pelaku, id: number) {
      const hari = hariIni();
      const now = clock.now();
      await db.transaction(async (trx) => {
        const p = await trx('plt').where({ id }).forUpdate().first();
        if (!p) throw new NotFoundError();
        if (p.selesai < hari) throw new ConflictError(PESAN.pltBerakhir);
        const kemarin = tambahHari(hari, -1);
        if (p.mulai > kemarin) await trx('plt').where({ id }).delete();
        else await trx('plt').where({ id }).update({ selesai: kemarin });
        await trx('audit_log').insert({
          oleh: user.id,
          aksi: 'plt_akhiri',
          entitas: 'plt',
          entitas_id: String(id),
          data: JSON.stringify({ atasan_id: p.atasan_id, pengganti_id: p.pengganti_id, mulai: p.mulai, selesai_lama: p.selesai }),
          waktu: now,
        });
      });
    },
  };
}

function tahunValid(s: string | undefined): number | undefined {
  if (!s || !/^\d{4}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 2000 && n <= 2100 ? n : undefined;
}

export type VerifikasiService = ReturnType<typeof createVerifikasiService>;
