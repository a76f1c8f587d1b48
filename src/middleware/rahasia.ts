import crypto from 'node:crypto';
import type { Request } from 'express';

// What the signed cookies (session, known device) and the form token share: reading a cookie and
// comparing a secret value without telling, by the time taken, how much of it was right.

/** A cookie's value as the browser sent it (not decoded). */
export function bacaCookie(req: Request, nama: string): string | undefined {
  for (const bagian of (req.headers.cookie ?? '').split(';')) {
    const i = bagian.indexOf('=');
    if (i > 0 && bagian.slice(0, i).trim() === nama) return bagian.slice(i + 1).trim();
  }
  return undefined;
}

/** Whether two secrets are equal, in a time that depends on their lengths only. */
export function samaPersis(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
