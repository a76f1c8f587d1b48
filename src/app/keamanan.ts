import type { Express } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

/** Security headers: scripts and images only from the app itself (no inline script), HSTS in production. */
export function setUpSecurityHeaders(app: Express, config: Config) {
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: config.env === 'production',
    }),
  );
}
