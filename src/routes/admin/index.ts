import { Router } from 'express';
import type { Services } from '../../services';
import { pegawaiRouter } from './pegawai';
import { masterRouter } from './master';

// Admin: master data and employees.
export function adminRouter(services: Services) {
  const router = Router();
  router.use(pegawaiRouter(services));
  router.use(masterRouter(services));
  return router;
}
