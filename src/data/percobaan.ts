import type { Knex } from 'knex';

// Throttle counters (table percobaan_masuk): how many times a key — `nip:…`, `alamat:…`,
// `perangkat:…`, `lupa:…` — was counted since the start of its current window.

type Db = Knex | Knex.Transaction;

export interface Hitungan {
  jumlah: number;
  sejak: Date;
}

/** The count of `kunci` in the window ending now; none when the window has passed. */
export async function findPercobaan(db: Db, kunci: string, now: Date, jendelaMs: number): Promise<Hitungan | undefined> {
  const row = await db('percobaan_masuk')
    .where({ kunci })
    .where('sejak', '>', new Date(now.getTime() - jendelaMs))
    .first('jumlah', 'sejak');
  return row ? { jumlah: row.jumlah, sejak: new Date(row.sejak) } : undefined;
}

/** Counts one more for `kunci` (a new window when the last one has passed), in one statement. */
export async function upsertPercobaan(db: Db, kunci: string, now: Date, jendelaMs: number): Promise<Hitungan> {
  const lewat = new Date(now.getTime() - jendelaMs);
  const { rows } = await db.raw<{ rows: { jumlah: number; sejak: Date | string }[] }>(
    `INSERT INTO percobaan_masuk (kunci, jumlah, sejak) VALUES (?, 1, ?)
     ON CONFLICT (kunci) DO UPDATE SET
       jumlah = CASE WHEN percobaan_masuk.sejak <= ? THEN 1 ELSE percobaan_masuk.jumlah + 1 END,
       sejak = CASE WHEN percobaan_masuk.sejak <= ? THEN excluded.sejak ELSE percobaan_masuk.sejak END
     RETURNING jumlah, sejak`,
    [kunci, now, lewat, lewat],
  );
  const r = rows[0]!;
  return { jumlah: r.jumlah, sejak: new Date(r.sejak) };
}

export async function deletePercobaan(db: Db, ...kunci: string[]): Promise<void> {
  await db('percobaan_masuk').whereIn('kunci', kunci).delete();
}

/** Forgets every counter older than the longest window, so the table stays small. */
export async function deletePercobaanLama(db: Db, now: Date, jendelaTerpanjangMs: number): Promise<number> {
  return db('percobaan_masuk')
    .where('sejak', '<=', new Date(now.getTime() - jendelaTerpanjangMs))
    .delete();
}
