import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { ping } from '../data/sehat';
import { createAset } from './aset';

/** What every page's layout links: hashed when the app starts. */
const ASET_TATA_LETAK = [
  '/vendor/bootstrap/css/bootstrap.min.css',
  '/vendor/bootstrap/js/bootstrap.bundle.min.js',
  '/static/css/ikon.css',
  '/static/css/app.css',
  '/static/js/app.js',
  '/static/img/logo.svg',
];

/**
 * Our assets and the vendor packages', all served by the app (no CDN); compression of every text
 * answer; and the health check. Views link assets through `aset('/static/…')`: a fingerprinted URL
 * cached for a year; the plain URLs keep working with a short cache.
 */
export function setUpStatic(app: Express, root: string, config: Config, db: Knex) {
  const aset = createAset(
    {
      '/static/': path.join(root, 'public'),
      '/vendor/bootstrap/': path.join(root, 'node_modules/bootstrap/dist'),
      '/vendor/bootstrap-icons/': path.join(root, 'node_modules/bootstrap-icons/font'),
    },
    ASET_TATA_LETAK,
  );
  app.locals.aset = aset.url;
  app.use(aset.serve);
  // HTML, CSS, JS, JSON and CSV when the browser accepts it; PDFs, workbooks and images are already
  // compressed (the filter asks the type), and a streamed download is compressed as it streams
  app.use(compression());

  const statik = { maxAge: config.env === 'production' ? '1h' : 0 };
  app.use('/static', express.static(path.join(root, 'public'), statik));
  app.use('/vendor/bootstrap', express.static(path.join(root, 'node_modules/bootstrap/dist'), statik));
  app.use('/vendor/bootstrap-icons', express.static(path.join(root, 'node_modules/bootstrap-icons/font'), statik));

  app.get('/healthz', async (_req, res) => {
    try {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref());
      await Promise.race([ping(db), timeout]);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'error' });
    }
  });
}
