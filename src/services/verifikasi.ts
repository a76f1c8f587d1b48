import type { Deps } from './deps';

export function createVerifikasiService(_deps: Deps) {
  return {};
}
