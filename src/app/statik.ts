import path from 'node:path';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { ping } from '../data/sehat';

/** Our assets and the vendor packages', all served by the app (no CDN); and the health check. */
export function setUpStatic(app: Express, root: string, config: Config, db: Knex) {
  const statik = { maxAge: config.env === 'production' ? '7d' : 0 };
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
