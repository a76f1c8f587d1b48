import type { Knex } from 'knex';
import * as data from '../../data/notifikasi';

// A notification is written in the same transaction as the change it announces: in the app
// (notifikasi) and, when the employee has an address, by e-mail through the outbox.

export interface Notifikasi {
  pegawaiId: number;
  judul: string;
  pesan: string;
  /** a path in the app, e.g. /verifikasi/12 */
  tautan?: string | null;
  email?: boolean;
  /** whoever stands in for the employee on `hari` (a WIB date) is told as well, except `kecuali` */
  plt?: { hari: string; kecuali: number };
}

export async function kirimNotifikasi(trx: Knex | Knex.Transaction, n: Notifikasi, waktu: Date, baseUrl: string) {
  const tautan = n.tautan ? `\n\nBuka: ${baseUrl.replace(/\/$/, '')}${n.tautan}` : '';
  await data.insertNotifikasi(
    trx,
    { pegawaiId: n.pegawaiId, judul: n.judul, pesan: n.pesan, tautan: n.tautan ?? null, plt: n.plt },
    // the e-mail: "Yth. <nama>" and then this
    n.email === false
      ? null
      : { subjek: `[Bangkom] ${n.judul}`, isi: `,\n\n${n.pesan}${tautan}\n\n—\nPesan ini dikirim otomatis oleh Bangkom.` },
    waktu,
  );
}
