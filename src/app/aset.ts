import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

// Fingerprinted assets: a page links `/static/css/app.3f2a1c9e0b.css` (the file's content hash in its
// name), and that URL is cached by the browser for a year without asking again: a changed file gets
// a new name. Each file is read, hashed and compressed once per process and served from memory.

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** A year, and never revalidated: the name changes when the content does. */
export const CACHE_ABADI = 'public, max-age=31536000, immutable';
/** The hash in a fingerprinted name, before the extension: `app.3f2a1c9e0b.css`. */
const BERSIDIK = /^(.+)\.([0-9a-f]{10})(\.[a-z0-9]+)$/;
/** Text formats worth compressing (images other than SVG, fonts and PDFs already are). */
const TEKS = /\.(css|js|mjs|svg|json|map|txt|html)$/;

interface Berkas {
  url: string;
  hash: string;
  isi: Buffer;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

/** Per absolute file: the app is built many times in one test process, the files are the same. */
const berkas = new Map<string, Berkas>();

export interface Aset {
  /** The fingerprinted URL of an asset by its plain URL (`/static/css/app.css`); throws for a missing file. */
  url(plain: string): string;
  /** Answers GET/HEAD of a fingerprinted URL from memory, compressed when the browser accepts it. */
  serve(req: Request, res: Response, next: NextFunction): void;
}

/** `akar`: URL prefix → folder it serves (`{ '/static/': 'public/' }`). */
export function createAset(akar: Record<string, string>, awal: string[] = []): Aset {
  const prefixes = Object.entries(akar);

  function baca(plain: string): Berkas | undefined {
    const entri = prefixes.find(([p]) => plain.startsWith(p));
    if (!entri) return undefined;
    const file = path.resolve(entri[1], decodeURIComponent(plain.slice(entri[0].length)));
    if (!file.startsWith(path.resolve(entri[1]) + path.sep)) return undefined;
    const ada = berkas.get(file);
    if (ada) return ada;
    let isi: Buffer;
    try {
      isi = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const hash = crypto.createHash('sha256').update(isi).digest('hex').slice(0, 10);
    const ext = path.posix.extname(plain);
    const b: Berkas = { url: `${plain.slice(0, plain.length - ext.length)}.${hash}${ext}`, hash, isi };
    berkas.set(file, b);
    return b;
  }

  function url(plain: string): string {
    const b = baca(plain);
    if (!b) throw new Error(`aset tidak ditemukan: ${plain}`);
    return b.url;
  }

  // the layout's assets are hashed at start, not on the first page
  for (const a of awal) url(a);

  function serve(req: Request, res: Response, next: NextFunction) {
    const [, nama, hash, ext = ''] = (req.method === 'GET' || req.method === 'HEAD' ? BERSIDIK.exec(req.path) : null) ?? [];
    const b = nama ? baca(`${nama}${ext}`) : undefined;
    if (!b) return next();
    res.type(ext);
    res.vary('Accept-Encoding');
    // an old name (a page rendered before a deploy) still gets the current file, but not for a year
    res.set('Cache-Control', b.hash === hash ? CACHE_ABADI : 'no-cache');
    res.set('ETag', `"${b.hash}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    // brotli when accepted at all, whatever order the browser lists them in (it is smaller)
    const encoding = TEKS.test(ext) && b.isi.length > 1024 ? req.acceptsEncodings('br') || req.acceptsEncodings('gzip') : false;
    const kirim = (isi: Buffer) => {
      res.set('Content-Length', String(isi.length));
      res.end(req.method === 'HEAD' ? undefined : isi);
    };
    if (encoding !== 'br' && encoding !== 'gzip') return kirim(b.isi);
    res.set('Content-Encoding', encoding);
    const jadi =
      encoding === 'br'
        ? (b.br ??= brotli(b.isi, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.isi.length },
          }))
        : (b.gzip ??= gzip(b.isi, { level: 9 }));
    jadi.then(kirim, next);
  }

  return { url, serve };
}
