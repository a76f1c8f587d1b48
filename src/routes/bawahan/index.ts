import { Router } from 'express';
import type { Services } from '../../services';

// Bawahan Langsung.
export function bawahanRouter(_services: Services) {
  const router = Router();
  return router;
}
