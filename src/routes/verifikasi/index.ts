import { Router } from 'express';
import type { Services } from '../../services';

// Verifikasi by the atasan (and Plt stand-ins).
export function verifikasiRouter(_services: Services) {
  const router = Router();
  return router;
}
