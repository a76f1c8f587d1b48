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
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    // a request body (a form, an upload) not fully received in this many seconds is refused
    REQUEST_TIMEOUT: z.coerce.number().min(0.1).max(3600).default(60),
    // tests and demos only: the application's clock starts at this moment and runs on from there
    BANGKOM_WAKTU: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') {
      if (!env.SESSION_SECRET) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'wajib di production' });
      if (!env.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'wajib di production' });
      if (env.BCRYPT_COST < 12) ctx.addIssue({ code: 'custom', path: ['BCRYPT_COST'], message: 'paling sedikit 12 di production' });
      if (env.BANGKOM_WAKTU) ctx.addIssue({ code: 'custom', path: ['BANGKOM_WAKTU'], message: 'tidak boleh dipakai di production' });
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
  /** TRUST_PROXY: Express's "trust proxy" list; `loopback` unless set */
  trustProxy: string;
  /** bcrypt cost of new password hashes (BCRYPT_COST); production refuses less than 12 */
  bcryptCost: number;
  /** REQUEST_TIMEOUT in ms: how long the body of one request may take to arrive */
  batasKirimMs: number;
  /** BANGKOM_WAKTU: the moment the application's clock starts at (never in production) */
  waktuAwal: Date | undefined;
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
    // X-Forwarded-For is believed only from these proxies (a proxy on this host by default): the
    // per-address throttles must see the real client, and any client can send the header
    trustProxy: env.TRUST_PROXY ?? 'loopback',
    bcryptCost: env.BCRYPT_COST,
    batasKirimMs: env.REQUEST_TIMEOUT * 1000,
    waktuAwal: env.BANGKOM_WAKTU ? new Date(env.BANGKOM_WAKTU) : undefined,
  };
}
