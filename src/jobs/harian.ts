import type { Knex } from 'knex';
import { claimHari, releaseHari } from '../data/pengaturan';
import { tanggalWIB } from '../domain/waktu';

/**
 * Runs `fn` at most once per WIB day across all processes: the first to move the date stored
 * under `kunci` wins. If `fn` fails the date is put back, so a later tick tries again.
 */
export async function sekaliSehari(db: Knex, kunci: string, now: Date, fn: () => Promise<unknown>): Promise<boolean> {
  const hari = tanggalWIB(now);
  const { menang, lama } = await claimHari(db, kunci, hari, now);
  if (!menang) return false;
  try {
    await fn();
  } catch (err) {
    await releaseHari(db, kunci, hari, lama);
    throw err;
  }
  return true;
}
