import type { Knex } from 'knex';

// A rekomendasi may be funded by "PD dan atau BKPSDM": a fourth sumber_biaya `pd_bkpsdm` whose
// total `biaya` is split into the unit's share (biaya_pd) and BKPSDM's (biaya_bkpsdm). Both shares
// are set, positive and add up to biaya for `pd_bkpsdm`, and absent for every other source.
// The sumber_biaya check of 20261128_001 was unnamed: it is found by its table and its definition.

async function hapusCekSumber(knex: Knex) {
  const { rows } = await knex.raw<{ rows: { conname: string }[] }>(
    `SELECT conname FROM pg_constraint
      WHERE conrelid = 'rekomendasi'::regclass AND contype = 'c'
        AND pg_get_constraintdef(oid) LIKE '%sumber_biaya%' AND pg_get_constraintdef(oid) NOT LIKE '%biaya_pd%'`,
  );
  for (const r of rows) await knex.raw('ALTER TABLE rekomendasi DROP CONSTRAINT ??', [r.conname]);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rekomendasi', (t) => {
    t.decimal('biaya_pd', 15, 2);
    t.decimal('biaya_bkpsdm', 15, 2);
  });
  await hapusCekSumber(knex);
  await knex.raw(
    "ALTER TABLE rekomendasi ADD CONSTRAINT rekomendasi_sumber_biaya_check CHECK (sumber_biaya IN ('pd','bkpsdm','pd_bkpsdm','tanpa_biaya'))",
  );
  // IS NOT NULL first: a NULL share would make the whole check NULL, which PostgreSQL lets through
  await knex.raw(`ALTER TABLE rekomendasi ADD CONSTRAINT rekomendasi_biaya_bersama_check CHECK (
    CASE WHEN sumber_biaya = 'pd_bkpsdm'
      THEN biaya_pd IS NOT NULL AND biaya_bkpsdm IS NOT NULL AND biaya_pd > 0 AND biaya_bkpsdm > 0
           AND biaya = biaya_pd + biaya_bkpsdm
      ELSE biaya_pd IS NULL AND biaya_bkpsdm IS NULL
    END)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE rekomendasi DROP CONSTRAINT IF EXISTS rekomendasi_biaya_bersama_check');
  await knex.raw('ALTER TABLE rekomendasi DROP CONSTRAINT IF EXISTS rekomendasi_sumber_biaya_check');
  // the old schema has no shared funding: such a request keeps its total, charged to the unit
  await knex('rekomendasi').where({ sumber_biaya: 'pd_bkpsdm' }).update({ sumber_biaya: 'pd' });
  await knex.schema.alterTable('rekomendasi', (t) => {
    t.dropColumn('biaya_pd');
    t.dropColumn('biaya_bkpsdm');
  });
  await knex.raw("ALTER TABLE rekomendasi ADD CHECK (sumber_biaya IN ('pd','bkpsdm','tanpa_biaya'))");
}
