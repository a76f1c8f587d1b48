import { Router } from 'express';
import type { Services } from '../../services';

// Lupa Kata Sandi: reset link by e-mail.
export function lupaPasswordRouter(_services: Services) {
  const router = Router();
  return router;
}
