import type { Knex } from 'knex';

// Documents of record.
//
// 1. A closed year counts its employees as they were then. `tahun_tutup` says a year's employees
//    have been recorded; `pegawai_tahun` holds them: every employee (active or not) with the unit,
//    the job and the atasan they had. Written once per year, when the year has ended (see
//    src/data/rekap.ts `tutupTahun`), and only read afterwards.
//
// 2. The rekap's cache version. Every write to a table the rekap, capaian or their exports read
//    moves `versi_rekap` in the same transaction, by trigger, so no write path can forget it.
//    The triggers are deferred to commit: the row lock is taken last and held only while committing
//    (no lock-order deadlock with the rows a transaction locks first), and a flag local to the
//    transaction bumps once however many rows it writes. Eight slots, one per backend modulo 8,
//    so concurrent commits do not queue on one row; the version is their sum, which only grows.

const TABEL_REKAP = [
  'rincian',
  'laporan',
  'instansi',
  'bentuk_pengembangan',
  'sumber_dana',
  'jenis_jabatan',
  'pengaturan',
  'tahun_tutup',
  'pegawai_tahun',
];
// pegawai: only the columns a rekap shows (a password change does not move it)
const KOLOM_PEGAWAI = 'nip, nama, jabatan, jenis_jabatan_kode, instansi_id, atasan_id, aktif';
const SLOT_VERSI = 8;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tahun_tutup', (t) => {
    t.integer('tahun').primary();
    t.timestamp('diambil_at', { useTz: true }).notNullable();
  });
  await knex.raw('ALTER TABLE tahun_tutup ADD CHECK (tahun BETWEEN 2000 AND 2100)');

  await knex.schema.createTable('pegawai_tahun', (t) => {
    t.integer('tahun').notNullable().references('tahun_tutup.tahun');
    t.integer('pegawai_id').notNullable().references('pegawai.id');
    t.integer('instansi_id').notNullable().references('instansi.id');
    t.boolean('aktif').notNullable();
    t.string('jabatan', 200);
    t.string('jenis_jabatan_kode', 40).references('jenis_jabatan.kode').onUpdate('CASCADE');
    t.integer('atasan_id').references('pegawai.id');
    t.primary(['tahun', 'pegawai_id']);
  });

  await knex.schema.createTable('versi_rekap', (t) => {
    t.smallint('slot').primary();
    t.bigint('nilai').notNullable().defaultTo(0);
  });
  await knex('versi_rekap').insert(Array.from({ length: SLOT_VERSI }, (_, slot) => ({ slot, nilai: 0 })));

  await knex.raw(`
    CREATE FUNCTION naikkan_versi_rekap() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('bangkom.versi_rekap_naik', true) = '1' THEN
        RETURN NULL;
      END IF;
      PERFORM set_config('bangkom.versi_rekap_naik', '1', true);
      UPDATE versi_rekap SET nilai = nilai + 1 WHERE slot = pg_backend_pid() % ${SLOT_VERSI};
      RETURN NULL;
    END $$`);
  for (const tabel of TABEL_REKAP) {
    await knex.raw(`CREATE CONSTRAINT TRIGGER versi_rekap AFTER INSERT OR UPDATE OR DELETE ON ${tabel}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION naikkan_versi_rekap()`);
  }
  await knex.raw(`CREATE CONSTRAINT TRIGGER versi_rekap AFTER INSERT OR DELETE OR UPDATE OF ${KOLOM_PEGAWAI} ON pegawai
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION naikkan_versi_rekap()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const tabel of [...TABEL_REKAP, 'pegawai']) await knex.raw(`DROP TRIGGER IF EXISTS versi_rekap ON ${tabel}`);
  await knex.raw('DROP FUNCTION IF EXISTS naikkan_versi_rekap()');
  await knex.schema.dropTableIfExists('versi_rekap');
  await knex.schema.dropTableIfExists('pegawai_tahun');
  await knex.schema.dropTableIfExists('tahun_tutup');
}
