import type { Knex } from 'knex';
import * as skema from './20261128_001_skema';

type Migration = [name: string, module: Knex.Migration];

// A static list: .ts migrations can't be loaded by path under vitest, and names stay stable.
const migrations: Migration[] = [['20261128_001_skema', skema]];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m[0],
  getMigration: async (m) => m[1],
};
