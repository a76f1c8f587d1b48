import type { Knex } from 'knex';

/** A round trip to the database (the health check). */
export async function ping(db: Knex): Promise<void> {
  await db.raw('select 1');
}
