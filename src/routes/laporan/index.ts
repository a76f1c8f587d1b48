import { Router } from 'express';
import type { Services } from '../../services';

// Pelaksanaan (mulai) and Laporan.
export function laporanRouter(_services: Services) {
  const router = Router();
  return router;
}
