import { Router } from 'express';
import type { Services } from '../../services';

// BKPSDM: periode, rekap, capaian 20 JP, SIASN export.
export function bkpsdmRouter(_services: Services) {
  const router = Router();
  return router;
}
