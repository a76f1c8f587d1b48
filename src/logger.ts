import { pino } from 'pino';

export function createLogger(level: string) {
  return pino(
    {
      level,
      // never log credentials or session material
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.password_hash'],
    },
    // lines are written by the event loop between requests, not by a blocking write in each
    // (what is still buffered at exit is written then)
    pino.destination({ dest: 1, sync: false }),
  );
}
