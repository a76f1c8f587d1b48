import type { Express, Request } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** the app's logger, for what a route or an error handler has to say */
    log: Logger;
  }
}

/**
 * One log line per request when its response has gone: method, path, status, time and who asked —
 * no headers, cookies or bodies. Not the assets. Lighter than a child logger per request (as pino-http made):
 * the profile showed it at ≈ 3 % of a page's CPU; the line itself is written asynchronously.
 */
export function setUpLogging(app: Express, logger: Logger) {
  app.use((req, res, next) => {
    req.log = logger;
    if (/^\/(static|vendor)\//.test(req.url)) return next();
    const mulai = performance.now();
    res.once('finish', () => {
      logger.info(
        {
          req: { method: req.method, url: req.originalUrl.split('?')[0] },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - mulai),
          pegawai: (req as Request).user?.id,
        },
        'request completed',
      );
    });
    next();
  });
}

/**
 * bench/run.ts only (BENCH_COUNT_QUERIES=1): the running total of the process's queries, in a
 * header. Not told apart by request (AsyncLocalStorage would slow every promise of the app under
 * measurement): the bench counts one request at a time, the smaller count of two.
 */
export function setUpQueryCount(app: Express, db: Knex) {
  let queries = 0;
  db.on('query', () => void queries++);
  app.use((_req, res, next) => (res.setHeader('X-Query-Count', String(queries)), next()));
}
