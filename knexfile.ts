import type { Knex } from 'knex';
import { loadConfig } from './src/config';
import { openPglite, pgKnexConfig, pgliteKnexConfig } from './src/db/index';
import { migrationSource } from './migrations/index';

// Knex's CLI (`npx knex migrate:latest | migrate:rollback --all | migrate:status | migrate:make NAME`)
// against DATABASE_URL, or when it is unset against the embedded database in DATA_DIR, like the app.
// The migrations come from the project's own source (migrations/index.ts, also used by the app);
// only `migrate:make` needs the directory, to write a new dated file there — list it in index.ts.
const making = process.argv.includes('migrate:make');
const migrations: Knex.MigratorConfig = making
  ? { directory: './migrations', extension: 'ts', stub: './migrations/stub.ts.txt' }
  : { migrationSource };

export default async function knexfile(): Promise<Knex.Config> {
  const config = loadConfig();
  if (config.databaseUrl) return { ...pgKnexConfig(config.databaseUrl, 1), migrations };
  if (making) return { client: 'pg', migrations };
  const { pglite, release } = await openPglite(config.dataDir);
  process.once('exit', release);
  return { ...pgliteKnexConfig(pglite), migrations };
}
