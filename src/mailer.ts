import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from './config';

// How outbox e-mail leaves the application.

export interface PesanEmail {
  kepada: string;
  subjek: string;
  isi: string;
}

export interface Pengirim {
  /** false: there is nowhere to send to; rows stay in the outbox as 'menunggu' */
  readonly siap: boolean;
  kirim(p: PesanEmail): Promise<void>;
  tutup?(): void;
}

/** SMTP when SMTP_URL is set; otherwise a transport that only logs and never sends. */
export function createPengirim(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, logger: Logger): Pengirim {
  if (!config.smtpUrl) {
    return {
      siap: false,
      async kirim(p) {
        logger.info({ kepada: p.kepada, subjek: p.subjek }, 'SMTP_URL tidak diatur: e-mail tetap di outbox');
      },
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    siap: true,
    async kirim(p) {
      await transport.sendMail({ from: config.smtpFrom, to: p.kepada, subject: p.subjek, text: p.isi });
    },
    tutup: () => transport.close(),
  };
}
