import express, { type Express } from 'express';
import session, { type SessionData } from 'express-session';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { Knex } from 'knex';
import type { Config } from '../config';
import type { Services } from '../services';
import { lampirkanPengguna } from '../middleware/passport';

/**
 * Sessions in the database (several processes share them). A session lasts 8 hours from its last
 * change: it is not rewritten on every page view (touch does nothing). The store must never end
 * the process: its start-up check of the table and its own rejected promises (it also calls back
 * with the error, which is what express-session uses) are caught here.
 */
class SessionStore extends ConnectSessionKnexStore {
  constructor(
    knex: Knex,
    cleanupInterval: number,
    private readonly akun: Pick<Services['akun'], 'sesi'>,
  ) {
    super({ knex, tableName: 'sessions', createTable: false, cleanupInterval });
    this.ready = this.ready.catch(() => undefined);
  }

  override async touch(_sid: string, _session: SessionData, callback?: () => void) {
    callback?.();
  }

  /**
   * The session row, the user it names and the menu's counters in one query: the user goes to
   * passport's deserializer with the session (lampirkanPengguna) instead of a second query. An
   * error goes to the callback, as the base store's does; nothing is left to reject.
   */
  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void) {
    return this.akun
      .sesi(sid)
      .then(
        (hasil) => {
          const sess = hasil ? (hasil.sess as SessionData) : null;
          if (hasil) lampirkanPengguna(hasil.sess, hasil.pengguna);
          callback(null, sess);
          return sess;
        },
        (err: unknown) => {
          callback(err);
          return null;
        },
      )
      .catch(() => null);
  }

  override set(sid: string, s: SessionData, callback?: (err?: unknown) => void) {
    return super.set(sid, s, callback).catch(() => undefined);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void) {
    return super.destroy(sid, callback).catch(() => 0);
  }
}

/** The session cookie and store (which also reads who is asking), and the form body parser. */
export function setUpSession(app: Express, config: Config, db: Knex, services: Services, secret: string) {
  // expired sessions are deleted hourly by the store (not in tests: no timers left behind)
  const store = new SessionStore(db, config.env === 'test' ? 0 : 3_600_000, services.akun);
  app.use(
    session({
      name: 'bangkom.sid',
      secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: 8 * 3600 * 1000 },
    }),
  );
  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
}
