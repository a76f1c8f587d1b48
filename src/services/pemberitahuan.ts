import type { Deps } from './deps';

export function createPemberitahuanService(_deps: Deps) {
  return {};
}
