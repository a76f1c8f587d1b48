import type { Deps } from '../deps';
import { createPegawaiService } from './pegawai';
import { createImporService } from './impor';
import { createMasterService } from './master';

// Admin: employees (one by one and by CSV import), the master lists and the letter settings.
export function createAdminService(deps: Deps) {
  return {
    pegawai: createPegawaiService(deps),
    impor: createImporService(deps),
    master: createMasterService(deps),
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
