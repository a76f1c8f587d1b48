import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Deps } from './services/deps';
import { createPengirim, type Pengirim } from './mailer';
import { kirimNotifikasi } from './services/notifikasi/kirim';
import { createLaporanService } from './services/laporan';
import { createRekomendasiService } from './services/rekomendasi';
import { BATAS_TUNGGU_HARI } from './domain/verifikasi';
import { tahunWIB, tanggalWIB } from './domain/waktu';
import { deletePercobaanLama } from './data/percobaan';
import { deleteBerkasTertahanKedaluwarsa } from './data/berkas-tertahan';
import { tutupTahun } from './data/rekap';

// Background work of each app process: e-mail outbox delivery, reminders, digests, and
// forgetting old throttle counters.
// Several processes may run it against one database: rows are claimed with SKIP LOCKED and a
// lease (dikunci_sampai), daily jobs with a conditional write of the date in `pengaturan`.

export const MAKS_PERCOBAAN = 8;
const BATCH = 20;
const SEWA_MS = 60_000;
const INTERVAL_MS = 15_000;
/** Daily jobs run from this WIB hour on, so reminders arrive in the morning. */
const JAM_HARIAN = 7;

/** Wait before the next attempt after `percobaan` failures: 1, 2, 4 … minutes, at most 6 hours. */
export function jedaCobaLagi(percobaan: number): number {
  return Math.min(6 * 3600_000, 60_000 * 2 ** Math.max(0, percobaan - 1));
}

interface OutboxRow {
  id: string;
  kepada: string;
  subjek: string;
  isi: string;
  percobaan: number;
}

/** Claims due rows for this process for one minute; another process skips them. */
async function klaimOutbox(db: Knex, now: Date): Promise<OutboxRow[]> {
  const due = db('email_outbox')
    .select('id')
    .where('status', 'menunggu')
    .where('coba_lagi_at', '<=', now)
    .where((w) => w.whereNull('dikunci_sampai').orWhere('dikunci_sampai', '<', now))
    .orderBy('id')
    .limit(BATCH)
    .forUpdate()
    .skipLocked();
  const rows = await db('email_outbox')
    .whereIn('id', due)
    .update({ dikunci_sampai: new Date(now.getTime() + SEWA_MS) })
    .returning(['id', 'kepada', 'subjek', 'isi', 'percobaan']);
  return (rows as OutboxRow[]).sort((a, b) => Number(a.id) - Number(b.id));
}

/** One pass over the outbox: send what is due, mark it, or schedule a retry with back-off. */
export async function prosesOutbox(deps: Pick<Deps, 'db' | 'clock'>, pengirim: Pengirim, logger?: Logger) {
  const hasil = { terkirim: 0, gagal: 0 };
  // Nowhere to send to: leave every row waiting (never lost) until SMTP is configured.
  if (!pengirim.siap) return hasil;
  const rows = await klaimOutbox(deps.db, deps.clock.now());
  for (const row of rows) {
    try {
      await pengirim.kirim({ kepada: row.kepada, subjek: row.subjek, isi: row.isi });
      await deps
        .db('email_outbox')
        .where({ id: row.id })
        .update({ status: 'terkirim', terkirim_at: deps.clock.now(), dikunci_sampai: null, percobaan: row.percobaan + 1 });
      hasil.terkirim++;
    } catch (err) {
      const percobaan = row.percobaan + 1;
      const now = deps.clock.now();
      const menyerah = percobaan >= MAKS_PERCOBAAN;
      await deps
        .db('email_outbox')
        .where({ id: row.id })
        .update({
          percobaan,
          status: menyerah ? 'gagal' : 'menunggu',
          coba_lagi_at: new Date(now.getTime() + jedaCobaLagi(percobaan)),
          dikunci_sampai: null,
          error_terakhir: String(err instanceof Error ? err.message : err).slice(0, 1000),
        });
      hasil.gagal++;
      logger?.warn({ id: row.id, percobaan, menyerah, err: err instanceof Error ? err.message : String(err) }, 'pengiriman e-mail gagal');
    }
  }
  return hasil;
}

/**
 * Runs `fn` at most once per WIB day across all processes: the first to move the date stored
 * under `kunci` wins. If `fn` fails the date is put back, so a later tick tries again.
 */
export async function sekaliSehari(db: Knex, kunci: string, now: Date, fn: () => Promise<unknown>): Promise<boolean> {
  const hari = tanggalWIB(now);
  const lama = await db('pengaturan').where({ kunci }).first('nilai');
  const menang = await db('pengaturan')
    .insert({ kunci, nilai: hari, updated_at: now })
    .onConflict('kunci')
    .merge({ nilai: hari, updated_at: now })
    .where('pengaturan.nilai', '<', hari)
    .returning('kunci');
  if (!menang.length) return false;
  try {
    await fn();
  } catch (err) {
    if (lama) await db('pengaturan').where({ kunci, nilai: hari }).update({ nilai: lama.nilai });
    else await db('pengaturan').where({ kunci, nilai: hari }).delete();
    throw err;
  }
  return true;
}

/** Daily digest: every atasan (and their Plt today) with items waiting over 14 days. */
export async function kirimDigest(deps: Deps): Promise<number> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const hari = tanggalWIB(now);
  const batas = new Date(now.getTime() - BATAS_TUNGGU_HARI * 86_400_000);
  const antrean = (await db('rincian as r')
    .join('pegawai as b', 'b.id', 'r.pegawai_id')
    .join('pegawai as a', 'a.id', 'b.atasan_id')
    .where('r.status', 'dikirim')
    .where('r.dikirim_at', '<', batas)
    .groupBy('b.atasan_id', 'a.nama', 'a.aktif')
    .select('b.atasan_id', 'a.nama', 'a.aktif', db.raw('count(*)::int as n'), db.raw('min(r.dikirim_at) as tertua'))) as {
    atasan_id: number;
    nama: string;
    aktif: boolean;
    n: number;
    tertua: Date;
  }[];
  if (!antrean.length) return 0;
  const plt = await db('plt')
    .whereIn(
      'atasan_id',
      antrean.map((a) => a.atasan_id),
    )
    .where('mulai', '<=', hari)
    .where('selesai', '>=', hari)
    .select('atasan_id', 'pengganti_id');
  const penerima = new Map<number, string[]>();
  const tambah = (id: number, baris: string) => penerima.set(id, [...(penerima.get(id) ?? []), baris]);
  for (const a of antrean) {
    const hariTertua = Math.floor((now.getTime() - new Date(a.tertua).getTime()) / 86_400_000);
    const ringkas = `${a.n} pengajuan menunggu verifikasi lebih dari ${BATAS_TUNGGU_HARI} hari (paling lama ${hariTertua} hari)`;
    if (a.aktif) tambah(a.atasan_id, `${ringkas}.`);
    for (const p of plt.filter((p) => p.atasan_id === a.atasan_id)) tambah(p.pengganti_id as number, `Sebagai Plt ${a.nama}: ${ringkas}.`);
  }
  await db.transaction(async (trx) => {
    for (const [pegawaiId, baris] of penerima) {
      await kirimNotifikasi(
        trx,
        {
          pegawaiId,
          judul: 'Pengajuan bawahan menunggu verifikasi',
          pesan: `${baris.join(' ')} Mohon segera diverifikasi; alasan wajib diisi, baik diterima maupun ditolak.`,
          tautan: '/verifikasi',
        },
        now,
        config.baseUrl,
      );
    }
  });
  return penerima.size;
}

export interface WorkerOptions {
  pengirim?: Pengirim;
  intervalMs?: number;
}

export function startWorker(deps: Deps, logger: Logger, opts: WorkerOptions = {}) {
  const pengirim = opts.pengirim ?? createPengirim(deps.config, logger);
  const laporan = createLaporanService(deps);
  const rekomendasi = createRekomendasiService(deps);
  let berjalan: Promise<void> | null = null;
  let berhenti = false;
  let terakhirDicatat = 0;
  let hariSelesai = '';
  let hariTutup = '';
  let suratLamaSelesai = false;

  async function catatMenunggu() {
    // Without SMTP, log each waiting e-mail once so an operator sees it; the row stays.
    const rows = await deps
      .db('email_outbox')
      .where('status', 'menunggu')
      .where('id', '>', terakhirDicatat)
      .orderBy('id')
      .limit(100)
      .select('id', 'kepada', 'subjek');
    for (const r of rows) {
      logger.info({ id: r.id, kepada: r.kepada, subjek: r.subjek }, 'e-mail menunggu di outbox (SMTP_URL tidak diatur)');
      terakhirDicatat = Math.max(terakhirDicatat, Number(r.id));
    }
  }

  async function harian() {
    const now = deps.clock.now();
    const hari = tanggalWIB(now);
    if (hari !== hariTutup) {
      // From midnight on, not at the morning hour: the year that has ended keeps its employees
      // (rekap, capaian) before anyone imports, moves or deactivates one. Idempotent and safe in
      // several processes at once, so no sekaliSehari: a process that fails tries again next tick,
      // without holding up the jobs below.
      try {
        const ditutup = await tutupTahun(deps.db, tahunWIB(now), now);
        if (ditutup.length) logger.info({ tahun: ditutup }, 'pegawai tahun yang berakhir dicatat');
        hariTutup = hari;
      } catch (err) {
        logger.error({ err }, 'pencatatan pegawai tahun yang berakhir gagal; dicoba lagi');
      }
    }
    if (hari === hariSelesai || (now.getUTCHours() + 7) % 24 < JAM_HARIAN) return;
    await sekaliSehari(deps.db, 'worker.digest_terakhir', now, async () => {
      const penerima = await kirimDigest(deps);
      logger.info({ penerima }, 'ringkasan harian verifikasi terlambat');
    });
    await sekaliSehari(deps.db, 'worker.pengingat_laporan_terakhir', now, async () => {
      const n = await laporan.kirimPengingatTerlambat();
      logger.info({ pengingat: n }, 'pengingat laporan terlambat');
    });
    hariSelesai = hari;
  }

  async function tick() {
    try {
      if (pengirim.siap) {
        // keep going while full batches come back, so a backlog drains quickly
        for (;;) {
          const h = await prosesOutbox(deps, pengirim, logger);
          if (berhenti || h.terkirim + h.gagal < BATCH) break;
        }
      } else {
        await catatMenunggu();
      }
      // login and request throttles: forget counters whose window (at most an hour) has passed
      await deletePercobaanLama(deps.db, deps.clock.now(), 3600_000);
      // files held for forms that came back with errors: gone after their hour
      await deleteBerkasTertahanKedaluwarsa(deps.db, deps.clock.now());
      // letters decided before letters were kept: fix them, a few at a time, until none is left
      // (every new decision issues its letter itself)
      if (!suratLamaSelesai) suratLamaSelesai = (await rekomendasi.bekukanSuratLama(BATCH)) < BATCH;
      if (!berhenti) await harian();
    } catch (err) {
      logger.error({ err }, 'worker gagal; dicoba lagi pada putaran berikutnya');
    }
  }

  const jalankan = () => {
    if (berjalan || berhenti) return;
    berjalan = tick().finally(() => {
      berjalan = null;
    });
  };
  const awal = setTimeout(jalankan, 1_000);
  awal.unref();
  const timer = setInterval(jalankan, opts.intervalMs ?? INTERVAL_MS);
  timer.unref();

  return {
    /** one pass now (tests, and a manual nudge) */
    async tick() {
      jalankan();
      await berjalan;
    },
    async stop() {
      berhenti = true;
      clearTimeout(awal);
      clearInterval(timer);
      await berjalan;
      pengirim.tutup?.();
    },
  };
}
