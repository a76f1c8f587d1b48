import { createAkunService } from './akun';
import { createPengajuanService } from './pengajuan';
import { createVerifikasiService } from './verifikasi';
import { createLaporanService } from './laporan';
import { createRekomendasiService } from './rekomendasi';
import { createBkpsdmService } from './bkpsdm';
import { createAdminService } from './admin';
import { createNotifikasiService } from './notifikasi';
import { createLupaPasswordService } from './lupa-password';
import { createUnitService } from './unit';
import { createBerkasTertahanService } from './berkas-tertahan';
import type { Deps } from './deps';

export function createServices(deps: Deps) {
  return {
    akun: createAkunService(deps),
    pengajuan: createPengajuanService(deps),
    verifikasi: createVerifikasiService(deps),
    laporan: createLaporanService(deps),
    rekomendasi: createRekomendasiService(deps),
    bkpsdm: createBkpsdmService(deps),
    admin: createAdminService(deps),
    notifikasi: createNotifikasiService(deps),
    lupaPassword: createLupaPasswordService(deps),
    unit: createUnitService(deps),
    berkasTertahan: createBerkasTertahanService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
export type { Deps };
