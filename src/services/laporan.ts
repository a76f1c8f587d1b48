import type { Deps } from './deps';

export function createLaporanService(_deps: Deps) {
  return {};
}
