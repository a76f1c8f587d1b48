import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { migrateLatest } from './index';
import { seedMaster } from '../../seeds/master';
import { seedDemo } from '../../seeds/demo';

/** Brings a database to the current schema with the master lists, and the demo data if asked. */
export async function prepareDatabase(
  knex: Knex,
  opts: { demo: boolean; now: Date; bcryptCost?: number },
): Promise<{ demoLoaded: boolean }> {
  await migrateLatest(knex);
  await seedMaster(knex);
  const demoLoaded = opts.demo ? await seedDemo(knex, opts.now, opts.bcryptCost) : false;
  return { demoLoaded };
}

/**
 * The cookie-signing secret: SESSION_SECRET when set; otherwise generated once and kept —
 * in DATA_DIR for the embedded database, in the database itself when several processes share a server.
 */
export async function sessionSecret(knex: Knex, configured: string | undefined, dataDir: string | null): Promise<string> {
  if (configured) return configured;
  if (dataDir) {
    const file = path.join(dataDir, 'session-secret');
    if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
    return fs.readFileSync(file, 'utf8').trim();
  }
  await knex('pengaturan')
    .insert({ kunci: 'session.secret', nilai: crypto.randomBytes(32).toString('hex') })
    .onConflict('kunci')
    .ignore();
  const row = await knex('pengaturan').where({ kunci: 'session.secret' }).first('nilai');
  return row!.nilai;
}
