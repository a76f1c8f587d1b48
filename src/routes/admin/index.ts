import { Router } from 'express';
import type { Services } from '../../services';
import { pegawaiRouter } from './pegawai';

// Admin: master data and employees.
export function adminRouter(services: Services) {
  const router = Router();
  router.use(pegawaiRouter(services));
  return router;
}
