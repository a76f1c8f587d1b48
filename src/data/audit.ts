import type { Knex } from 'knex';

/** One row of the audit log: who did what to which record, when, with what data. */
export interface Audit {
  oleh: number;
  aksi: string;
  entitas: string;
  entitas_id?: string | null;
  data?: unknown;
  waktu: Date;
}

/** Written in the transaction of the change it records. */
export async function insertAudit(trx: Knex | Knex.Transaction, a: Audit) {
  await trx('audit_log').insert({ ...a, entitas_id: a.entitas_id ?? null, data: a.data === undefined ? null : JSON.stringify(a.data) });
}
