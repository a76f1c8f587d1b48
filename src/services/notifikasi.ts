import type { Knex } from 'knex';

// A notification is written in the same transaction as the change it announces: in the app
// (notifikasi) and, when the employee has an address, by e-mail through the outbox.

export interface Notifikasi {
  pegawaiId: number;
  judul: string;
  pesan: string;
  /** a path in the app, e.g. /verifikasi/12 */
  tautan?: string | null;
  email?: boolean;
}

export async function kirimNotifikasi(trx: Knex | Knex.Transaction, n: Notifikasi, waktu: Date, baseUrl: string) {
  await trx('notifikasi').insert({ pegawai_id: n.pegawaiId, judul: n.judul, pesan: n.pesan, tautan: n.tautan ?? null, created_at: waktu });
  if (n.email === false) return;
  const p = await trx('pegawai').where({ id: n.pegawaiId }).first('email', 'nama');
  if (!p?.email) return;
  const tautan = n.tautan ? `\n\nBuka: ${baseUrl.replace(/\/$/, '')}${n.tautan}` : '';
  await trx('email_outbox').insert({
    kepada: p.email,
    subjek: `[Bangkom] ${n.judul}`,
    isi: `Yth. ${p.nama},\n\n${n.pesan}${tautan}\n\n—\nPesan ini dikirim otomatis oleh Bangkom.`,
    created_at: waktu,
    coba_lagi_at: waktu,
  });
}
