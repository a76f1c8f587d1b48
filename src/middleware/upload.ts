import type { NextFunction, Request, Response } from 'express';
import { berkasDari, MAKS_BERKAS, PESAN_TERLALU_BESAR } from './csrf';
import { ValidationError } from '../errors';
import type { PdfFile } from '../domain/berkas';

export { MAKS_BERKAS };
export const PESAN_BERKAS = {
  bukanPdf: 'Berkas harus PDF.',
  terlaluBesar: PESAN_TERLALU_BESAR,
  wajib: 'Unggah berkas PDF.',
  lain: 'Unggahan tidak valid: berkas yang tidak diminta formulir ini.',
};

/**
 * A multipart form with these PDF fields (the body was parsed, and its CSRF token checked, by
 * csrfProtection before any route): a file under another name is refused.
 */
export function hanyaBerkas(fields: string[]) {
  return [
    (req: Request, _res: Response, next: NextFunction) => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      if (files.some((f) => !fields.includes(f.fieldname))) throw new ValidationError({ _: PESAN_BERKAS.lain });
      next();
    },
  ];
}

/** The uploaded file of a field, checked to be a PDF by its content; undefined when none was sent. */
export function pdfDari(req: Request, field: string, errors: Record<string, string>): PdfFile | undefined {
  if (req.uploadError?.[field]) {
    errors[field] = req.uploadError[field]!;
    return undefined;
  }
  const f = berkasDari(req, field);
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
