import type { Express, Request } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** One log line per request: method, path, status and who asked — no headers, cookies or bodies. */
export function setUpLogging(app: Express, logger: Logger) {
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => /^\/(static|vendor)\//.test(req.url ?? '') },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req) => ({ pegawai: (req as Request).user?.id }),
    }),
  );
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
