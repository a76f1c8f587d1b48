import type { Deps } from './deps';

export function createResetPasswordService(_deps: Deps) {
  return {};
}
