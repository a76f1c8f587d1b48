import { Router } from 'express';
import type { Services } from '../../services';

// Pengajuan Bangkom: dashboard, plan form, Daftar Pengajuan, detail, edit, kirim, hapus.
export function pengajuanRouter(_services: Services) {
  const router = Router();
  return router;
}
