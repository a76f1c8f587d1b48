import type { Knex } from 'knex';
import type { Tabel } from './tabel';

// The e-mail outbox: rows wait until sent; several processes share it (rows are claimed).

export type OutboxRow = Pick<Tabel['email_outbox'], 'id' | 'kepada' | 'subjek' | 'isi' | 'percobaan'>;

/** Claims up to `batas` due rows for this process until `sampai`; another process skips them (SKIP LOCKED). */
export async function claimOutbox(db: Knex, now: Date, batas: number, sampai: Date): Promise<OutboxRow[]> {
  const due = db('email_outbox')
    .select('id')
    .where('status', 'menunggu')
    .where('coba_lagi_at', '<=', now)
    .where((w) => w.whereNull('dikunci_sampai').orWhere('dikunci_sampai', '<', now))
    .orderBy('id')
    .limit(batas)
    .forUpdate()
    .skipLocked();
  const rows = await db('email_outbox')
    .whereIn('id', due)
    .update({ dikunci_sampai: sampai })
    .returning(['id', 'kepada', 'subjek', 'isi', 'percobaan']);
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

export async function updateOutboxTerkirim(db: Knex, id: string, percobaan: number, waktu: Date): Promise<void> {
  await db('email_outbox').where({ id }).update({ status: 'terkirim', terkirim_at: waktu, dikunci_sampai: null, percobaan });
}

/** A failed attempt: try again at `cobaLagi`, or give up (`gagal`). */
export async function updateOutboxGagal(
  db: Knex,
  id: string,
  r: { percobaan: number; menyerah: boolean; cobaLagi: Date; error: string },
): Promise<void> {
  await db('email_outbox')
    .where({ id })
    .update({
      percobaan: r.percobaan,
      status: r.menyerah ? 'gagal' : 'menunggu',
      coba_lagi_at: r.cobaLagi,
      dikunci_sampai: null,
      error_terakhir: r.error,
    });
}

/** Waiting e-mails after the id last logged (when no SMTP server is set). */
export async function listOutboxMenunggu(db: Knex, setelahId: number, batas: number) {
  return db('email_outbox')
    .where('status', 'menunggu')
    .where('id', '>', String(setelahId))
    .orderBy('id')
    .limit(batas)
    .select('id', 'kepada', 'subjek');
}
