import type { Express, NextFunction, Request, Response } from 'express';

// How busy this process is, for background work that should wait its turn (the worker's export
// builds): the requests in progress and when the last one ended. A monotonic timer, not the app's
// clock: this is about the CPU, not about dates.

export interface Beban {
  /** true when no request is in progress and none has been for `ms` */
  senggang(ms: number): boolean;
}

export function setUpBeban(app: Express, now: () => number = () => performance.now()): Beban {
  let aktif = 0;
  let terakhir = -Infinity;
  const selesai = () => {
    aktif--;
    terakhir = now();
  };
  app.use((_req: Request, res: Response, next: NextFunction) => {
    aktif++;
    res.once('close', selesai);
    next();
  });
  return { senggang: (ms) => aktif === 0 && now() - terakhir >= ms };
}
