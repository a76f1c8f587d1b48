// Writes public/css/ikon.css: only the Bootstrap Icons the app uses, each as a CSS mask of its SVG
// (a data: URI, allowed by the CSP's img-src), instead of the whole icon font (132 KiB) and its CSS
// (100 KiB). The markup stays `<i class="bi bi-…" aria-hidden="true">`; the icon is 1em square,
// coloured by currentColor, on the font's baseline. Run `node scripts/ikon.mjs` after using a new
// icon and commit the output (tests/routes/aset.test.ts fails when a used icon is missing).
// A class name counts as used when it appears whole (`bi-name`) in views/, src/ or public/js/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUMBER = ['views', 'src', 'public/js'];
const IKON = path.join(root, 'node_modules/bootstrap-icons/icons');
const KELUAR = path.join(root, 'public/css/ikon.css');

/** Every `bi-name` written in the app's views, code and scripts. */
export function ikonDipakai() {
  const nama = new Set();
  const telusuri = (p) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) telusuri(f);
      else if (/\.(ejs|ts|js|mjs)$/.test(e.name))
        for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)/g)) nama.add(m[1]);
    }
  };
  for (const s of SUMBER) telusuri(path.join(root, s));
  return [...nama].sort();
}

/** An icon's SVG reduced to its shapes, as a CSS url(). */
function dataUri(nama) {
  const svg = fs.readFileSync(path.join(IKON, `${nama}.svg`), 'utf8');
  const isi = svg
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/\s*\n\s*/g, '')
    .replaceAll('"', "'");
  const min = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>${isi}</svg>`;
  return `url("data:image/svg+xml,${min.replace(/[%#<>\n]/g, encodeURIComponent)}")`;
}

export function buatCss(nama) {
  const tidakAda = nama.filter((n) => !fs.existsSync(path.join(IKON, `${n}.svg`)));
  if (tidakAda.length) throw new Error(`bukan ikon Bootstrap Icons: ${tidakAda.join(', ')}`);
  return [
    '/* Dibuat oleh scripts/ikon.mjs dari bootstrap-icons (MIT): hanya ikon yang dipakai. Jangan diedit. */',
    '.bi::before{content:"";display:inline-block;width:1em;height:1em;vertical-align:-.125em;background-color:currentColor;' +
      '-webkit-mask:var(--bi) center/100% 100% no-repeat;mask:var(--bi) center/100% 100% no-repeat}',
    ...nama.map((n) => `.bi-${n}{--bi:${dataUri(n)}}`),
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const nama = ikonDipakai();
  fs.writeFileSync(KELUAR, buatCss(nama));
  console.log(`${path.relative(root, KELUAR)}: ${nama.length} ikon, ${fs.statSync(KELUAR).size} byte`);
}
