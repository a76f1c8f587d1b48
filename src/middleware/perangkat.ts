import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { bacaCookie, samaPersis } from './rahasia';

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
      return samaPersis(tanda(nip, nonce), sig) ? nonce : undefined;
    },
    /** After a successful login: this browser is now a known device of `nip`. */
    tandai(req: Request, res: Response, nip: string) {
      const nonce = this.baca(req, nip) ?? crypto.randomBytes(16).toString('base64url');
      res.cookie(NAMA, `${nip}.${nonce}.${tanda(nip, nonce)}`, { httpOnly: true, sameSite: 'lax', secure, maxAge: SETAHUN_MS });
    },
  };
}

export type Perangkat = ReturnType<typeof createPerangkat>;
