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
