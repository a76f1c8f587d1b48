import type { Deps } from './deps';

export function createBkpsdmService(_deps: Deps) {
  return {};
}
