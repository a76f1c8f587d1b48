import { Router } from 'express';
import type { Services } from '../../services';
import { periodeRouter } from './periode';
import { rekapRouter } from './rekap';
import { capaianRouter } from './capaian';

// BKPSDM: periode, rekap, capaian 20 JP, SIASN export.
export function bkpsdmRouter(services: Services) {
  const router = Router();
  router.use(periodeRouter(services));
  router.use(rekapRouter(services));
  router.use(capaianRouter(services));
  return router;
}
