import { createAkunService } from './akun';
import type { Deps } from './deps';

export function createServices(deps: Deps) {
  return {
    akun: createAkunService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { Deps };
