import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../../errors';
import { findByNip, gantiKataSandi, lockPegawai } from '../../data/pegawai';
import { upsertPercobaan } from '../../data/percobaan';
import { insertAudit } from '../../data/audit';
import { insertEmail } from '../../data/notifikasi';
import * as data from '../../data/lupa-password';
import { galatKataSandiBaru } from '../../domain/kata-sandi';
import { formatWaktu } from '../../domain/waktu';
import type { Deps } from '../deps';

export const PESAN = {
  nip: 'NIP terdiri dari 18 angka.',
  terkirim:
    'Bila NIP tersebut terdaftar dan memiliki alamat e-mail, tautan untuk mengatur ulang kata sandi sudah dikirim ke e-mail itu. Tautan berlaku 1 jam dan hanya dapat dipakai sekali.',
  alamatTerlalu: 'Terlalu banyak permintaan dari alamat ini. Coba lagi dalam 1 jam.',
  tidakBerlaku: 'Tautan atur ulang kata sandi tidak berlaku: sudah dipakai, sudah lewat 1 jam, atau tidak lengkap. Minta tautan baru.',
};

const BERLAKU_MS = 3600_000;
const JENDELA_MS = 3600_000;
const MAKS_PER_NIP = 3;
const MAKS_PER_ALAMAT = 20;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const bentukToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

function isiEmail(p: { nama: string; nip: string }, tautan: string, berlaku: Date) {
  return (
    `Yth. ${p.nama},\n\nAda permintaan untuk mengatur ulang kata sandi Bangkom dengan NIP ${p.nip}.\n` +
    `Buka tautan berikut untuk membuat kata sandi baru (berlaku sampai ${formatWaktu(berlaku)}, hanya sekali pakai):\n\n${tautan}\n\n` +
    `Bila Anda tidak memintanya, abaikan e-mail ini; kata sandi Anda tidak berubah.\n\n—\nPesan ini dikirim otomatis oleh Bangkom.`
  );
}

// Lupa Kata Sandi: a single-use link valid one hour, e-mailed through the outbox.
export function createLupaPasswordService({ db, clock, config }: Deps) {
  async function tokenBerlaku(token: string) {
    if (!bentukToken(token)) return undefined;
    return data.findResetPasswordBerlaku(db, hashToken(token), clock.now());
  }

  return {
    /**
     * Asks for a reset link (the NIP is 18 digits: see the form's schema). The answer never tells
     * whether the NIP exists: unknown NIPs, accounts without e-mail and NIPs over their hourly
     * limit all return quietly.
     */
    async minta(nip: string, alamat: string): Promise<void> {
      const now = clock.now();
      // per address, in the database: a guard against asking for many NIPs from one place
      const dariAlamat = await upsertPercobaan(db, `lupa:${alamat}`, now, JENDELA_MS);
      if (dariAlamat.jumlah > MAKS_PER_ALAMAT) throw new TooManyRequestsError(PESAN.alamatTerlalu);

      const p = await findByNip(db, nip);
      const kepada = p?.aktif ? p.email : null;
      if (!p || !kepada) return;
      const token = crypto.randomBytes(32).toString('base64url');
      const berlaku = new Date(now.getTime() + BERLAKU_MS);
      await db.transaction(async (trx) => {
        // lock the employee row so concurrent requests count each other
        await lockPegawai(trx, p.id);
        if ((await data.countResetPassword(trx, p.id, new Date(now.getTime() - JENDELA_MS))) >= MAKS_PER_NIP) return;
        await data.insertResetPassword(trx, { pegawai_id: p.id, token_hash: hashToken(token), berlaku_sampai: berlaku, created_at: now });
        const tautan = `${config.baseUrl.replace(/\/$/, '')}/lupa-password/${token}`;
        await insertEmail(trx, { kepada, subjek: '[Bangkom] Atur ulang kata sandi', isi: isiEmail(p, tautan, berlaku) }, now);
      });
    },

    /** The account a link belongs to; 404 when the link is unknown, used or expired. */
    async periksa(token: string) {
      const row = await tokenBerlaku(token);
      if (!row) throw new NotFoundError(PESAN.tidakBerlaku);
      return { nama: row.nama, nip: row.nip };
    },

    /** Sets the new password and uses up the link (and every other open link); the user's sessions end. */
    async atur(token: string, input: { password_baru: string; konfirmasi_password: string }) {
      const row = await tokenBerlaku(token);
      if (!row) throw new NotFoundError(PESAN.tidakBerlaku);
      // Strength needs the account (not guessable from its name or NIP): checked here, with the
      // confirmation, so one submission shows every message.
      const errors = galatKataSandiBaru(input.password_baru, input.konfirmasi_password, row);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const hash = await bcrypt.hash(input.password_baru, config.bcryptCost);
      const now = clock.now();
      await db.transaction(async (trx) => {
        // single use: only the first of two concurrent submissions finds the link unused
        if (!(await data.updateResetPasswordDipakai(trx, row.id, now))) throw new NotFoundError(PESAN.tidakBerlaku);
        await gantiKataSandi(trx, { id: row.pegawai_id, nip: row.nip }, { hash, sementara: false }, now);
        await insertAudit(trx, {
          oleh: row.pegawai_id,
          aksi: 'reset_password',
          entitas: 'pegawai',
          entitas_id: String(row.pegawai_id),
          waktu: now,
        });
      });
      return row.pegawai_id;
    },
  };
}

export type LupaPasswordService = ReturnType<typeof createLupaPasswordService>;
