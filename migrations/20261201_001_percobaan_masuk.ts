import type { Knex } from 'knex';

// Login and request throttles, shared by every process: one counter per key (a NIP, an address,
// a trusted device) within a time window. Replaces the lock columns of `pegawai`, which could
// only count known NIPs (an unknown NIP answered differently: an oracle).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('percobaan_masuk', (t) => {
    t.string('kunci', 120).primary();
    t.integer('jumlah').notNullable();
    t.timestamp('sejak', { useTz: true }).notNullable().index();
  });
  await knex.schema.alterTable('pegawai', (t) => {
    t.dropColumn('gagal_login');
    t.dropColumn('gagal_login_sejak');
    t.dropColumn('terkunci_sampai');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pegawai', (t) => {
    t.integer('gagal_login').notNullable().defaultTo(0);
    t.timestamp('gagal_login_sejak', { useTz: true });
    t.timestamp('terkunci_sampai', { useTz: true });
  });
  await knex.schema.dropTable('percobaan_masuk');
}
