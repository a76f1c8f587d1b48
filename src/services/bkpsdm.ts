import type { Deps } from './deps';
import { createPeriodeService } from './bkpsdm-periode';
import { createRekapService } from './bkpsdm-rekap';
import { createCapaianService } from './bkpsdm-capaian';
import { createSiasnService } from './bkpsdm-siasn';

// BKPSDM: periods, the compiled plan, 20 JP attainment, SIASN export.
export function createBkpsdmService(deps: Deps) {
  return {
    ...createPeriodeService(deps),
    ...createRekapService(deps),
    ...createCapaianService(deps),
    ...createSiasnService(deps),
  };
}
