import { Router } from 'express';
import type { Services } from '../../services';
import { periodeRouter } from './periode';
import { rekapRouter } from './rekap';

// BKPSDM: periode, rekap, capaian 20 JP, SIASN export.
export function bkpsdmRouter(services: Services) {
  const router = Router();
  router.use(periodeRouter(services));
  router.use(rekapRouter(services));
  return router;
}
