import type { Knex } from 'knex';
import * as skema from './20261128_001_skema';
import * as percobaanMasuk from './20261201_001_percobaan_masuk';
import * as surat from './20261201_002_surat';
import * as pegawaiTahunVersiRekap from './20261201_003_pegawai_tahun_versi_rekap';
import * as operator from './20261201_004_operator';
import * as rekomendasiBiayaBersama from './20261202_001_rekomendasi_biaya_bersama';
import * as berkasTertahan from './20261202_002_berkas_tertahan';
import * as ekspor from './20261202_003_ekspor';

// `file` is what Knex's CLI prints for a pending migration.
interface Migration {
  file: string;
  module: Knex.Migration;
}

// A static list: .ts migrations can't be loaded by path under vitest or from the compiled
// bundle, and names stay stable (no extension). Every dated file in this folder is listed here;
// a migration that has landed is never edited — a schema change is a new one.
const migrations: Migration[] = [
  { file: '20261128_001_skema', module: skema },
  { file: '20261201_001_percobaan_masuk', module: percobaanMasuk },
  { file: '20261201_002_surat', module: surat },
  { file: '20261201_003_pegawai_tahun_versi_rekap', module: pegawaiTahunVersiRekap },
  { file: '20261201_004_operator', module: operator },
  { file: '20261202_001_rekomendasi_biaya_bersama', module: rekomendasiBiayaBersama },
  { file: '20261202_002_berkas_tertahan', module: berkasTertahan },
  { file: '20261202_003_ekspor', module: ekspor },
];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m.file,
  getMigration: async (m) => m.module,
};
