import type { Knex } from 'knex';

// What BKPSDM's home page reads beyond the rekap: the rekomendasi requests waiting for it.

/** Requests sent and not yet decided, except the user's own: how many, and since when the oldest waits. */
export async function countRekomendasiMenunggu(db: Knex, kecualiPegawaiId: number): Promise<{ n: number; tertua: Date | null }> {
  const r = await db('rekomendasi')
    .where('status', 'terkirim')
    .whereNot('pegawai_id', kecualiPegawaiId)
    .first<{ n: number; tertua: Date | null } | undefined>(db.raw('count(*)::int AS n'), db.raw('min(dikirim_at) AS tertua'));
  return { n: r?.n ?? 0, tertua: r?.tertua ?? null };
}
