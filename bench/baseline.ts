import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { createLogger } from '../src/logger';
import compression from 'compression';
import { fmt } from '../src/format';
import { createAset } from '../src/app/aset';
import { setUpViews } from '../src/app/tampilan';
import { setUpLogging } from '../src/app/log';

// The baseline: the dashboard page (views/pengajuan/dashboard.ejs in its layout) rendered from a model
// held in memory — the same view settings and the same non-database middleware as createApp
// (helmet, request logging, fingerprinted asset URLs, compression), no session and no database.
// The limit a database-backed page can approach.
// Run by bench/run.ts as its own process: node --import tsx bench/baseline.ts <model.json>, PORT in env.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const model = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as { user: Record<string, unknown>; page: Record<string, unknown> };

const app = express();
setUpViews(app, path.join(root, 'views'));
app.disable('x-powered-by');
app.locals.fmt = fmt;
app.locals.pemerintah = 'Pemerintah Provinsi Kepulauan Bangka Belitung';
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: process.env.NODE_ENV === 'production',
  }),
);
setUpLogging(app, createLogger(process.env.LOG_LEVEL ?? 'info'));
app.locals.aset = createAset({
  '/static/': path.join(root, 'public'),
  '/vendor/bootstrap/': path.join(root, 'node_modules/bootstrap/dist'),
  '/vendor/bootstrap-icons/': path.join(root, 'node_modules/bootstrap-icons/font'),
}).url;
app.use(compression());
app.get('/', (_req, res) => {
  res.locals.user = model.user;
  res.locals.csrfToken = 'token-dari-memori-bukan-sesi';
  res.locals.path = '/';
  res.locals.url = '/';
  res.locals.flash = undefined;
  res.locals.errors = {};
  res.locals.values = {};
  res.render('pengajuan/dashboard', { judul: 'Pengembangan Kompetensi', ...model.page });
});
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));

http.createServer(app).listen(Number(process.env.PORT), () => console.log('baseline ready'));
