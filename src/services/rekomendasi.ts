import type { Deps } from './deps';

export function createRekomendasiService(_deps: Deps) {
  return {};
}
