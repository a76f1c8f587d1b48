import fs from 'node:fs';
import type PDFDocument from 'pdfkit';
import { HURUF, HURUF_TEBAL } from './dokumen';

// The letterhead (kop surat) of BKPSDMD, drawn at the top of the current page. Texts come from the
// `pengaturan` table (keys 'surat.*'), so BKPSDM can change them without a release.

type Doc = InstanceType<typeof PDFDocument>;

export interface PengaturanKop {
  'surat.pemerintah'?: string;
  'surat.badan'?: string;
  'surat.alamat'?: string;
  'surat.kontak'?: string;
  /** a PNG/JPEG file path or data: URL; absent: a drawn emblem */
  'surat.logo'?: string;
  [kunci: string]: string | undefined;
}

const LOGO_LEBAR = 58;

/** Draws the kop and its double rule; returns the y just below it. */
export function drawKop(doc: Doc, s: PengaturanKop): number {
  const kiri = doc.page.margins.left;
  const kanan = doc.page.width - doc.page.margins.right;
  const atas = doc.page.margins.top;
  drawLogo(doc, s['surat.logo'], kiri, atas);

  // Text is centred in the space right of the logo, as on printed letterheads.
  const x = kiri + LOGO_LEBAR + 8;
  const lebar = kanan - x;
  let y = atas;
  const baris = (teks: string | undefined, font: string, ukuran: number, min: number) => {
    if (!teks) return;
    doc.font(font);
    let u = ukuran;
    while (u > min && doc.fontSize(u).widthOfString(teks) > lebar) u -= 0.5;
    // still too long: two lines of about equal length, never one word alone on the second
    const isi = doc.widthOfString(teks) > lebar ? duaBaris(teks, (t) => doc.widthOfString(t)) : teks;
    doc.fontSize(u).text(isi, x, y, { width: lebar, align: 'center' });
    y = doc.y + 1;
  };
  baris(s['surat.pemerintah'] ?? 'PEMERINTAH PROVINSI', HURUF_TEBAL, 14, 11);
  baris((s['surat.badan'] ?? '').toUpperCase(), HURUF_TEBAL, 13, 10.5);
  y += 1;
  baris(s['surat.alamat'], HURUF, 8.5, 8);
  baris(s['surat.kontak'], HURUF, 8.5, 8);

  const garis = Math.max(y + 4, atas + LOGO_LEBAR + 10);
  doc.save().lineWidth(2.2).moveTo(kiri, garis).lineTo(kanan, garis).stroke();
  doc
    .lineWidth(0.7)
    .moveTo(kiri, garis + 3.2)
    .lineTo(kanan, garis + 3.2)
    .stroke()
    .restore();
  doc.x = kiri;
  doc.y = garis + 14;
  return garis + 14;
}

function drawLogo(doc: Doc, logo: string | undefined, x: number, y: number) {
  if (logo) {
    try {
      const src = logo.startsWith('data:') ? Buffer.from(logo.split(',')[1] ?? '', 'base64') : fs.readFileSync(logo);
      doc.image(src, x, y, { fit: [LOGO_LEBAR, LOGO_LEBAR + 8], align: 'center', valign: 'center' });
      return;
    } catch {
      // an unreadable logo must not cost the letter: fall back to the drawn emblem
    }
  }
  // A plain shield with a star: a neutral emblem until the real logo is configured.
  const w = LOGO_LEBAR - 8;
  const h = LOGO_LEBAR + 4;
  const cx = x + LOGO_LEBAR / 2;
  const top = y + 2;
  doc.save();
  doc
    .moveTo(cx - w / 2, top)
    .lineTo(cx + w / 2, top)
    .lineTo(cx + w / 2, top + h * 0.55)
    .quadraticCurveTo(cx + w / 2, top + h * 0.85, cx, top + h)
    .quadraticCurveTo(cx - w / 2, top + h * 0.85, cx - w / 2, top + h * 0.55)
    .closePath()
    .lineWidth(1.5)
    .fillAndStroke('#e8eef7', '#0b3d6e');
  const r1 = 11;
  const r2 = 4.5;
  const cy = top + h * 0.42;
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? r1 : r2;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const px = cx + r * Math.cos(a);
    const py = cy + r * Math.sin(a);
    if (i === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  }
  doc.closePath().fill('#c9a227');
  doc.restore();
  doc.fillColor('black').strokeColor('black');
}

/** Splits a line at the word boundary that makes its two halves the most even. */
function duaBaris(teks: string, lebar: (t: string) => number): string {
  const kata = teks.split(' ');
  let terbaik = 1;
  let selisih = Infinity;
  for (let i = 1; i < kata.length; i++) {
    const d = Math.abs(lebar(kata.slice(0, i).join(' ')) - lebar(kata.slice(i).join(' ')));
    if (d < selisih) [terbaik, selisih] = [i, d];
  }
  return `${kata.slice(0, terbaik).join(' ')}\n${kata.slice(terbaik).join(' ')}`;
}
