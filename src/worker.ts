import type { Logger } from 'pino';
import type { Deps } from './services/deps';

// Background work of each app process: e-mail outbox delivery, reminders, digests.
export function startWorker(_deps: Deps, _logger: Logger) {
  return {
    async stop() {},
  };
}
