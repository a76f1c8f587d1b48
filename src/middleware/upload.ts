import multer from 'multer';
import type { NextFunction, Request, Response } from 'express';
import { verifyCsrf } from './csrf';
import { ValidationError } from '../errors';
import { tolakKarakterKontrol } from './kontrol';

export const MAKS_BERKAS = 5 * 1024 * 1024;
export const PESAN_BERKAS = {
  bukanPdf: 'Berkas harus PDF.',
  terlaluBesar: 'Berkas paling besar 5 MB.',
  wajib: 'Unggah berkas PDF.',
};

/**
 * Multipart form with PDF fields: multer (memory, 5 MB a file, streams cut off past the limit),
 * then the CSRF check, then each file turned into a field error if it is too large.
 */
export function uploadPdf(fields: string[]) {
  const m = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAKS_BERKAS, files: fields.length, fields: 100, fieldSize: 100_000, parts: 120 },
  }).fields(fields.map((name) => ({ name, maxCount: 1 })));
  return [
    (req: Request, res: Response, next: NextFunction) => {
      m(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          // the rest of the body was not read; the form is answered with the message beside the field
          req.uploadError = { [err.field ?? fields[0]!]: PESAN_BERKAS.terlaluBesar };
          req.body ??= {};
          return next();
        }
        if (err instanceof multer.MulterError) return next(new ValidationError({ _: 'Unggahan tidak valid: ' + err.code }));
        next(err);
      });
    },
    verifyCsrf,
    tolakKarakterKontrol,
  ];
}

declare module 'express-serve-static-core' {
  interface Request {
    uploadError?: Record<string, string>;
  }
}

export interface PdfFile {
  nama: string;
  tipe: string;
  isi: Buffer;
}

/** The uploaded file of a field, checked to be a PDF by its content; undefined when none was sent. */
export function pdfDari(req: Request, field: string, errors: Record<string, string>): PdfFile | undefined {
  if (req.uploadError?.[field]) {
    errors[field] = req.uploadError[field]!;
    return undefined;
  }
  const files = req.files as Record<string, Express.Multer.File[]> | undefined;
  const f = files?.[field]?.[0];
  if (!f || f.size === 0) return undefined;
  if (f.size > MAKS_BERKAS) {
    errors[field] = PESAN_BERKAS.terlaluBesar;
    return undefined;
  }
  if (!f.buffer.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    errors[field] = PESAN_BERKAS.bukanPdf;
    return undefined;
  }
  const nama = f.originalname.replace(/[^\w.\- ()]/g, '_').slice(0, 200) || 'berkas.pdf';
  return { nama, tipe: 'application/pdf', isi: f.buffer };
}
