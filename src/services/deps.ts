import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Clock } from '../domain/waktu';

/** What every service is built from. */
export interface Deps {
  db: Knex;
  clock: Clock;
  config: Config;
}
