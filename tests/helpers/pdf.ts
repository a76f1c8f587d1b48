import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// PDFs read back by poppler (pdftotext, pdffonts): a reader that is not the one that wrote them.
// CI installs poppler-utils (.ci/run).

const jalankan = promisify(execFile);

async function denganBerkas<T>(pdf: Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bangkom-pdf-'));
  const file = path.join(dir, 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return await fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, pages separated by a form feed, as pdftotext gives it (layout kept). */
export function pdftotext(pdf: Buffer): Promise<string> {
  return denganBerkas(pdf, async (f) => (await jalankan('pdftotext', ['-layout', '-enc', 'UTF-8', f, '-'])).stdout);
}

/** pdffonts' table: one row per font, with its "emb" column. */
export function pdffonts(pdf: Buffer): Promise<{ nama: string; tertanam: boolean }[]> {
  return denganBerkas(pdf, async (f) => {
    const { stdout } = await jalankan('pdffonts', [f]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const kolom = l.trim().split(/\s+/);
        // name type encoding emb sub uni object ID: emb is the 4th from the right of "yes/no" columns
        const yaTidak = kolom.filter((k) => k === 'yes' || k === 'no');
        return { nama: kolom[0]!, tertanam: yaTidak[0] === 'yes' };
      });
  });
}
