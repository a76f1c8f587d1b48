import { pino } from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    // never log credentials or session material
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.password_hash'],
  });
}
