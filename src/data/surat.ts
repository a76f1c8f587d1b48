import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** An issued letter as fixed at issue (table surat): what the verification page confirms. */
export interface SuratRow {
  id: number;
  rekomendasi_id: number;
  nomor: string;
  tanggal: string;
  perihal: string;
  keputusan: 'diterima' | 'ditolak';
  instansi_nama: string;
  pegawai_nama: string;
  pegawai_nip: string;
  kode: string;
  berkas_id: number;
  sha256: string;
  diterbitkan_at: Date;
  diterbitkan_oleh: number | null;
}

export async function suratRekomendasi(db: Db, rekomendasiId: number): Promise<SuratRow | undefined> {
  return db<SuratRow>('surat').where({ rekomendasi_id: rekomendasiId }).first();
}

export async function suratDariKode(db: Db, kode: string): Promise<SuratRow | undefined> {
  return db<SuratRow>('surat').where({ kode }).first();
}

export async function simpanSurat(trx: Knex.Transaction, row: Omit<SuratRow, 'id'>): Promise<SuratRow> {
  const [r] = await trx('surat').insert(row).returning('*');
  return r as SuratRow;
}

/** Decided requests whose letter was never fixed (decided before letters were kept), oldest first. */
export async function tanpaSurat(db: Db, batas: number): Promise<number[]> {
  return db('rekomendasi as k')
    .leftJoin('surat as s', 's.rekomendasi_id', 'k.id')
    .whereIn('k.status', ['diterima', 'ditolak'])
    .whereNotNull('k.nomor_surat')
    .whereNull('s.id')
    .orderBy('k.id')
    .limit(batas)
    .pluck('k.id');
}
