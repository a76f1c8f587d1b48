import type { Deps } from './deps';

export function createPengajuanService(_deps: Deps) {
  return {};
}
