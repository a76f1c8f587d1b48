import { Router } from 'express';
import type { Services } from '../../services';

// BKPSDM's side of the rekomendasi: every unit's requests, the decision.
export function bkpsdmRekomendasiRouter(_services: Services) {
  const router = Router();
  return router;
}
