import type { Logger } from 'pino';
import type { Deps } from '../services/deps';
import { createPengirim, type Pengirim } from '../mailer';
import { createLaporanService } from '../services/laporan';
import { createRekomendasiService } from '../services/rekomendasi';
import { createBkpsdmService } from '../services/bkpsdm';
import { createVerifikasiService } from '../services/verifikasi';
import { tahunWIB, tanggalWIB } from '../domain/waktu';
import { deletePercobaanLama } from '../data/percobaan';
import { deleteBerkasTertahanKedaluwarsa } from '../data/berkas-tertahan';
import { findVersiRekap, tutupTahun } from '../data/rekap';
import { BATCH, catatMenunggu, prosesOutbox } from './outbox';
import { deleteSesiKedaluwarsa } from '../data/sesi';
import { sekaliSehari } from './harian';

// Background work of each app process: e-mail outbox delivery, reminders, the daily digest,
// closing a year that has ended, forgetting old throttle counters and held uploads, and building the
// exports again after the data has changed. The jobs call
// services and data functions; they hold no rules of their own.
// Several processes may run it against one database: rows are claimed with SKIP LOCKED and a
// lease (dikunci_sampai), daily jobs with a conditional write of the date in `pengaturan`.

const INTERVAL_MS = 15_000;
/** Daily jobs run from this WIB hour on, so reminders arrive in the morning. */
const JAM_HARIAN = 7;
/** The exports are built again at most once per this long (a burst of writes costs one build). */
const JEDA_EKSPOR_MS = 60_000;
/** ... and only after the app has served no request for this long: users come first. */
const SENGGANG_MS = 3_000;

export interface WorkerOptions {
  pengirim?: Pengirim;
  intervalMs?: number;
  jedaEksporMs?: number;
  /** whether the app is idle (no request for `ms`): export builds wait for it; unset: always */
  senggang?: (ms: number) => boolean;
}

export function startWorker(deps: Deps, logger: Logger, opts: WorkerOptions = {}) {
  const pengirim = opts.pengirim ?? createPengirim(deps.config, logger);
  const laporan = createLaporanService(deps);
  const rekomendasi = createRekomendasiService(deps);
  const verifikasi = createVerifikasiService(deps);
  const bkpsdm = createBkpsdmService(deps);
  let berjalan: Promise<void> | null = null;
  let berhenti = false;
  let terakhirDicatat = 0;
  let hariSelesai = '';
  let hariTutup = '';
  let suratLamaSelesai = false;
  let versiDilihat: string | undefined;
  let versiSiap: string | undefined;
  const senggang = () => !berhenti && (opts.senggang?.(SENGGANG_MS) ?? true);

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
      const penerima = await verifikasi.kirimRingkasanTerlambat();
      logger.info({ penerima }, 'ringkasan harian verifikasi terlambat');
    });
    await sekaliSehari(deps.db, 'worker.pengingat_laporan_terakhir', now, async () => {
      const n = await laporan.kirimPengingatTerlambat();
      logger.info({ pengingat: n }, 'pengingat laporan terlambat');
    });
    hariSelesai = hari;
  }

  /**
   * The exports of this year and last year, built again once the data has stopped moving (the same
   * version as the tick before, or the first tick of this process) and ready before they are asked
   * for; while writes go on, a request builds what it needs. A build takes the CPU for seconds
   * (rekap.xlsx of a province ≈ 3–4 s), so each file starts only while the app is idle, and a
   * request that arrives meanwhile waits for one file at most.
   */
  async function ekspor() {
    const { versi } = await findVersiRekap(deps.db, tahunWIB(deps.clock.now()));
    const tenang = versiDilihat === undefined || versiDilihat === versi;
    versiDilihat = versi;
    if (!tenang || versi === versiSiap || !senggang()) return;
    const sisa = await bkpsdm.ekspor.siapkan(opts.jedaEksporMs ?? JEDA_EKSPOR_MS, senggang);
    if (sisa === 0) versiSiap = versi;
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
        terakhirDicatat = await catatMenunggu(deps, logger, terakhirDicatat);
      }
      // login and request throttles: forget counters whose window (at most an hour) has passed
      await deletePercobaanLama(deps.db, deps.clock.now(), 3600_000);
      // files held for forms that came back with errors: gone after their hour
      await deleteBerkasTertahanKedaluwarsa(deps.db, deps.clock.now());
      // sessions past their 8 hours (on the real clock, as they are written)
      await deleteSesiKedaluwarsa(deps.db, new Date());
      // letters decided before letters were kept: fix them, a few at a time, until none is left
      // (every new decision issues its letter itself)
      if (!suratLamaSelesai) suratLamaSelesai = (await rekomendasi.bekukanSuratLama(BATCH)) < BATCH;
      if (!berhenti) await harian();
      if (!berhenti) await ekspor();
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
