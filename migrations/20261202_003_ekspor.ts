import type { Knex } from 'knex';

// Exports ready before they are asked for: rekap.xlsx, rekap.pdf, capaian-jp.xlsx, siasn.csv and
// siasn.xlsx of a year, for the province (instansi_id 0) or one unit, kept with the version of the
// data they were built from (the sum of `versi_rekap`, migration 20261201_003). A file is served
// only while that version stands; otherwise it is built again. In the database, not on disk, because
// several app processes share it; a process claims a build (dikunci_versi, dikunci_sampai: a lease)
// so that two do not build the same file at once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ekspor', (t) => {
    t.increments('id');
    t.string('jenis', 20).notNullable();
    t.integer('tahun').notNullable();
    // 0: the province; otherwise the unit (no foreign key: a row of a removed unit is only never read)
    t.integer('instansi_id').notNullable().defaultTo(0);
    t.string('nama', 120);
    t.string('tipe', 100);
    t.string('etag', 64);
    t.bigint('versi');
    t.binary('isi');
    t.timestamp('dibuat_at', { useTz: true });
    t.bigint('dikunci_versi');
    t.timestamp('dikunci_sampai', { useTz: true });
    t.unique(['jenis', 'tahun', 'instansi_id']);
  });
  await knex.raw(`ALTER TABLE ekspor ADD CHECK (jenis IN ('rekap.xlsx', 'rekap.pdf', 'capaian-jp.xlsx', 'siasn.csv', 'siasn.xlsx'))`);
  await knex.raw('ALTER TABLE ekspor ADD CHECK (tahun BETWEEN 2000 AND 2100 AND instansi_id >= 0)');
  await knex.raw('ALTER TABLE ekspor ADD CHECK ((isi IS NULL) = (versi IS NULL) AND (isi IS NULL) = (etag IS NULL))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('ekspor');
}
