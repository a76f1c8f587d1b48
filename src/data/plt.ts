import type { Knex } from 'knex';
import type { Tabel, TabelBaru } from './tabel';

type Db = Knex | Knex.Transaction;

// Stand-in verifiers (Plt): who verifies for an atasan between two dates (WIB, inclusive).

/** Whether `penggantiId` stands in for `atasanId` on a given WIB date. */
export async function isPltAktif(db: Db, atasanId: number, penggantiId: number, hari: string): Promise<boolean> {
  const row = await db('plt')
    .where({ atasan_id: atasanId, pengganti_id: penggantiId })
    .where('mulai', '<=', hari)
    .where('selesai', '>=', hari)
    .first('id');
  return !!row;
}

export type PltRow = Pick<Tabel['plt'], 'id' | 'atasan_id' | 'pengganti_id' | 'mulai' | 'selesai' | 'keterangan' | 'created_at'> & {
  atasan_nama: string;
  atasan_nip: string;
  pengganti_nama: string;
  pengganti_nip: string;
  dibuat_oleh_nama: string;
};

/** Stand-ins that end on or after `sejak`, newest start first. */
export async function listPlt(db: Db, sejak: string, limit: number, id?: number): Promise<PltRow[]> {
  const q = db('plt as t')
    .join('pegawai as a', 'a.id', 't.atasan_id')
    .join('pegawai as g', 'g.id', 't.pengganti_id')
    .join('pegawai as o', 'o.id', 't.dibuat_oleh')
    .where('t.selesai', '>=', sejak)
    .select(
      't.id',
      't.atasan_id',
      'a.nama as atasan_nama',
      'a.nip as atasan_nip',
      't.pengganti_id',
      'g.nama as pengganti_nama',
      'g.nip as pengganti_nip',
      't.mulai',
      't.selesai',
      't.keterangan',
      'o.nama as dibuat_oleh_nama',
      't.created_at',
    )
    .orderBy([
      { column: 't.mulai', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .limit(limit);
  if (id !== undefined) q.where('t.id', id);
  return q;
}

export type PegawaiTanpaAtasan = Pick<Tabel['pegawai'], 'id' | 'nip' | 'nama'> & {
  instansi_nama: string;
  atasan_nama: string | null;
  dikirim: number;
  semua: number;
};

/**
 * Employees stuck without a working atasan: active `pegawai` whose atasan is missing or inactive,
 * and who have items (those with items waiting first).
 */
export async function listPegawaiTanpaAtasan(db: Db): Promise<PegawaiTanpaAtasan[]> {
  return db('pegawai as p')
    .join('instansi as i', 'i.id', 'p.instansi_id')
    .leftJoin('pegawai as a', 'a.id', 'p.atasan_id')
    .where({ 'p.aktif': true, 'p.peran': 'pegawai' })
    .where((w) => w.whereNull('p.atasan_id').orWhere('a.aktif', false))
    .whereExists(db('rincian as r').whereRaw('r.pegawai_id = p.id').whereNot('r.status', 'dihapus').select(db.raw('1')))
    .select(
      'p.id',
      'p.nip',
      'p.nama',
      'i.nama as instansi_nama',
      'a.nama as atasan_nama',
      db.raw("(SELECT count(*) FROM rincian r WHERE r.pegawai_id = p.id AND r.status = 'dikirim')::int AS dikirim"),
      db.raw("(SELECT count(*) FROM rincian r WHERE r.pegawai_id = p.id AND r.status <> 'dihapus')::int AS semua"),
    )
    .orderByRaw('dikirim DESC, p.nama')
    .limit(200);
}

export async function insertPlt(trx: Db, p: TabelBaru['plt']): Promise<number> {
  const [row] = await trx('plt').insert(p).returning('id');
  return row!.id;
}

/** One stand-in, locked for the rest of the transaction. */
export async function lockPlt(trx: Knex.Transaction, id: number): Promise<Tabel['plt'] | undefined> {
  return trx('plt').where({ id }).forUpdate().first();
}

export async function updatePlt(trx: Db, id: number, set: Partial<TabelBaru['plt']>): Promise<void> {
  await trx('plt').where({ id }).update(set);
}

export async function deletePlt(trx: Db, id: number): Promise<void> {
  await trx('plt').where({ id }).delete();
}

/** The stand-ins of these atasan on a given WIB date. */
export async function listPltHari(db: Db, atasanIds: number[], hari: string): Promise<{ atasan_id: number; pengganti_id: number }[]> {
  return db('plt')
    .whereIn('atasan_id', atasanIds)
    .where('mulai', '<=', hari)
    .where('selesai', '>=', hari)
    .select('atasan_id', 'pengganti_id');
}
