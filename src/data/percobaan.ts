import type { Knex } from 'knex';

// Throttle counters (table percobaan_masuk): how many times a key — `nip:…`, `alamat:…`,
// `perangkat:…`, `lupa:…` — was counted since the start of its current window.

export interface Hitungan {
  jumlah: number;
  sejak: Date;
}

/** The count of `kunci` in the window ending now; none when the window has passed. */
export async function hitungan(db: Knex, kunci: string, now: Date, jendelaMs: number): Promise<Hitungan | undefined> {
  const row = await db('percobaan_masuk')
    .where({ kunci })
    .where('sejak', '>', new Date(now.getTime() - jendelaMs))
    .first('jumlah', 'sejak');
  return row ? { jumlah: row.jumlah, sejak: new Date(row.sejak) } : undefined;
}

/** Counts one more for `kunci` (a new window when the last one has passed), in one statement. */
export async function catat(db: Knex, kunci: string, now: Date, jendelaMs: number): Promise<Hitungan> {
  const lewat = new Date(now.getTime() - jendelaMs);
  const { rows } = await db.raw(
    `INSERT INTO percobaan_masuk (kunci, jumlah, sejak) VALUES (?, 1, ?)
     ON CONFLICT (kunci) DO UPDATE SET
       jumlah = CASE WHEN percobaan_masuk.sejak <= ? THEN 1 ELSE percobaan_masuk.jumlah + 1 END,
       sejak = CASE WHEN percobaan_masuk.sejak <= ? THEN excluded.sejak ELSE percobaan_masuk.sejak END
     RETURNING jumlah, sejak`,
    [kunci, now, lewat, lewat],
  );
  return { jumlah: rows[0].jumlah, sejak: new Date(rows[0].sejak) };
}

export async function hapus(db: Knex, ...kunci: string[]): Promise<void> {
  await db('percobaan_masuk').whereIn('kunci', kunci).delete();
}

/** Forgets every counter older than the longest window, so the table stays small. */
export async function bersihkan(db: Knex, now: Date, jendelaTerpanjangMs: number): Promise<number> {
  return db('percobaan_masuk')
    .where('sejak', '<=', new Date(now.getTime() - jendelaTerpanjangMs))
    .delete();
}
