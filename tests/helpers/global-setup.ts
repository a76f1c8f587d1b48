import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import type { TestProject } from 'vitest/node';
import { newPglite, openDatabase } from '../../src/db/index';
import { prepareDatabase } from '../../src/db/setup';
import { BCRYPT_COST_UJI, WAKTU_UJI } from './waktu';
import { buildServer } from '../e2e/harness';

// Migrate and seed one template database per run; each test file then gets its own copy:
// on a PostgreSQL server (DATABASE_URL) with CREATE DATABASE … TEMPLATE, on the embedded
// database by loading a dump of the template's data directory. The demo data is seeded at the
// tests' fixed moment, never at today's date.
export default async function setup(project: TestProject) {
  buildServer(); // for the tests that start the app as a process
  const url = process.env.DATABASE_URL;
  const seed = { demo: true, now: new Date(WAKTU_UJI), bcryptCost: BCRYPT_COST_UJI };
  if (!url) {
    const pglite = newPglite();
    const db = await openDatabase({ pglite });
    await prepareDatabase(db.knex, seed);
    const dump = await pglite.dumpDataDir('none');
    await db.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-tpl-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('templateDump', file);
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const name = `bangkom_tpl_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const tpl = knexFactory({ client: 'pg', connection: u.toString(), pool: { min: 0, max: 2 } });
  await prepareDatabase(tpl, seed);
  await tpl.destroy();
  project.provide('templateDb', name);
  return async () => {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    templateDump: string;
  }
}
