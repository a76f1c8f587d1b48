import crypto from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config';
import type { Pengguna } from '../data/pegawai';
import type { Services } from '../services';
import { bacaCookie, samaPersis } from '../middleware/rahasia';

// Sessions in the database (table `sessions`: several processes share them), read with the user
// they name and the menu's counters in one query. The cookie is `bangkom.sid=s:<id>.<HMAC-SHA256>`,
// as express-session wrote it (sessions and cookies from before carry on). A session is written only
// when a request changed it, and lasts 8 hours from that change; the cookie then says so too. A login
// lasts 8 hours however often the session changes: then the user signs in again.

export const COOKIE_SESI = 'bangkom.sid';
export const UMUR_SESI_MS = 8 * 3600 * 1000;

/** What a session keeps. */
export interface DataSesi {
  flash?: { jenis: 'sukses' | 'info' | 'peringatan' | 'bahaya'; pesan: string };
  /** the login, as passport writes it: the employee, a stamp of their password and when (ms; absent from logins made before it was kept) */
  passport?: { user?: { id?: unknown; kunci?: unknown; masuk?: unknown } };
}

const KUNCI_SESI = ['flash', 'passport'] as const satisfies readonly (keyof DataSesi)[];

type Selesai = (err?: unknown) => void;
type Akun = Pick<Services['akun'], 'sesi' | 'simpanSesi' | 'hapusSesi'>;

/**
 * The request's session: its data as own properties (what is saved), and what passport and the
 * routes call on it (regenerate at login, save, destroy at logout). A new id at regenerate, so a
 * session id known before login is worth nothing after it. A session with nothing to keep (a
 * visitor who has not signed in) has no row: only its signed id, in the cookie, and the form token
 * derived from that id.
 */
export class Sesi implements DataSesi {
  declare flash?: DataSesi['flash'];
  declare passport?: DataSesi['passport'];
  readonly #req: Request;
  readonly #akun: Akun;
  /** the key of the form tokens: not the cookie's, so that a token can never pass for a cookie's signature */
  readonly #kunciToken: Buffer;
  readonly #id: string;
  /** the browser sent this id (it has the cookie) */
  readonly #dariCookie: boolean;
  #token: string | undefined;
  /** the JSON last read or written; null: not in the table */
  #tersimpan: string | null;
  #dihapus = false;
  /** written during this request: the browser gets the cookie */
  #ditulis = false;

  constructor(req: Request, akun: Akun, kunciToken: Buffer, id: string, dariCookie: boolean, data: DataSesi | null) {
    this.#req = req;
    this.#akun = akun;
    this.#kunciToken = kunciToken;
    this.#id = id;
    this.#dariCookie = dariCookie;
    // what the app keeps, nothing else a stored row may hold (express-session's `cookie`)
    for (const k of KUNCI_SESI) if (data?.[k] !== undefined) Object.assign(this, { [k]: data[k] });
    this.#tersimpan = data ? JSON.stringify(this) : null;
  }

  get id(): string {
    return this.#id;
  }

  /** The form token (CSRF) of this session: derived from its id with a key of the app's secret, stored nowhere. */
  get token(): string {
    this.#token ??= crypto.createHmac('sha256', this.#kunciToken).update(this.#id).digest('base64url');
    return this.#token;
  }

  /** Whether the end of the request has something to write. */
  get berubah(): boolean {
    if (this.#dihapus) return false;
    const json = JSON.stringify(this);
    return this.#tersimpan === null ? json !== '{}' : json !== this.#tersimpan;
  }

  /** Whether the response carries the cookie: the browser does not have this id yet, or the session was or will be written. */
  get kirimCookie(): boolean {
    return !this.#dihapus && (!this.#dariCookie || this.#ditulis || this.berubah);
  }

  save(cb?: Selesai) {
    if (this.#dihapus) return void cb?.();
    const json = JSON.stringify(this);
    this.#akun.simpanSesi(this.id, json, UMUR_SESI_MS, this.#tersimpan === null).then(
      (tersimpan) => {
        // gone from the table since this request read it (a logout meanwhile): it stays gone
        if (!tersimpan) this.#dihapus = true;
        else {
          this.#tersimpan = json;
          this.#ditulis = true;
        }
        cb?.();
      },
      cb ?? (() => undefined),
    );
  }

  /** A new, empty session with a new id in place of this one, which is deleted. */
  regenerate(cb: Selesai) {
    this.#dihapus = true;
    this.#akun.hapusSesi(this.id).then(() => {
      pasangSesi(this.#req, this.#akun, this.#kunciToken, idBaru(), false, null);
      cb();
    }, cb);
  }

  destroy(cb?: Selesai) {
    this.#dihapus = true;
    this.#akun.hapusSesi(this.id).then(() => cb?.(), cb ?? (() => undefined));
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    session: Sesi;
    sessionID: string;
  }
}

const idBaru = () => crypto.randomBytes(24).toString('base64url');
const tanda = (id: string, secret: string) => crypto.createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');

/** The session id of a genuinely signed cookie. */
function bacaId(req: Request, secret: string): string | undefined {
  const mentah = bacaCookie(req, COOKIE_SESI);
  if (!mentah) return undefined;
  let nilai: string;
  try {
    nilai = decodeURIComponent(mentah);
  } catch {
    return undefined;
  }
  const titik = nilai.lastIndexOf('.');
  if (!nilai.startsWith('s:') || titik < 3) return undefined;
  const id = nilai.slice(2, titik);
  return samaPersis(tanda(id, secret), nilai.slice(titik + 1)) ? id : undefined;
}

/** A login younger than a session's 8 hours (one written before logins were dated carries on until its row ends). */
const masihBerlaku = (masuk: unknown) => masuk === undefined || (typeof masuk === 'number' && Date.now() - masuk < UMUR_SESI_MS);

function pasangSesi(req: Request, akun: Akun, kunciToken: Buffer, id: string, dariCookie: boolean, data: DataSesi | null) {
  req.session = new Sesi(req, akun, kunciToken, id, dariCookie, data);
  req.sessionID = id;
}

/**
 * The session middleware, and the form body parser. The user comes with the session row: signed in
 * when the session names an active employee whose password stamp still matches; a login that no
 * longer holds is taken out of the session.
 */
export function setUpSession(app: Express, config: Config, services: Services, secret: string) {
  const akun = services.akun;
  const kunciToken = crypto.createHmac('sha256', secret).update('bangkom.token-formulir').digest();
  const opsiCookie = { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: UMUR_SESI_MS, path: '/' } as const;
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = bacaId(req, secret);
    const lanjut = (data: DataSesi | null, pengguna: Pengguna | null) => {
      // a signed id is ours: kept, with its row's data, or empty when it has none (never signed in,
      // or its login ended); an unsigned one is not taken on
      pasangSesi(req, akun, kunciToken, id ?? idBaru(), id !== undefined, data);
      const masuk = req.session.passport?.user;
      if (masuk && pengguna && masuk.id === pengguna.id && masuk.kunci === pengguna.kunci_sesi && masihBerlaku(masuk.masuk))
        req.user = pengguna;
      else if (masuk) delete req.session.passport!.user;
      tulisDiAkhir(req, res, (s) => res.cookie(COOKIE_SESI, `s:${s.id}.${tanda(s.id, secret)}`, opsiCookie));
      next();
    };
    if (!id) return lanjut(null, null);
    akun.sesi(id).then((h) => lanjut(h ? (h.sess as DataSesi) : null, h?.pengguna ?? null), next);
  });
  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
}

/**
 * A changed session is written before the response ends (the next request, after a redirect, reads
 * it), and its cookie goes with the headers.
 */
function tulisDiAkhir(req: Request, res: Response, cookie: (s: Sesi) => void) {
  type Fungsi = (this: Response, ...args: unknown[]) => Response;
  const writeHead = res.writeHead as Fungsi;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (req.session.kirimCookie) cookie(req.session);
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  const end = res.end as Fungsi;
  res.end = function (this: Response, ...args: unknown[]) {
    const s = req.session;
    if (!s.berubah) return end.apply(this, args);
    s.save((err) => {
      if (err) req.log.error({ err }, 'sesi tidak tersimpan');
      end.apply(this, args);
    });
    return this;
  } as Response['end'];
}
