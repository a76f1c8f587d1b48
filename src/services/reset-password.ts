import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import { NotFoundError, TooManyRequestsError, ValidationError, type FieldErrors } from '../errors';
import { findByNip, gantiKataSandi } from '../data/pegawai';
import * as percobaan from '../data/percobaan';
import { tolakKataSandi } from '../domain/kata-sandi';
import { formatWaktu } from '../domain/waktu';
import type { Deps } from './deps';

export const PESAN = {
  nip: 'NIP terdiri dari 18 angka.',
  terkirim:
    'Bila NIP tersebut terdaftar dan memiliki alamat e-mail, tautan untuk mengatur ulang kata sandi sudah dikirim ke e-mail itu. Tautan berlaku 1 jam dan hanya dapat dipakai sekali.',
  alamatTerlalu: 'Terlalu banyak permintaan dari alamat ini. Coba lagi dalam 1 jam.',
  tidakBerlaku: 'Tautan atur ulang kata sandi tidak berlaku: sudah dipakai, sudah lewat 1 jam, atau tidak lengkap. Minta tautan baru.',
  tidakSama: 'Konfirmasi kata sandi tidak sama dengan kata sandi baru.',
};

const BERLAKU_MS = 3600_000;
const JENDELA_MS = 3600_000;
const MAKS_PER_NIP = 3;
const MAKS_PER_ALAMAT = 20;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const bentukToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

// Lupa Kata Sandi: a single-use link valid one hour, e-mailed through the outbox.
export function createResetPasswordService({ db, clock, config }: Deps) {
  async function tokenBerlaku(token: string) {
    if (!bentukToken(token)) return undefined;
    return db('reset_password as r')
      .join('pegawai as p', 'p.id', 'r.pegawai_id')
      .where('r.token_hash', hashToken(token))
      .whereNull('r.dipakai_at')
      .where('r.berlaku_sampai', '>', clock.now())
      .where('p.aktif', true)
      .first('r.id', 'r.pegawai_id', 'p.nama', 'p.nip') as Promise<
      { id: number; pegawai_id: number; nama: string; nip: string } | undefined
    >;
  }

  return {
    /**
     * Asks for a reset link. The answer never tells whether the NIP exists: unknown NIPs, accounts
     * without e-mail and NIPs over their hourly limit all return quietly.
     */
    async minta(nip: string, alamat: string): Promise<void> {
      if (!/^\d{18}$/.test(nip)) throw new ValidationError({ nip: PESAN.nip });
      const now = clock.now();
      // per address, in the database: a guard against asking for many NIPs from one place
      const dariAlamat = await percobaan.catat(db, `lupa:${alamat}`, now, JENDELA_MS);
      if (dariAlamat.jumlah > MAKS_PER_ALAMAT) throw new TooManyRequestsError(PESAN.alamatTerlalu);

      const p = await findByNip(db, nip);
      const kepada = p?.aktif ? p.email : null;
      if (!p || !kepada) return;
      const token = crypto.randomBytes(32).toString('base64url');
      const berlaku = new Date(now.getTime() + BERLAKU_MS);
      await db.transaction(async (trx) => {
        // lock the employee row so concurrent requests count each other
        await trx('pegawai').where({ id: p.id }).forUpdate().first('id');
        const [hitung] = await trx('reset_password')
          .where('pegawai_id', p.id)
          .where('created_at', '>', new Date(now.getTime() - JENDELA_MS))
          .count<{ n: string }[]>('* as n');
        if (Number(hitung?.n ?? 0) >= MAKS_PER_NIP) return;
        await trx('reset_password').insert({ pegawai_id: p.id, token_hash: hashToken(token), berlaku_sampai: berlaku, created_at: now });
        const tautan = `${config.baseUrl.replace(/\/$/, '')}/lupa-password/${token}`;
        await trx('email_outbox').insert({
          kepada,
          subjek: '[Bangkom] Atur ulang kata sandi',
          isi:
            `Yth. ${p.nama},\n\nAda permintaan untuk mengatur ulang kata sandi Bangkom dengan NIP ${p.nip}.\n` +
            `Buka tautan berikut untuk membuat kata sandi baru (berlaku sampai ${formatWaktu(berlaku)}, hanya sekali pakai):\n\n${tautan}\n\n` +
            `Bila Anda tidak memintanya, abaikan e-mail ini; kata sandi Anda tidak berubah.\n\n—\nPesan ini dikirim otomatis oleh Bangkom.`,
          created_at: now,
          coba_lagi_at: now,
        });
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
      const errors: FieldErrors = {};
      const tolak = tolakKataSandi(input.password_baru, row);
      if (tolak) errors.password_baru = tolak;
      if (input.konfirmasi_password !== input.password_baru) errors.konfirmasi_password = PESAN.tidakSama;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const hash = await bcrypt.hash(input.password_baru, config.bcryptCost);
      const now = clock.now();
      await db.transaction(async (trx) => {
        // single use: only the first of two concurrent submissions finds the link unused
        const dipakai = await trx('reset_password')
          .where({ id: row.id })
          .whereNull('dipakai_at')
          .where('berlaku_sampai', '>', now)
          .update({ dipakai_at: now });
        if (dipakai !== 1) throw new NotFoundError(PESAN.tidakBerlaku);
        await gantiKataSandi(trx, { id: row.pegawai_id, nip: row.nip }, { hash, sementara: false }, now);
        await trx('audit_log').insert({
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

export type ResetPasswordService = ReturnType<typeof createResetPasswordService>;
