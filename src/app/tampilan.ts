import ejs from 'ejs';
import type { Express } from 'express';

/**
 * The EJS views: each template compiled once (restart to see edits), its includes written from the
 * views folder ('/partials/atas') and so resolved without a file-system lookup per include and
 * request, as relative ones are.
 */
export function setUpViews(app: Express, views: string) {
  app.set('view engine', 'ejs');
  app.set('views', views);
  app.set('view cache', true);
  app.engine('ejs', (file: string, data: object, cb: (err: unknown, html?: string) => void) => {
    ejs.renderFile(file, data, { root: views, cache: app.enabled('view cache') }, cb);
  });
}
