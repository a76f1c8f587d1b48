import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { isTerbuka, PESAN_PERIODE } from '../domain/periode';
import {
  AKSI_REKOMENDASI,
  AKSI_RINCIAN,
  LABEL_STATUS_REKOMENDASI,
  LABEL_STATUS_RINCIAN,
  type AksiRekomendasi,
  type AksiRincian,
  type Transisi,
} from '../domain/status';
import { tanggalWIB } from '../domain/waktu';
import { isPltAktif } from '../data/plt';
import { insertRiwayat } from '../data/riwayat';
import { lockBarisStatus, ubahBarisStatus, type BarisStatus, type Konteks, type TabelStatus } from '../data/transisi';

// The one way a rincian or a rekomendasi changes status, and the one place its rules are enforced,
// straight from the tables in domain/status.ts: who may act (the owner; the owner's atasan or the
// atasan's stand-in of the day; BKPSDM), never on one's own case, whether the planning deadline
// applies, and from which states. The row is locked (SELECT … FOR UPDATE) in the caller's
// transaction, so the history's `dari` and a 409's message are exact; of two concurrent requests
// one wins and the other sees the new state.
// Its queries: data/transisi.ts (lock; update with its history), data/riwayat.ts (first history), data/plt.ts.

/** Who is acting. */
export interface Pelaku {
  id: number;
  peran: string;
}

export interface TransisiInput {
  id: number;
  pelaku: Pelaku;
  alasan?: string | null;
  waktu: Date;
  /** other columns to set in the same UPDATE */
  set?: Record<string, unknown>;
}

export const PESAN_TRANSISI = {
  tidakDitemukan: { rincian: 'Pengajuan tidak ditemukan.', rekomendasi: 'Pengajuan rekomendasi tidak ditemukan.' },
  hanyaBkpsdm: 'Hanya petugas BKPSDM yang dapat memutuskan pengajuan rekomendasi.',
  milikSendiri: 'Anda tidak dapat memutuskan permohonan Anda sendiri. Permohonan ini diputuskan oleh petugas BKPSDM lain.',
  status: (kata: string, label: string) =>
    `Tindakan ini tidak dapat dilakukan karena status ${kata} sekarang "${label}". Muat ulang halaman untuk melihat keadaan terbaru.`,
  tanpaAtasan:
    'Anda belum memiliki atasan langsung yang tercatat, sehingga usulan tidak dapat dikirim untuk diverifikasi. ' +
    'Hubungi admin BKPSDMD untuk mencatat atasan langsung Anda, lalu kirim kembali usulan ini.',
};

const MESIN = {
  rincian: {
    aksi: AKSI_RINCIAN as Record<string, Transisi<string>>,
    label: LABEL_STATUS_RINCIAN as Record<string, string>,
    kata: 'pengajuan',
  },
  rekomendasi: {
    aksi: AKSI_REKOMENDASI as Record<string, Transisi<string>>,
    label: LABEL_STATUS_REKOMENDASI as Record<string, string>,
    kata: 'rekomendasi',
  },
};

/** A row locked for an action that its actor may take now. */
export interface Terkunci<T extends TabelStatus = TabelStatus> {
  tabel: T;
  aksi: string;
  /** as read under the lock, with what the rules and messages need beside it */
  row: BarisStatus[T] & Konteks;
  /** the atasan on whose behalf a stand-in (Plt) acts; null otherwise */
  atasNama: number | null;
}

/** Locks the row and checks who acts, the deadline and the state; throws 404/403/409. */
async function periksa<T extends TabelStatus>(
  trx: Knex.Transaction,
  tabel: T,
  aksi: string,
  pelaku: Pelaku,
  id: number,
  waktu: Date,
): Promise<Terkunci<T>> {
  const m = MESIN[tabel];
  const t = m.aksi[aksi]!;
  const row = await lockBarisStatus[tabel](trx, id);
  const tidakAda = new NotFoundError(PESAN_TRANSISI.tidakDitemukan[tabel]);
  if (!row || row.status === 'dihapus') throw tidakAda;

  let atasNama: number | null = null;
  if (t.oleh === 'pemilik') {
    if (row.pegawai_id !== pelaku.id) throw tidakAda;
  } else if (t.oleh === 'atasan') {
    // the atasan never sees drafts, and nobody decides their own item (not as a stand-in either)
    if (row.pegawai_id === pelaku.id || row.status === 'konsep') throw tidakAda;
    const atasan = row.pemilik_atasan_id;
    if (!atasan) throw tidakAda;
    if (atasan !== pelaku.id) {
      if (!(await isPltAktif(trx, atasan, pelaku.id, tanggalWIB(waktu)))) throw tidakAda;
      atasNama = atasan;
    }
  } else {
    if (pelaku.peran !== 'bkpsdm' && pelaku.peran !== 'admin') throw new ForbiddenError(PESAN_TRANSISI.hanyaBkpsdm);
    if (row.pegawai_id === pelaku.id) throw new ForbiddenError(PESAN_TRANSISI.milikSendiri);
  }

  if (t.batas && 'tahun' in row) {
    const p = row.periode_batas === null ? undefined : { tahun: row.tahun, batas_pengajuan: row.periode_batas };
    if (!p) throw new ConflictError(PESAN_PERIODE.belumDibuka(row.tahun));
    if (!isTerbuka(p, waktu)) throw new ConflictError(PESAN_PERIODE.terkunci(p));
  }
  if (!t.dari.includes(row.status)) throw new ConflictError(PESAN_TRANSISI.status(m.kata, m.label[row.status] ?? row.status));
  // an item sent with nobody to verify it would wait forever (a Plt only ever stands in for an atasan)
  if (tabel === 'rincian' && aksi === 'kirim') {
    if (!row.pemilik_atasan_id) throw new ConflictError(PESAN_TRANSISI.tanpaAtasan);
  }
  return { tabel, aksi, row, atasNama };
}

/** Applies a checked action: the UPDATE and its history row, in one statement. */
async function terapkan<T extends TabelStatus>(
  trx: Knex.Transaction,
  k: Terkunci<T>,
  input: Omit<TransisiInput, 'id'>,
): Promise<BarisStatus[T]> {
  const t = MESIN[k.tabel].aksi[k.aksi]!;
  const set = { ...(input.set ?? {}), ...(t.ke ? { status: t.ke } : {}), updated_at: input.waktu };
  const row = await ubahBarisStatus(trx, k.tabel, k.row.id, t.dari, set, {
    aksi: k.aksi,
    dari: k.row.status,
    alasan: input.alasan ?? null,
    oleh: input.pelaku.id,
    atas_nama: k.atasNama,
    waktu: input.waktu,
  });
  // the row is locked: this can only fail if the caller changed it in between
  if (!row) throw new ConflictError(PESAN_TRANSISI.status(MESIN[k.tabel].kata, k.row.status));
  return row;
}

/** Checks first, then (after the caller's own input checks) applies: for forms whose errors come after who-may-act. */
export const periksaRincian = (trx: Knex.Transaction, aksi: AksiRincian, pelaku: Pelaku, id: number, waktu: Date) =>
  periksa(trx, 'rincian', aksi, pelaku, id, waktu);
export const periksaRekomendasi = (trx: Knex.Transaction, aksi: AksiRekomendasi, pelaku: Pelaku, id: number, waktu: Date) =>
  periksa(trx, 'rekomendasi', aksi, pelaku, id, waktu);
export { terapkan };

export async function transisiRincian(trx: Knex.Transaction, aksi: AksiRincian, input: TransisiInput) {
  return terapkan(trx, await periksaRincian(trx, aksi, input.pelaku, input.id, input.waktu), input);
}
export async function transisiRekomendasi(trx: Knex.Transaction, aksi: AksiRekomendasi, input: TransisiInput) {
  return terapkan(trx, await periksaRekomendasi(trx, aksi, input.pelaku, input.id, input.waktu), input);
}

/** The first history row of a new rincian or rekomendasi. */
export async function catatDibuat(
  trx: Knex.Transaction,
  kolom: 'rincian_id' | 'rekomendasi_id',
  id: number,
  oleh: number,
  waktu: Date,
  ke = 'konsep',
) {
  await insertRiwayat(trx, { [kolom]: id, aksi: 'buat', dari: null, ke, oleh, waktu });
}
