import type { Logger } from 'pino';
import type { Deps } from '../services/deps';
import type { Pengirim } from '../mailer';
import { claimOutbox, listOutboxMenunggu, updateOutboxGagal, updateOutboxTerkirim } from '../data/outbox';

export const MAKS_PERCOBAAN = 8;
/** Rows claimed at once. */
export const BATCH = 20;
const SEWA_MS = 60_000;

/** Wait before the next attempt after `percobaan` failures: 1, 2, 4 … minutes, at most 6 hours. */
export function jedaCobaLagi(percobaan: number): number {
  return Math.min(6 * 3600_000, 60_000 * 2 ** Math.max(0, percobaan - 1));
}

/** One pass over the outbox: send what is due, mark it, or schedule a retry with back-off. */
export async function prosesOutbox(deps: Pick<Deps, 'db' | 'clock'>, pengirim: Pengirim, logger?: Logger) {
  const hasil = { terkirim: 0, gagal: 0 };
  // Nowhere to send to: leave every row waiting (never lost) until SMTP is configured.
  if (!pengirim.siap) return hasil;
  const now = deps.clock.now();
  const rows = await claimOutbox(deps.db, now, BATCH, new Date(now.getTime() + SEWA_MS));
  for (const row of rows) {
    try {
      await pengirim.kirim({ kepada: row.kepada, subjek: row.subjek, isi: row.isi });
      await updateOutboxTerkirim(deps.db, row.id, row.percobaan + 1, deps.clock.now());
      hasil.terkirim++;
    } catch (err) {
      const percobaan = row.percobaan + 1;
      const menyerah = percobaan >= MAKS_PERCOBAAN;
      await updateOutboxGagal(deps.db, row.id, {
        percobaan,
        menyerah,
        cobaLagi: new Date(deps.clock.now().getTime() + jedaCobaLagi(percobaan)),
        error: String(err instanceof Error ? err.message : err).slice(0, 1000),
      });
      hasil.gagal++;
      logger?.warn({ id: row.id, percobaan, menyerah, err: err instanceof Error ? err.message : String(err) }, 'pengiriman e-mail gagal');
    }
  }
  return hasil;
}

/** Without SMTP: log each waiting e-mail once so an operator sees it (the row stays). Returns the last id logged. */
export async function catatMenunggu(deps: Pick<Deps, 'db'>, logger: Logger, setelahId: number): Promise<number> {
  let terakhir = setelahId;
  for (const r of await listOutboxMenunggu(deps.db, setelahId, 100)) {
    logger.info({ id: r.id, kepada: r.kepada, subjek: r.subjek }, 'e-mail menunggu di outbox (SMTP_URL tidak diatur)');
    terakhir = Math.max(terakhir, Number(r.id));
  }
  return terakhir;
}
