import type { Knex } from 'knex';

// A fourth role: `operator`, the kepegawaian staff of one unit (their own pegawai.instansi_id),
// who see that unit's rekap, capaian 20 JP and the rekomendasi letters issued to it.
// The role check of 20261128_001 was unnamed: it is found by its table and its definition.

async function hapusCekPeran(knex: Knex) {
  const { rows } = await knex.raw<{ rows: { conname: string }[] }>(
    `SELECT conname FROM pg_constraint
      WHERE conrelid = 'pegawai'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%peran%'`,
  );
  for (const r of rows) await knex.raw('ALTER TABLE pegawai DROP CONSTRAINT ??', [r.conname]);
}

export async function up(knex: Knex): Promise<void> {
  await hapusCekPeran(knex);
  await knex.raw("ALTER TABLE pegawai ADD CONSTRAINT pegawai_peran_check CHECK (peran IN ('pegawai','bkpsdm','admin','operator'))");
  // the operators of a unit, looked up whenever a letter is issued to it
  await knex.raw("CREATE INDEX pegawai_operator_idx ON pegawai (instansi_id) WHERE peran = 'operator'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS pegawai_operator_idx');
  await knex('pegawai').where({ peran: 'operator' }).update({ peran: 'pegawai' });
  await hapusCekPeran(knex);
  await knex.raw("ALTER TABLE pegawai ADD CONSTRAINT pegawai_peran_check CHECK (peran IN ('pegawai','bkpsdm','admin'))");
}
