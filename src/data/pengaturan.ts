import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** Settings whose key starts with `awalan` (e.g. 'surat.'), as { key: value }. */
export async function listPengaturan(db: Db, awalan = ''): Promise<Record<string, string>> {
  const rows = await db('pengaturan')
    .where('kunci', 'like', `${awalan.replace(/[%_\\]/g, '\\$&')}%`)
    .select('kunci', 'nilai');
  return Object.fromEntries(rows.map((r) => [r.kunci, r.nilai]));
}

/** Writes settings (new keys added, existing ones replaced). */
export async function upsertPengaturan(db: Db, rows: { kunci: string; nilai: string }[], waktu: Date): Promise<void> {
  for (const r of rows) {
    await db('pengaturan')
      .insert({ ...r, updated_at: waktu })
      .onConflict('kunci')
      .merge(['nilai', 'updated_at']);
  }
}

/**
 * Moves the date stored under `kunci` to `hari` if it is earlier (or absent): true for the one
 * process that moved it. Returns the date it held before, to put back if the day's job fails.
 */
export async function claimHari(db: Db, kunci: string, hari: string, now: Date): Promise<{ menang: boolean; lama: string | null }> {
  const lama = await db('pengaturan').where({ kunci }).first('nilai');
  const menang = await db('pengaturan')
    .insert({ kunci, nilai: hari, updated_at: now })
    .onConflict('kunci')
    .merge({ nilai: hari, updated_at: now })
    .where('pengaturan.nilai', '<', hari)
    .returning('kunci');
  return { menang: menang.length > 0, lama: lama?.nilai ?? null };
}

/** Undoes claimHari: the date goes back to what it was (or the row goes). */
export async function releaseHari(db: Db, kunci: string, hari: string, lama: string | null): Promise<void> {
  if (lama) await db('pengaturan').where({ kunci, nilai: hari }).update({ nilai: lama });
  else await db('pengaturan').where({ kunci, nilai: hari }).delete();
}
