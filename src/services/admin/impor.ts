import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import type { Knex } from 'knex';
import * as adminData from '../../data/admin';
import { listKodeInstansi, listKodeJenisJabatan } from '../../data/master';
import { insertAudit } from '../../data/audit';
import { tutupTahunLalu } from '../../data/rekap';
import type { Pengguna } from '../../data/pegawai';
import { bacaTeks, parseCsv } from '../../domain/csv';
import { periksaNip } from '../../domain/nip';
import { emailValid } from '../../domain/pegawai';
import { KARAKTER_KONTROL } from '../../domain/teks';
import { tahunWIB } from '../../domain/waktu';
import type { Deps } from '../deps';
import { pastikanAdmin } from './akses';

// CSV import of employees from the personnel system: parse, check every row against the file and the
// database, and (only when no row is refused) write everything in one transaction with batched statements.

export const KOLOM_CSV = ['nip', 'nama', 'jabatan', 'jenis_jabatan', 'instansi', 'nip_atasan', 'email'] as const;
export const MAKS_BARIS = 20_000;

export const PESAN_IMPOR = {
  kosong: 'Berkas kosong atau tidak dapat dibaca.',
  encoding: 'Berkas bukan teks UTF-8. Simpan ulang dari Excel sebagai "CSV UTF-8 (dipisahkan koma)".',
  header: (kurang: string[]) => `Kolom wajib tidak ada: ${kurang.join(', ')}. Baris pertama harus: ${KOLOM_CSV.join(',')}.`,
  terlaluBanyak: `Paling banyak ${MAKS_BARIS.toLocaleString('id-ID')} baris sekali impor.`,
  kolom: (n: number, harus: number, pemisah = ',') =>
    `Jumlah kolom ${n}, seharusnya ${harus}. Isian yang memuat tanda ${pemisah === ';' ? 'titik koma' : 'koma'} ` +
    `(misalnya nama bergelar "Andi Pratama, S.Kom.") harus diapit tanda kutip ganda; simpan dari Excel sebagai CSV agar kutip ditambahkan otomatis.`,
  pindahBaris: (kolom: string[], dari: number, sampai: number) =>
    `Kolom ${kolom.join(', ')} berisi pindah baris (baris ${dari}–${sampai} berkas). Setiap isian harus satu baris: ` +
    `hapus pindah baris (Alt+Enter di Excel) dari sel tersebut.`,
  kutip: (baris: number) => `Tanda kutip ganda (") dibuka di baris ${baris} tetapi tidak ditutup. Tutup atau hapus tanda kutip itu.`,
  nipAtasan: (pesan: string) => `NIP atasan: ${pesan}`,
  nipGanda: (baris: number[]) => `NIP ganda dalam berkas (baris ${baris.join(', ')}).`,
  nama: 'Nama wajib diisi (paling banyak 150 karakter).',
  jabatan: 'Jabatan paling banyak 200 karakter.',
  instansi: (v: string) => `Instansi "${v}" tidak dikenal (isi kode atau nama instansi).`,
  jenisJabatan: (v: string) => `Jenis jabatan "${v}" tidak dikenal.`,
  atasan: (v: string) => `Atasan dengan NIP ${v} tidak ditemukan.`,
  atasanDiri: 'Atasan tidak boleh pegawai itu sendiri.',
  siklus: (nips: string[]) => `Rantai atasan berputar: ${nips.join(' → ')}.`,
  email: 'Alamat e-mail tidak valid.',
  kontrol: (kolom: string) => `Kolom ${kolom} berisi karakter kontrol (misalnya NUL) yang tidak diizinkan. Hapus karakter itu dari berkas.`,
};

export type Hasil = 'baru' | 'ubah' | 'tetap' | 'tolak';
export interface BarisImpor {
  baris: number;
  nip: string;
  nama: string;
  hasil: Hasil;
  alasan: string[];
  perubahan: string[];
}
export interface LaporanImpor {
  baris: BarisImpor[];
  jumlah: Record<Hasil, number>;
  /** a refusal of the whole file (header, encoding) */
  galat?: string;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

interface Rencana {
  baru: adminData.PegawaiImpor[];
  ubah: (Omit<adminData.PegawaiImpor, 'nip'> & { id: number })[];
  /** nip → nip of the atasan (null: none), for every row of the file */
  atasan: Map<string, string | null>;
}

/**
 * Checks a file without writing. `tahunIni` (the WIB year of the application's clock) bounds the
 * years inside each NIP from above; without it only the bounds that need no clock apply.
 */
async function periksaCsv(
  db: Knex | Knex.Transaction,
  buf: Buffer,
  tahunIni?: number,
): Promise<{ laporan: LaporanImpor; rencana: Rencana }> {
  const kosong: LaporanImpor = { baris: [], jumlah: { baru: 0, ubah: 0, tetap: 0, tolak: 0 } };
  const rencana: Rencana = { baru: [], ubah: [], atasan: new Map() };
  const teks = bacaTeks(buf);
  if (teks === null) return { laporan: { ...kosong, galat: PESAN_IMPOR.encoding }, rencana };
  const bersih = teks.replace(/^\uFEFF/, '');
  const barisPertama = bersih.split(/\r?\n/, 1)[0] ?? '';
  if (!barisPertama.trim()) return { laporan: { ...kosong, galat: PESAN_IMPOR.kosong }, rencana };
  // Excel writes ';' where the decimal mark is a comma (Indonesian locale)
  const pemisah = (barisPertama.match(/;/g)?.length ?? 0) > (barisPertama.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parseCsv(bersih, pemisah);
  const header = (rows[0]?.sel ?? []).map(norm);
  const kurang = KOLOM_CSV.filter((k) => !header.includes(k));
  if (kurang.length) return { laporan: { ...kosong, galat: PESAN_IMPOR.header(kurang) }, rencana };
  if (rows.length - 1 > MAKS_BARIS) return { laporan: { ...kosong, galat: PESAN_IMPOR.terlaluBanyak }, rencana };
  const idx = Object.fromEntries(KOLOM_CSV.map((k) => [k, header.indexOf(k)])) as Record<(typeof KOLOM_CSV)[number], number>;

  const [instansi, jenis, pegawai] = await Promise.all([listKodeInstansi(db), listKodeJenisJabatan(db), adminData.listPegawaiRingkas(db)]);
  const instansiDari = new Map<string, number>();
  for (const i of instansi) {
    instansiDari.set(norm(i.kode), i.id);
    instansiDari.set(norm(i.nama), i.id);
  }
  const jenisDari = new Map<string, string>();
  for (const j of jenis) {
    jenisDari.set(norm(j.kode), j.kode);
    jenisDari.set(norm(j.nama), j.kode);
  }
  const dbNip = new Map(pegawai.map((p) => [p.nip, p]));
  const dbId = new Map(pegawai.map((p) => [p.id, p]));

  const hasil: BarisImpor[] = [];
  const perNip = new Map<string, number[]>();
  type Data = { jabatan: string | null; jenis: string | null; instansi_id: number; email: string | null; nipAtasan: string | null };
  const data: (Data | null)[] = [];
  for (const { sel: r, baris, akhir, pindahBaris, kutipTerbuka } of rows.slice(1)) {
    const ambil = (kol: (typeof KOLOM_CSV)[number]) => (r[idx[kol]] ?? '').trim();
    const nip = ambil('nip').replace(/^'/, '');
    const nama = ambil('nama');
    // A row whose shape is wrong is refused for that alone: its cells are not where the header says,
    // so any message about their content would name the wrong problem.
    const bentuk = kutipTerbuka
      ? PESAN_IMPOR.kutip(baris)
      : r.length !== header.length
        ? PESAN_IMPOR.kolom(r.length, header.length, pemisah)
        : pindahBaris.length
          ? PESAN_IMPOR.pindahBaris(
              pindahBaris.map((i) => header[i] ?? String(i + 1)),
              baris,
              akhir,
            )
          : null;
    if (bentuk) {
      hasil.push({
        baris,
        nip: nip.slice(0, 30),
        nama: nama.replace(/\s+/g, ' ').slice(0, 150),
        hasil: 'tolak',
        alasan: [bentuk],
        perubahan: [],
      });
      data.push(null);
      continue;
    }
    const alasan: string[] = [];
    const kotor = r.findIndex((sel) => KARAKTER_KONTROL.test(sel));
    if (kotor >= 0) alasan.push(PESAN_IMPOR.kontrol(header[kotor] ?? String(kotor + 1)));
    const galatNip = periksaNip(nip, tahunIni);
    if (galatNip) alasan.push(galatNip);
    if (!nama || nama.length > 150) alasan.push(PESAN_IMPOR.nama);
    const jabatan = ambil('jabatan');
    if (jabatan.length > 200) alasan.push(PESAN_IMPOR.jabatan);
    const jj = ambil('jenis_jabatan');
    const jenisKode = jj ? jenisDari.get(norm(jj)) : null;
    if (jj && !jenisKode) alasan.push(PESAN_IMPOR.jenisJabatan(jj.slice(0, 60)));
    const ins = ambil('instansi');
    const instansiId = instansiDari.get(norm(ins));
    if (!instansiId) alasan.push(PESAN_IMPOR.instansi(ins.slice(0, 80)));
    const email = ambil('email');
    if (email && !emailValid(email)) alasan.push(PESAN_IMPOR.email);
    let nipAtasan = ambil('nip_atasan').replace(/^'/, '') || null;
    const galatAtasan = nipAtasan && !dbNip.has(nipAtasan) ? periksaNip(nipAtasan, tahunIni) : null;
    if (galatAtasan) {
      alasan.push(PESAN_IMPOR.nipAtasan(galatAtasan));
      nipAtasan = null; // refused already; not looked up again as a missing atasan
    }
    if (nipAtasan && nipAtasan === nip) alasan.push(PESAN_IMPOR.atasanDiri);
    if (!galatNip) perNip.set(nip, [...(perNip.get(nip) ?? []), hasil.length]);
    hasil.push({ baris, nip: nip.slice(0, 30), nama: nama.slice(0, 150), hasil: alasan.length ? 'tolak' : 'baru', alasan, perubahan: [] });
    data.push(
      instansiId ? { jabatan: jabatan || null, jenis: jenisKode ?? null, instansi_id: instansiId, email: email || null, nipAtasan } : null,
    );
  }

  for (const [, list] of perNip) {
    if (list.length < 2) continue;
    const barisList = list.map((i) => hasil[i]!.baris);
    for (const i of list) {
      hasil[i]!.hasil = 'tolak';
      hasil[i]!.alasan.push(PESAN_IMPOR.nipGanda(barisList));
    }
  }
  const diFile = new Map<string, number>();
  hasil.forEach((h, i) => {
    if (perNip.get(h.nip)?.length === 1) diFile.set(h.nip, i);
  });

  // Atasan must exist in the file or the database; the resulting chains must not loop.
  const atasanAkhir = (nip: string): string | null => {
    const i = diFile.get(nip);
    if (i !== undefined) return data[i]?.nipAtasan ?? null;
    const p = dbNip.get(nip);
    return p?.atasan_id ? (dbId.get(p.atasan_id)?.nip ?? null) : null;
  };
  hasil.forEach((h, i) => {
    const a = data[i]?.nipAtasan;
    if (a && a !== h.nip && !diFile.has(a) && !dbNip.has(a)) {
      h.hasil = 'tolak';
      h.alasan.push(PESAN_IMPOR.atasan(a.slice(0, 30)));
    }
  });
  for (const [nip, i] of diFile) {
    const jalan = [nip];
    let cur = atasanAkhir(nip);
    while (cur && jalan.length <= 200) {
      if (cur === nip) {
        hasil[i]!.hasil = 'tolak';
        hasil[i]!.alasan.push(PESAN_IMPOR.siklus([...jalan, nip]));
        break;
      }
      if (jalan.includes(cur)) break; // a loop above this row: reported on the rows inside it
      jalan.push(cur);
      cur = atasanAkhir(cur);
    }
  }

  // Created, changed or unchanged.
  hasil.forEach((h, i) => {
    const d = data[i];
    if (h.hasil === 'tolak' || !d) return;
    const ada = dbNip.get(h.nip);
    rencana.atasan.set(h.nip, d.nipAtasan);
    if (!ada) {
      rencana.baru.push({
        nip: h.nip,
        nama: h.nama,
        jabatan: d.jabatan,
        jenis_jabatan_kode: d.jenis,
        instansi_id: d.instansi_id,
        email: d.email,
      });
      return;
    }
    const atasanLama = ada.atasan_id ? (dbId.get(ada.atasan_id)?.nip ?? null) : null;
    const beda: [string, unknown, unknown][] = [
      ['nama', ada.nama, h.nama],
      ['jabatan', ada.jabatan, d.jabatan],
      ['jenis jabatan', ada.jenis_jabatan_kode, d.jenis],
      ['instansi', ada.instansi_id, d.instansi_id],
      ['e-mail', ada.email, d.email],
      ['atasan', atasanLama, d.nipAtasan],
    ];
    h.perubahan = beda.filter(([, a, b]) => (a ?? null) !== (b ?? null)).map(([k]) => k);
    h.hasil = h.perubahan.length ? 'ubah' : 'tetap';
    if (h.perubahan.some((k) => k !== 'atasan'))
      rencana.ubah.push({
        id: ada.id,
        nama: h.nama,
        jabatan: d.jabatan,
        jenis_jabatan_kode: d.jenis,
        instansi_id: d.instansi_id,
        email: d.email,
      });
  });
  const jumlah = { baru: 0, ubah: 0, tetap: 0, tolak: 0 };
  for (const h of hasil) jumlah[h.hasil]++;
  if (!hasil.length) return { laporan: { ...kosong, galat: PESAN_IMPOR.kosong }, rencana };
  return { laporan: { baris: hasil, jumlah }, rencana };
}

/** Writes the checked plan: inserts, updates, then every supervisor link, all in the caller's transaction. */
async function terapkanImpor(trx: Knex.Transaction, rencana: Rencana, waktu: Date) {
  // New accounts get an unknown random password: they sign in through "Lupa password" or an admin reset.
  const hash = await bcrypt.hash(crypto.randomBytes(24).toString('base64url'), 10);
  const baru = await adminData.insertPegawaiMassal(trx, rencana.baru, hash, waktu);
  await adminData.updatePegawaiMassal(trx, rencana.ubah, waktu);
  await adminData.updateAtasanMassal(
    trx,
    [...rencana.atasan].map(([nip, nip_atasan]) => ({ nip, nip_atasan })),
  );
  return { baru: baru.size, ubah: rencana.ubah.length };
}

export type AksiImpor = 'periksa' | 'impor';

export function createImporService({ db, clock }: Deps) {
  return {
    /** Dry run (periksa) or import: the report row by row; the import writes only a file without refusals. */
    async proses(user: Pengguna, berkas: Buffer, aksi: AksiImpor) {
      pastikanAdmin(user);
      if (aksi === 'periksa') {
        const { laporan } = await periksaCsv(db, berkas, tahunWIB(clock.now()));
        return { laporan, diimpor: false, ditolak: !!laporan.galat || laporan.jumlah.tolak > 0 };
      }
      // Checked again inside the transaction, so what is written is exactly what was checked.
      const waktu = clock.now();
      return db.transaction(async (trx) => {
        const { laporan, rencana } = await periksaCsv(trx, berkas, tahunWIB(waktu));
        if (laporan.galat || laporan.jumlah.tolak > 0) return { laporan, diimpor: false, ditolak: true };
        await tutupTahunLalu(trx, tahunWIB(waktu), waktu);
        const r = await terapkanImpor(trx, rencana, waktu);
        await insertAudit(trx, { oleh: user.id, aksi: 'impor', entitas: 'pegawai', data: { ...r, baris: laporan.baris.length }, waktu });
        return { laporan, diimpor: true, ditolak: false };
      });
    },
  };
}
