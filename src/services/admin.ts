import type { Deps } from './deps';

export function createAdminService(_deps: Deps) {
  return {};
}
