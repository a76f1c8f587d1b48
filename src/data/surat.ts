import type { Knex } from 'knex';
import type { Tabel } from './tabel';

type Db = Knex | Knex.Transaction;

/** An issued letter as fixed at issue (table surat): what the verification page confirms. */
export type SuratRow = Omit<Tabel['surat'], 'keputusan'> & { keputusan: 'diterima' | 'ditolak' };

/** The letter as read: its `keputusan` is one of the two the table's CHECK allows. */
function sebagaiSurat(row: Tabel['surat'] | undefined): SuratRow | undefined {
  if (!row) return undefined;
  return { ...row, keputusan: row.keputusan === 'diterima' ? 'diterima' : 'ditolak' };
}

export async function findSuratRekomendasi(db: Db, rekomendasiId: number): Promise<SuratRow | undefined> {
  return sebagaiSurat(await db('surat').where({ rekomendasi_id: rekomendasiId }).first());
}

export async function findSuratByKode(db: Db, kode: string): Promise<SuratRow | undefined> {
  return sebagaiSurat(await db('surat').where({ kode }).first());
}

export async function insertSurat(trx: Knex.Transaction, row: Omit<SuratRow, 'id'>): Promise<SuratRow> {
  const [r] = await trx('surat').insert(row).returning('*');
  return sebagaiSurat(r)!;
}

/** Decided requests whose letter was never fixed (decided before letters were kept), oldest first. */
export async function listRekomendasiTanpaSurat(db: Db, batas: number): Promise<number[]> {
  return db('rekomendasi as k')
    .leftJoin('surat as s', 's.rekomendasi_id', 'k.id')
    .whereIn('k.status', ['diterima', 'ditolak'])
    .whereNotNull('k.nomor_surat')
    .whereNull('s.id')
    .orderBy('k.id')
    .limit(batas)
    .pluck('k.id');
}

/** A letter in a unit's list: the letter as issued, with the request's course. */
export type SuratUnitRow = Omit<SuratRow, 'kode' | 'berkas_id' | 'sha256' | 'diterbitkan_oleh'> & { nama_pelatihan: string };

/**
 * The letters issued to the employees of a unit (the employee's unit of now: a letter follows
 * its employee), newest first, with their total.
 */
export async function listSuratUnit(db: Db, instansiId: number, batas: { limit: number; offset: number }) {
  const base = () =>
    db('surat as s')
      .join('rekomendasi as k', 'k.id', 's.rekomendasi_id')
      .join('pegawai as p', 'p.id', 'k.pegawai_id')
      .where('p.instansi_id', instansiId);
  const [rows, jumlah] = await Promise.all([
    base()
      .select<SuratUnitRow[]>(
        's.id',
        's.rekomendasi_id',
        's.nomor',
        's.tanggal',
        's.perihal',
        's.keputusan',
        's.instansi_nama',
        's.pegawai_nama',
        's.pegawai_nip',
        's.diterbitkan_at',
        'k.nama_pelatihan',
      )
      .orderBy([
        { column: 's.diterbitkan_at', order: 'desc' },
        { column: 's.id', order: 'desc' },
      ])
      .limit(batas.limit)
      .offset(batas.offset),
    base().count<{ n: string | number }[]>({ n: '*' }),
  ]);
  return { rows, total: Number(jumlah[0]?.n ?? 0) };
}

/** One letter, only if it was issued to an employee of the unit. */
export async function findSuratDiUnit(db: Db, id: number, instansiId: number): Promise<SuratRow | undefined> {
  return sebagaiSurat(
    await db('surat as s')
      .join('rekomendasi as k', 'k.id', 's.rekomendasi_id')
      .join('pegawai as p', 'p.id', 'k.pegawai_id')
      .where({ 's.id': id, 'p.instansi_id': instansiId })
      .first<Tabel['surat'] | undefined>('s.*'),
  );
}
