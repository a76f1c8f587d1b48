import type { Knex } from 'knex';

/** Settings whose key starts with `awalan` (e.g. 'surat.'), as { key: value }. */
export async function ambilPengaturan(db: Knex | Knex.Transaction, awalan = ''): Promise<Record<string, string>> {
  const rows: { kunci: string; nilai: string }[] = await db('pengaturan')
    .where('kunci', 'like', `${awalan.replace(/[%_\\]/g, '\\$&')}%`)
    .select('kunci', 'nilai');
  return Object.fromEntries(rows.map((r) => [r.kunci, r.nilai]));
}
