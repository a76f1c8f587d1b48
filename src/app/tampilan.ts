import fs from 'node:fs';
import ejs from 'ejs';
import type { Express } from 'express';

/** Names a template's code may use that are not the page's data: JavaScript's own and EJS's. */
const BUKAN_DATA = new Set([
  ...'break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null of return super switch this throw true try typeof undefined var void while with yield async await enum implements interface package private protected public static'.split(
    ' ',
  ),
  ...'locals include escapeFn rethrow __append __output __line __lines __filename __locals'.split(' '),
]);

/**
 * A template's text as EJS compiles it here: its data names declared up front from `locals`
 * (`var judul = locals.judul, …;`), its own code in a block after them. In place of EJS's default
 * `with (locals) {…}`, under which every name in the template is looked up by the engine at run
 * time (≈ 10 % of a long list's CPU). The names are every identifier in the template's code that
 * is not a property (`.nama`), a keyword or a global: a name the template declares itself shadows
 * its declaration in the block, and an unused one costs nothing.
 */
export function siapkanTemplate(teks: string): string {
  const nama = new Set<string>();
  for (const tag of teks.matchAll(/<%(?![%#])[=_-]?([\s\S]*?)[-_]?%>/g))
    for (const m of tag[1]!.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)) if (!BUKAN_DATA.has(m[0]) && !(m[0] in globalThis)) nama.add(m[0]);
  const deklarasi = [...nama].map((n) => `${n} = locals.${n}`).join(', ');
  return `<% ${deklarasi ? `var ${deklarasi}; ` : ''}{ %>${teks}<% } %>`;
}

/**
 * The EJS views: each template compiled once (restart to see edits), without `with` (siapkanTemplate),
 * its includes written from the views folder ('/partials/atas') and so resolved without a
 * file-system lookup per include and request, as relative ones are.
 */
export function setUpViews(app: Express, views: string) {
  app.set('view engine', 'ejs');
  app.set('views', views);
  app.set('view cache', true);
  ejs.fileLoader = (file: string) => siapkanTemplate(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  app.engine('ejs', (file: string, data: object, cb: (err: unknown, html?: string) => void) => {
    ejs.renderFile(file, data, { root: views, cache: app.enabled('view cache'), _with: false, localsName: 'locals' }, cb);
  });
}
