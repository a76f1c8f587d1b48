import { Router } from 'express';
import type { Services } from '../../services';

// Pengajuan Rekomendasi (the employee's side).
export function rekomendasiRouter(_services: Services) {
  const router = Router();
  return router;
}
