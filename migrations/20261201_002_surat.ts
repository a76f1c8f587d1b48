import type { Knex } from 'knex';

// Letters are records: a decision letter is fixed when it is issued — its PDF bytes, and the facts
// the public verification page confirms — and never rebuilt. The head of each unit has a title of
// its own (Inspektur, Sekretaris Daerah, Direktur…), used to address letters.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('surat', (t) => {
    t.increments('id');
    t.integer('rekomendasi_id').notNullable().unique().references('rekomendasi.id');
    t.string('nomor', 100).notNullable().unique();
    t.date('tanggal').notNullable();
    t.string('perihal', 200).notNullable();
    t.string('keputusan', 10).notNullable();
    t.string('instansi_nama', 200).notNullable();
    t.string('pegawai_nama', 150).notNullable();
    t.string('pegawai_nip', 18).notNullable();
    // 128 random bits in base32: the address of the public verification page
    t.string('kode', 26).notNullable().unique();
    t.integer('berkas_id').notNullable().references('berkas.id');
    t.string('sha256', 64).notNullable();
    t.timestamp('diterbitkan_at', { useTz: true }).notNullable();
    // null: a letter decided before letters were fixed, fixed at its first use since
    t.integer('diterbitkan_oleh').references('pegawai.id');
  });
  await knex.raw("ALTER TABLE surat ADD CHECK (keputusan IN ('diterima','ditolak'))");

  await knex.schema.alterTable('instansi', (t) => {
    t.string('jabatan_pimpinan', 200);
  });
  // the usual titles, for units already there; any other unit's head is "Kepala <unit>" until set
  const titel: [pola: string, sql: string][] = [
    ['inspektorat%', "'Inspektur' || substr(nama, 12)"],
    ['sekretariat daerah%', "'Sekretaris Daerah' || substr(nama, 19)"],
    ['sekretariat dprd%', "'Sekretaris DPRD' || substr(nama, 17)"],
    ['rsud%', "'Direktur ' || nama"],
    ['rumah sakit%', "'Direktur ' || nama"],
  ];
  for (const [pola, sql] of titel)
    await knex('instansi')
      .whereRaw('lower(nama) LIKE ?', [pola])
      .whereNull('jabatan_pimpinan')
      .update({ jabatan_pimpinan: knex.raw(sql) });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('instansi', (t) => t.dropColumn('jabatan_pimpinan'));
  await knex.schema.dropTable('surat');
}
