import { z } from 'zod';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    SESSION_SECRET: z.string().min(16).optional(),
    DEMO_DATA: z.enum(['0', '1']).optional(),
    SMTP_URL: z.string().optional(),
    SMTP_FROM: z.string().default('Bangkom <bangkom@localhost>'),
    BASE_URL: z.string().default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      if (!env.SESSION_SECRET) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'wajib di production' });
      if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'wajib di production' });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string | undefined;
  demoData: boolean;
  smtpUrl: string | undefined;
  smtpFrom: string;
  baseUrl: string;
  logLevel: string;
  trustProxy: string | undefined;
  /** bcrypt cost; never below 12 outside tests' explicit override */
  bcryptCost: number;
}

/** Reads the environment once; throws with every problem listed. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable means unset (DATABASE_URL= npm start)
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Konfigurasi tidak valid:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    sessionSecret: env.SESSION_SECRET,
    demoData: env.DEMO_DATA ? env.DEMO_DATA === '1' : !env.DATABASE_URL,
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM,
    baseUrl: env.BASE_URL,
    logLevel: env.LOG_LEVEL,
    // behind a reverse proxy on the same host or network by default in production
    trustProxy: env.TRUST_PROXY ?? (env.NODE_ENV === 'production' ? 'loopback, linklocal, uniquelocal' : undefined),
    bcryptCost: 12,
  };
}
