// CSV as spreadsheets write it: quotes, doubled quotes, CRLF, a separator of the file's choosing.

export interface BarisCsv {
  sel: string[];
  /** the line of the file where the row starts (the header is line 1) */
  baris: number;
  /** the line where it ends: later than `baris` when a quoted cell holds a line break */
  akhir: number;
  /** the cells (0-based) whose quoted text holds a line break */
  pindahBaris: number[];
  /** the file ended inside a quoted cell */
  kutipTerbuka: boolean;
}

/** Splits CSV text (quotes, doubled quotes, CRLF) with the given separator; each row with its lines. */
export function parseCsv(teks: string, pemisah: string): BarisCsv[] {
  const rows: BarisCsv[] = [];
  let sel: string[] = [];
  let isi = '';
  let kutip = false;
  let pindah: number[] = [];
  let baris = 1;
  let mulai = 1;
  const tutupSel = () => {
    sel.push(isi);
    isi = '';
  };
  const tutupBaris = (kutipTerbuka = false) => {
    tutupSel();
    rows.push({ sel, baris: mulai, akhir: baris, pindahBaris: pindah, kutipTerbuka });
    sel = [];
    pindah = [];
  };
  for (let i = 0; i < teks.length; i++) {
    const c = teks[i]!;
    if (kutip) {
      if (c === '"') {
        if (teks[i + 1] === '"') {
          isi += '"';
          i++;
        } else kutip = false;
      } else if (c === '\n' || c === '\r') {
        // a line break inside quotes: kept in the cell (the row is refused), counted as a line
        if (c === '\r' && teks[i + 1] === '\n') i++;
        baris++;
        if (pindah.at(-1) !== sel.length) pindah.push(sel.length);
        isi += '\n';
      } else isi += c;
    } else if (c === '"' && isi === '') kutip = true;
    else if (c === pemisah) tutupSel();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && teks[i + 1] === '\n') i++;
      tutupBaris();
      baris++;
      mulai = baris;
    } else isi += c;
  }
  if (isi !== '' || sel.length || kutip) tutupBaris(kutip);
  return rows.filter((r) => r.kutipTerbuka || r.sel.some((s) => s.trim() !== ''));
}

/** Bytes → text: UTF-8 with or without BOM; anything else is refused. */
export function bacaTeks(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return null;
  }
}
