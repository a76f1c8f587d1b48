import crypto from 'node:crypto';
import type { Request, Response } from 'express';

// Device cookies (OWASP, "Slow Brute Force" defence): a browser that has signed in to a NIP
// before carries a signed cookie for it. The NIP's lock after wrong passwords does not apply to
// such a browser (its own failures are counted per cookie), so an attacker elsewhere cannot lock
// the owner out.

const NAMA = 'bangkom.perangkat';
const SETAHUN_MS = 365 * 86_400_000;

export function createPerangkat(secret: string, secure: boolean) {
  const tanda = (nip: string, nonce: string) => crypto.createHmac('sha256', secret).update(`perangkat.${nip}.${nonce}`).digest('base64url');

  return {
    /** The device's id when the request carries a genuine device cookie for `nip`. */
    baca(req: Request, nip: string): string | undefined {
      const nilai = bacaCookie(req, NAMA);
      const [n, nonce, sig] = nilai?.split('.') ?? [];
      if (!nonce || !sig || n !== nip) return undefined;
      const harus = Buffer.from(tanda(nip, nonce));
      const ada = Buffer.from(sig);
      return harus.length === ada.length && crypto.timingSafeEqual(harus, ada) ? nonce : undefined;
    },
    /** After a successful login: this browser is now a known device of `nip`. */
    tandai(req: Request, res: Response, nip: string) {
      const nonce = this.baca(req, nip) ?? crypto.randomBytes(16).toString('base64url');
      res.cookie(NAMA, `${nip}.${nonce}.${tanda(nip, nonce)}`, { httpOnly: true, sameSite: 'lax', secure, maxAge: SETAHUN_MS });
    },
  };
}

export type Perangkat = ReturnType<typeof createPerangkat>;

/** A cookie's value as the browser sent it (not decoded). */
export function bacaCookie(req: Request, nama: string): string | undefined {
  for (const bagian of (req.headers.cookie ?? '').split(';')) {
    const i = bagian.indexOf('=');
    if (i > 0 && bagian.slice(0, i).trim() === nama) return bagian.slice(i + 1).trim();
  }
  return undefined;
}
