import { Router } from 'express';
import type { Services } from '../../services';

// Pemberitahuan (in-app notifications).
export function notifikasiRouter(_services: Services) {
  const router = Router();
  return router;
}
