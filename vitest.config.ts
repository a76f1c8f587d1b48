import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that start app processes or walk every route take longest: run them first, so the
// two workers end together (a clean clone has no timing cache to sort by).
const LAMA = ['ketahanan', 'skala', 'otorisasi', 'lock', 'akun', 'masukan-jahat', 'outbox', 'migrasi'];
const urutan = (f: string) => {
  const i = LAMA.findIndex((n) => f.endsWith(`/${n}.test.ts`));
  return i < 0 ? LAMA.length : i;
};

class LamaDulu extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => urutan(a.moduleId) - urutan(b.moduleId));
  }
}

export default defineConfig({
  test: {
    include: ['tests/{domain,services,routes}/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // files share a worker's loaded modules (each still gets its own database): imports once, not per file
    isolate: false,
    sequence: { sequencer: LamaDulu },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
