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
  /** a WIB date: whoever stands in for the employee that day (Plt) is told as well */
  pltPada?: string;
}

export async function kirimNotifikasi(trx: Knex | Knex.Transaction, n: Notifikasi, waktu: Date, baseUrl: string) {
  const tautan = n.tautan ? `\n\nBuka: ${baseUrl.replace(/\/$/, '')}${n.tautan}` : '';
  await data.insertNotifikasi(
    trx,
    { pegawaiId: n.pegawaiId, judul: n.judul, pesan: n.pesan, tautan: n.tautan ?? null, pltPada: n.pltPada },
    // the e-mail: "Yth. <nama>" and then this
    n.email === false
      ? null
      : { subjek: `[Bangkom] ${n.judul}`, isi: `,\n\n${n.pesan}${tautan}\n\n—\nPesan ini dikirim otomatis oleh Bangkom.` },
    waktu,
  );
}
