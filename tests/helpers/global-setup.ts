import knexFactory from 'knex';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/db/setup';

// On a PostgreSQL server (DATABASE_URL), migrate and seed one template database per run;
// each test file then gets its own copy with CREATE DATABASE … TEMPLATE (fast, isolated).
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = `bangkom_tpl_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const tpl = knexFactory({ client: 'pg', connection: u.toString(), pool: { min: 0, max: 2 } });
  await prepareDatabase(tpl, { demo: true, now: new Date() });
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
  }
}
