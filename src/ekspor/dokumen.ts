import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// Every PDF of the app starts here: a Unicode font embedded (DejaVu Sans Condensed, from the npm
// package dejavu-fonts-ttf: Latin with every diacritic, Greek, Cyrillic, symbols such as ≥ ± •;
// no CJK — a CJK font would add 10–20 MB), so any name the forms accept prints as typed.
// Only the glyphs used are embedded (subset), so a letter stays small.

export const HURUF = 'Teks';
export const HURUF_TEBAL = 'Tebal';

const require = createRequire(import.meta.url);
let font: { teks: Buffer; tebal: Buffer } | undefined;

export function pdfBaru(opsi: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  font ??= {
    teks: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
    tebal: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')),
  };
  const doc = new PDFDocument(opsi);
  doc.registerFont(HURUF, font.teks);
  doc.registerFont(HURUF_TEBAL, font.tebal);
  doc.font(HURUF);
  return doc;
}
