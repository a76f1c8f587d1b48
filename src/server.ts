import http from 'node:http';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { openDatabase } from './db/index';
import { prepareDatabase, sessionSecret } from './db/setup';
import { createServices } from './services/index';
import { createApp } from './app';
import { clockFrom, systemClock } from './domain/waktu';
import { startWorker } from './jobs';

// start: config → database → migrate → app → listen; graceful stop on SIGTERM/SIGINT.
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const clock = config.waktuAwal ? clockFrom(config.waktuAwal) : systemClock;
  if (config.waktuAwal) logger.warn({ waktu: config.waktuAwal }, 'jam aplikasi diatur oleh BANGKOM_WAKTU');
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  const { demoLoaded } = await prepareDatabase(db.knex, { demo: config.demoData, now: clock.now(), bcryptCost: config.bcryptCost });
  if (demoLoaded) logger.info('data demo dimuat');
  const secret = await sessionSecret(db.knex, config.sessionSecret, config.databaseUrl ? null : config.dataDir);
  const services = createServices({ db: db.knex, clock, config });
  const app = createApp({ config, db: db.knex, services, clock, logger, sessionSecret: secret });
  const worker = startWorker({ db: db.knex, clock, config }, logger, { senggang: app.beban.senggang });
  const server = http.createServer(app);
  // Slow senders: headers must arrive within 20 s; a body is refused by the app (408, in
  // Indonesian) after REQUEST_TIMEOUT, and Node ends whatever is left a little after that.
  server.headersTimeout = 20_000;
  server.requestTimeout = config.batasKirimMs + 10_000;
  server.listen(config.port, () => {
    logger.info({ port: config.port, database: db.kind, ms: Date.now() - started }, `Bangkom siap di http://localhost:${config.port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'berhenti: menyelesaikan permintaan yang sedang berjalan');
    const force = setTimeout(() => {
      logger.warn('batas waktu berhenti tercapai; menutup koneksi');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await worker.stop();
      await db.close();
      logger.info('database ditutup dengan rapi');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
