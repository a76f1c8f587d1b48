import type { Request, RequestHandler, Response } from 'express';
import type { Services } from '../../services';
import type { FilterRekap } from '../../services/bkpsdm';
import { pengguna } from '../../middleware/auth';
import { tulisCapaianXlsx } from '../../ekspor/capaian-xlsx';
import { namaBerkas } from '../../ekspor/rekap';
import { tulisRekapPdf } from '../../ekspor/rekap-pdf';
import { filterRekapSchema } from './schemas';

// The downloads of the rekap and the capaian 20 JP, the same for BKPSDM (any unit or the province)
// and for a unit's operator (their own unit: the service ignores any other asked for). The service
// hands the data over; the handler names the file and streams it.

export type Filter = (req: Request) => FilterRekap;

/** The year and unit asked for in the query string. */
export const filterRekap: Filter = (req) => filterRekapSchema.parse(req.query ?? {});

export const TIPE_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Headers of a download: its type, its file name, never cached. */
export function lampiran(res: Response, tipe: string, nama: string): void {
  res.setHeader('Content-Type', tipe);
  res.setHeader('Content-Disposition', `attachment; filename="${nama}"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function unduhan(services: Services, filter: Filter) {
  const { rekap, capaian } = services.bkpsdm;
  return {
    rekapXlsx: async (req, res) => {
      const d = await rekap.xlsx(pengguna(req), filter(req));
      lampiran(res, TIPE_XLSX, namaBerkas(d, 'rekap-bangkom', 'xlsx'));
      res.end(d.isi);
    },
    rekapPdf: async (req, res) => {
      const d = await rekap.ekspor(pengguna(req), filter(req));
      lampiran(res, 'application/pdf', namaBerkas(d, 'rekap-bangkom', 'pdf'));
      tulisRekapPdf(d, res);
    },
    capaianXlsx: async (req, res) => {
      const d = await capaian.ekspor(pengguna(req), filter(req));
      lampiran(res, TIPE_XLSX, namaBerkas(d, 'capaian-20jp', 'xlsx'));
      await tulisCapaianXlsx(d, res);
    },
  } satisfies Record<string, RequestHandler>;
}
