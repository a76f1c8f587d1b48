import type { Deps } from './deps';

export function createMasterService(_deps: Deps) {
  return {};
}
