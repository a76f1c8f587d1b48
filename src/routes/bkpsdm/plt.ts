import { Router } from 'express';
import type { Services } from '../../services';

// Stand-in verifiers (Plt), named by BKPSDM/admin.
export function pltRouter(_services: Services) {
  const router = Router();
  return router;
}
