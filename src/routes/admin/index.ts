import { Router } from 'express';
import type { Services } from '../../services';

// Admin: master data and employees.
export function adminRouter(_services: Services) {
  const router = Router();
  return router;
}
