import type { Express } from 'express';
import type { Services } from '../services';
import type { AppPassport } from '../middleware/passport';
import type { Perangkat } from '../middleware/perangkat';
import { errorHandler, notFound } from '../middleware/error';
import { akunRouter } from '../routes/akun';
import { pengajuanRouter } from '../routes/pengajuan';
import { laporanRouter } from '../routes/laporan';
import { verifikasiRouter } from '../routes/verifikasi';
import { bawahanRouter } from '../routes/bawahan';
import { notifikasiRouter } from '../routes/notifikasi';
import { lupaPasswordRouter } from '../routes/lupa-password';
import { rekomendasiRouter } from '../routes/rekomendasi';
import { bkpsdmRekomendasiRouter } from '../routes/bkpsdm/rekomendasi';
import { bkpsdmRouter } from '../routes/bkpsdm';
import { pltRouter } from '../routes/bkpsdm/plt';
import { unitRouter } from '../routes/unit';
import { adminRouter } from '../routes/admin';
import { panduanRouter } from '../routes/panduan';

/** Every menu's routes. */
export function setUpRoutes(app: Express, services: Services, passport: AppPassport, perangkat: Perangkat) {
  app.use(akunRouter(services, passport, perangkat));
  app.use(lupaPasswordRouter(services));
  app.use(pengajuanRouter(services));
  app.use(laporanRouter(services));
  app.use(verifikasiRouter(services));
  app.use(bawahanRouter(services));
  app.use(notifikasiRouter(services));
  app.use(rekomendasiRouter(services));
  app.use(bkpsdmRekomendasiRouter(services));
  app.use(bkpsdmRouter(services));
  app.use(pltRouter(services));
  app.use(unitRouter(services));
  app.use(adminRouter(services));
  app.use(panduanRouter());
}

/** What no route answered (404), and every error, as the Indonesian error page. */
export function setUpErrors(app: Express) {
  app.use(notFound);
  app.use(errorHandler);
}
