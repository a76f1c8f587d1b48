import type { NextFunction, Request, Response } from 'express';
import { halamanGalat } from './error';

export const PESAN_LAMBAT =
  'Pengiriman data terlalu lama sehingga dihentikan. Periksa jaringan Anda, lalu kirim kembali formulir atau berkasnya.';

/**
 * A body (a form, an upload) that has not fully arrived within `ms` is refused with 408 and the
 * connection is closed, so a slow or stalled sender does not hold the server for minutes.
 */
export function batasWaktuKirim(ms: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.headers['content-length'] && !req.headers['transfer-encoding']) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      req.log?.warn({ ms }, 'kiriman terlalu lambat dihentikan');
      res.set('Connection', 'close');
      res.on('finish', () => req.socket.destroy());
      halamanGalat(req, res, 408, PESAN_LAMBAT);
    }, ms);
    timer.unref();
    const selesai = () => clearTimeout(timer);
    req.once('end', selesai);
    req.once('close', selesai);
    res.once('finish', selesai);
    next();
  };
}
