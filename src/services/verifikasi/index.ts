import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../../errors';
import * as data from '../../data/verifikasi';
import { listRincianTahun, findMateriRincian } from '../../data/pengajuan';
import { listNamaPegawai, type Pengguna } from '../../data/pegawai';
import { listRiwayatRincian } from '../../data/riwayat';
import { JALUR } from '../../domain/status';
import { TARGET_JP_TAHUNAN } from '../../domain/laporan';
import { BATAS_TUNGGU_HARI, lamaTunggu, PESAN_KEPUTUSAN, salahAlasan } from '../../domain/verifikasi';
import { isOneOf } from '../../domain/pilihan';
import { periksaRincian, transisiRincian, type Pelaku } from '../transisi';
import { kirimNotifikasi } from '../notifikasi/kirim';
import { createBawahanService } from './bawahan';
import { createPltService } from './plt';
import { kirimRingkasanTerlambat } from './ringkasan';
import type { Deps } from '../deps';

// Verifikasi: the atasan (or the atasan's stand-in of the day, Plt) decides the items sent by
// direct subordinates; Bawahan Langsung shows those subordinates; BKPSDM names the stand-ins.

const sudahDiputuskan = (materi: string) =>
  `Pengajuan "${materi}" sudah tidak menunggu verifikasi (sudah diputuskan atau ditarik). Muat ulang halaman untuk melihat keadaan terbaru; tidak ada yang diubah.`;

const PER_HALAMAN = 50;

export type Keputusan = 'terima' | 'tolak';

export function createVerifikasiService(deps: Deps) {
  const { db, clock, config } = deps;

  /** null: the user's own subordinate; a number: acting as Plt of that atasan; throws 404 otherwise. */
  function atasNama(userId: number, atasanPemilik: number | null, plt: number[]): number | null {
    if (atasanPemilik === null) throw new NotFoundError();
    if (atasanPemilik === userId) return null;
    if (plt.includes(atasanPemilik)) return atasanPemilik;
    throw new NotFoundError();
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
    async daftar(user: Pengguna, filter: { jalur?: string; q?: string; pegawai?: string; page?: string }) {
      // whom the user stands in for as the request began (a decision checks it again when it is made)
      const plt = user.diwakili.filter((a) => a !== user.id);
      const semua = [user.id, ...plt];
      const jalur = isOneOf(JALUR, filter.jalur) ? filter.jalur : undefined;
      const q = (filter.q ?? '').slice(0, 100) || undefined;
      const pid = Number(filter.pegawai);
      const page = Math.min(Math.max(1, Math.floor(Number(filter.page)) || 1), 10_000);
      const halaman = (pegawaiId: number | undefined) =>
        data.findHalamanAntrean(db, semua, plt, { jalur, q, pegawaiId, bukan: user.id }, PER_HALAMAN, (page - 1) * PER_HALAMAN);
      let h = await halaman(Number.isSafeInteger(pid) && pid > 0 ? pid : undefined);
      // an employee who is not among the user's: the filter is dropped (a second query, for a tampered link only)
      const pegawaiId = h.pegawai.some((p) => p.id === pid) ? pid : undefined;
      if (!pegawaiId && Number.isSafeInteger(pid) && pid > 0) h = await halaman(undefined);
      const now = clock.now();
      return {
        items: h.rows.map((r) => {
          const hari = lamaTunggu(r.dikirim_at, now);
          return { ...r, lama_hari: hari, terlambat: hari > BATAS_TUNGGU_HARI, sebagai_plt: r.atasan_id !== user.id };
        }),
        total: h.total,
        page,
        halaman: Math.max(1, Math.ceil(h.total / PER_HALAMAN)),
        filter: { jalur: jalur ?? '', q: q ?? '', pegawai: pegawaiId ? String(pegawaiId) : '' },
        pegawai: h.pegawai,
        plt: h.plt,
      };
    },

    /** Rincian Pengajuan as the atasan (or Plt) sees it; 404 for anyone else. */
    async detail(user: Pengguna, id: number) {
      const r = await data.findRincianLengkap(db, id);
      // nobody reviews their own item, not even as a stand-in
      if (!r || r.status === 'konsep' || r.status === 'dihapus' || r.pegawai_id === user.id) throw new NotFoundError();
      // whom the user stands in for as the request began (a decision checks it again when it is made)
      const wakil = atasNama(user.id, r.pegawai_atasan_id, user.diwakili);
      const [lain, jp, riwayat, [atasan]] = await Promise.all([
        listRincianTahun(db, r.pegawai_id, r.tahun, r.id),
        data.jpTahun(db, [r.pegawai_id], r.tahun),
        listRiwayatRincian(db, r.id),
        wakil ? listNamaPegawai(db, [wakil]) : [],
      ]);
      return {
        rincian: r,
        skj: r.skj,
        adaGap: r.skj.some((s) => s.gap > 0),
        jp: jp.get(r.pegawai_id) ?? { rencana: 0, realisasi: 0 },
        targetJp: TARGET_JP_TAHUNAN,
        lain,
        riwayat,
        lamaHari: lamaTunggu(r.dikirim_at, clock.now()),
        bisaDiputuskan: r.status === 'dikirim',
        sebagaiPltDari: atasan ?? null,
      };
    },

    /**
     * One decision: dikirim → diterima/ditolak, with its reason, history row and notification.
     * Who may decide and the item's state come first (404/409), then the form's errors (422).
     */
    async putuskan(user: Pelaku, id: number, input: { keputusan: string; alasan: string }) {
      const now = clock.now();
      const errors: FieldErrors = {};
      const keputusan = isOneOf(['terima', 'tolak'] as const, input.keputusan) ? input.keputusan : null;
      if (!keputusan) errors.keputusan = PESAN_KEPUTUSAN.keputusan;
      const alasan = input.alasan.trim();
      const salah = salahAlasan(alasan);
      if (salah) errors.alasan = salah;
      let materi = '';
      await db.transaction(async (trx) => {
        const k = await periksaRincian(trx, keputusan ?? 'terima', user, id, now).catch(async (e: unknown) => {
          if (!(e instanceof ConflictError)) throw e;
          throw new ConflictError(sudahDiputuskan((await findMateriRincian(trx, id)) ?? ''));
        });
        if (Object.keys(errors).length || !keputusan) throw new ValidationError(errors);
        materi = k.row.materi;
        await putuskanDalam(trx, user, { id, materi, pegawai_id: k.row.pegawai_id }, keputusan, alasan, now);
      });
      return { keputusan: keputusan!, materi };
    },

    /** Accepts several items (ids unique, checked by the form) with one reason; all or nothing. */
    async terimaBanyak(user: Pelaku, ids: number[], alasan: string) {
      const now = clock.now();
      await db.transaction(async (trx) => {
        const items = await data.listPemilikRincian(trx, ids);
        if (items.length !== ids.length) throw new NotFoundError();
        for (const it of items.sort((a, b) => a.id - b.id)) {
          try {
            await putuskanDalam(trx, user, it, 'terima', alasan, now);
          } catch (e) {
            // say which of the chosen items stopped the whole batch
            if (e instanceof ConflictError) throw new ConflictError(sudahDiputuskan(it.materi));
            throw e;
          }
        }
      });
      return ids.length;
    },

    bawahan: createBawahanService(deps),

    plt: createPltService(deps),

    /** The daily digest of items waiting too long, to their atasan and Plt (run by the jobs). */
    kirimRingkasanTerlambat: () => kirimRingkasanTerlambat(deps),
  };
}

export type VerifikasiService = ReturnType<typeof createVerifikasiService>;
