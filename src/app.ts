import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from 'pino';
import type { Knex } from 'knex';
import type { Config } from './config';
import type { Clock } from './domain/waktu';
import type { Services } from './services';
import { fmt } from './format';
import { batasWaktuKirim } from './middleware/batas-waktu';
import { setUpSecurityHeaders } from './app/keamanan';
import { setUpLogging, setUpQueryCount } from './app/log';
import { setUpStatic } from './app/statik';
import { setUpSession } from './app/sesi';
import { setUpAuth } from './app/pengguna';
import { setUpErrors, setUpRoutes } from './app/rute';
import { setUpBeban } from './app/beban';
import { setUpViews } from './app/tampilan';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDeps {
  config: Config;
  db: Knex;
  services: Services;
  clock: Clock;
  logger: Logger;
  sessionSecret: string;
}

/** The Express app, layer by layer in the order a request meets them; `beban` tells the worker when it is idle. */
export function createApp(deps: AppDeps) {
  const { config, db, services, logger } = deps;
  const app = express();
  setUpViews(app, path.join(root, 'views'));
  app.set('query parser', 'extended');
  app.disable('x-powered-by');
  app.set('trust proxy', ({ true: true, false: false } as Record<string, boolean>)[config.trustProxy] ?? config.trustProxy);
  app.locals.fmt = fmt;
  app.locals.pemerintah = 'Pemerintah Provinsi Kepulauan Bangka Belitung';

  if (process.env.BENCH_COUNT_QUERIES === '1') setUpQueryCount(app, db);
  setUpSecurityHeaders(app, config);
  setUpLogging(app, logger);
  app.use(batasWaktuKirim(config.batasKirimMs));
  setUpStatic(app, root, config, db);
  // after the assets and /healthz: a monitor's probe does not keep the app from being idle
  const beban = setUpBeban(app);
  setUpSession(app, config, services, deps.sessionSecret);
  const { passport, perangkat } = setUpAuth(app, services, deps.sessionSecret, config.env === 'production');
  setUpRoutes(app, services, passport, perangkat);
  setUpErrors(app);
  return Object.assign(app, { beban });
}
