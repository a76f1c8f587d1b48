import type { Knex } from 'knex';

// Uploads held for a form that came back with 422 for another field, so the user need not choose
// the file again: one hour, for the same user in the same session, found by a random token the
// page carries. In the database (not in memory or on disk) because several app processes may
// share it. The worker deletes expired rows.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('berkas_tertahan', (t) => {
    t.increments('id');
    t.string('token', 64).notNullable().unique();
    t.integer('pegawai_id').notNullable().references('pegawai.id').onDelete('CASCADE');
    t.string('sid', 255).notNullable();
    // the form field the file was uploaded for (surat_usulan, sertifikat, …)
    t.string('kolom', 60).notNullable();
    t.string('nama', 255).notNullable();
    t.string('tipe', 100).notNullable();
    t.integer('ukuran').notNullable();
    t.binary('isi').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('kedaluwarsa_at', { useTz: true }).notNullable().index();
    t.index(['pegawai_id', 'id']);
  });
  await knex.raw('ALTER TABLE berkas_tertahan ADD CHECK (ukuran >= 0 AND ukuran <= 5242880)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('berkas_tertahan');
}
