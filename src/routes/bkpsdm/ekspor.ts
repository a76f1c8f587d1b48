import type { Request, RequestHandler, Response } from 'express';
import type { Services } from '../../services';
import type { FilterRekap } from '../../services/bkpsdm';
import type { BerkasEkspor } from '../../services/bkpsdm/ekspor';
import type { JenisEkspor } from '../../domain/ekspor';
import { pengguna } from '../../middleware/auth';
import { filterRekapSchema } from './schemas';

// The downloads of the rekap, the capaian 20 JP and SIASN, the same for BKPSDM (any unit or the
// province) and for a unit's operator (their own unit: the service ignores any other asked for).
// The service hands over the stored build of the current data; the handler sends it as a file with
// its ETag, or 304 when the browser's copy is that build.

export type Filter = (req: Request) => FilterRekap;

/** The year and unit asked for in the query string. */
export const filterRekap: Filter = (req) => filterRekapSchema.parse(req.query ?? {});

/** The entity tags of If-None-Match (`W/` ignored: a weak match is enough for a GET). */
function etagKlien(req: Request): string[] {
  const h = req.headers['if-none-match'];
  if (!h) return [];
  return h
    .split(',')
    .map((e) => e.trim().replace(/^W\//, ''))
    .filter((e) => e !== '');
}

/** A stored export: revalidated on every use (private, no-cache), 304 when unchanged. */
function kirimBerkas(res: Response, b: BerkasEkspor): void {
  res.setHeader('ETag', b.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (!b.isi) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', b.tipe);
  res.setHeader('Content-Disposition', `attachment; filename="${b.nama}"`);
  // the length up front: the browser shows the download's progress, and the body is not sent
  // chunked (the session's end-of-response hook would otherwise start it without a length)
  res.setHeader('Content-Length', String(b.isi.length));
  res.end(b.isi);
}

export function unduhan(services: Services, filter: Filter) {
  const { ekspor } = services.bkpsdm;
  const unduh =
    (jenis: JenisEkspor): RequestHandler =>
    async (req, res) => {
      kirimBerkas(res, await ekspor.berkas(pengguna(req), jenis, filter(req), etagKlien(req)));
    };
  return {
    rekapXlsx: unduh('rekap.xlsx'),
    rekapPdf: unduh('rekap.pdf'),
    capaianXlsx: unduh('capaian-jp.xlsx'),
    siasnCsv: unduh('siasn.csv'),
    siasnXlsx: unduh('siasn.xlsx'),
  } satisfies Record<string, RequestHandler>;
}
