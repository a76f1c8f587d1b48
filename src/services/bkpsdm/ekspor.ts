import crypto from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import * as eksporData from '../../data/ekspor';
import type { KunciEkspor } from '../../data/ekspor';
import type { Pengguna } from '../../data/pegawai';
import type { InstansiRingkas } from '../../data/rekap';
import { JENIS_EKSPOR, TIPE_EKSPOR, tahunEkspor, versiLebihBaru, type JenisEkspor } from '../../domain/ekspor';
import { tahunWIB } from '../../domain/waktu';
import { tulisCapaianXlsx, type CapaianEkspor } from '../../ekspor/capaian-xlsx';
import { namaBerkas, type RekapEkspor } from '../../ekspor/rekap';
import { tulisRekapPdf } from '../../ekspor/rekap-pdf';
import { tulisRekapXlsx } from '../../ekspor/rekap-xlsx';
import { siasnCsv, tulisSiasnXlsx, type SiasnEkspor } from '../../ekspor/siasn';
import type { Deps } from '../deps';
import { createMemoriBerkas } from '../memori';
import { filterRekap, lingkupRekap, pastikanBkpsdm, versiTahun, type FilterRekap } from './lingkup';

// The exports kept ready: rekap.xlsx, rekap.pdf, capaian-jp.xlsx, siasn.csv and siasn.xlsx, built
// once per version of the data behind them and stored (table `ekspor`) with that version, so every
// process serves the same file with the same ETag. The worker builds the province's files of this
// year and last year after the data has changed (siapkan); a unit's files and older years are built
// at their first request. A request never gets a build older than the data it reads: a stale one is
// built again, once per process (concurrent requests share it) and, through the build's claim, once
// across processes (the others wait for it).

/** How long a build's claim holds: a process that dies mid-build blocks that file no longer. */
const KLAIM_MS = 120_000;
/** How often a request waiting for another process's build looks again. */
const TUNGGU_MS = 100;
/** The bytes of the files served last kept in memory, up to this much, so a hit reads only the version. */
const MEMORI_MAKS_BYTE = 24 * 1024 * 1024;

/** A file to send; `isi` null: the client's copy (If-None-Match) is the current one (304). */
export interface BerkasEkspor {
  nama: string;
  tipe: string;
  etag: string;
  isi: Buffer | null;
}

type Tersimpan = Omit<BerkasEkspor, 'isi'> & { id?: number; versi: string; isi?: Buffer };

/** What the files are built from: the sub-services' data at a version read before. */
export interface SumberEkspor {
  rekap: { dataEkspor(versi: string, tahun: number, unit: InstansiRingkas | undefined): Promise<RekapEkspor> };
  capaian: { dataEkspor(versi: string, tahun: number, unit: InstansiRingkas | undefined): Promise<CapaianEkspor> };
  siasn: { dataEkspor(tahun: number): Promise<SiasnEkspor> };
}

const tidur = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
const teksKunci = (k: KunciEkspor) => `${k.jenis}:${k.tahun}:${k.instansi_id}`;
const etagDari = (isi: Buffer) => `"${crypto.createHash('sha256').update(isi).digest('base64url')}"`;

/** The bytes a writer streams, once it has ended its stream. */
async function keBuffer(tulis: (out: Writable) => unknown): Promise<Buffer> {
  const out = new PassThrough();
  const potongan: Buffer[] = [];
  out.on('data', (b: Buffer) => potongan.push(b));
  const selesai = new Promise<void>((ok, gagal) => {
    out.on('end', ok);
    out.on('error', gagal);
  });
  await tulis(out);
  await selesai;
  return Buffer.concat(potongan);
}

export function createEksporService({ db, clock }: Deps, sumber: SumberEkspor) {
  const berjalan = new Map<string, Promise<Tersimpan>>();
  // by file and build (its ETag): a newer build is another entry, the older one ages out
  const memori = createMemoriBerkas<string>(MEMORI_MAKS_BYTE);
  const ingat = (k: KunciEkspor, etag: string, isi: Buffer) => memori.simpan(`${teksKunci(k)}:${etag}`, isi);

  async function isiDari(k: KunciEkspor, b: Tersimpan): Promise<Buffer> {
    if (b.isi) return b.isi;
    const ada = memori.ambil(`${teksKunci(k)}:${b.etag}`);
    if (ada) return ada;
    // the row is replaced in place: bytes read after a newer build are that build's (newer, never older)
    const isi = b.id === undefined ? undefined : await eksporData.findIsiEkspor(db, b.id);
    if (!isi) throw new Error(`ekspor ${teksKunci(k)} hilang`);
    ingat(k, b.etag, isi);
    return isi;
  }

  async function tulis(k: KunciEkspor, unit: InstansiRingkas | undefined, versi: string): Promise<{ nama: string; isi: Buffer }> {
    switch (k.jenis) {
      case 'rekap.xlsx':
      case 'rekap.pdf': {
        const d = await sumber.rekap.dataEkspor(versi, k.tahun, unit);
        if (k.jenis === 'rekap.pdf')
          return { nama: namaBerkas(d, 'rekap-bangkom', 'pdf'), isi: await keBuffer((out) => tulisRekapPdf(d, out)) };
        return { nama: namaBerkas(d, 'rekap-bangkom', 'xlsx'), isi: await keBuffer((out) => tulisRekapXlsx(d, out)) };
      }
      case 'capaian-jp.xlsx': {
        const d = await sumber.capaian.dataEkspor(versi, k.tahun, unit);
        return { nama: namaBerkas(d, 'capaian-20jp', 'xlsx'), isi: await keBuffer((out) => tulisCapaianXlsx(d, out)) };
      }
      case 'siasn.csv':
      case 'siasn.xlsx': {
        const d = await sumber.siasn.dataEkspor(k.tahun);
        if (k.jenis === 'siasn.csv') return { nama: `siasn-diklat-${k.tahun}.csv`, isi: Buffer.from(siasnCsv(d), 'utf8') };
        return { nama: `siasn-diklat-${k.tahun}.xlsx`, isi: await keBuffer((out) => tulisSiasnXlsx(d, out)) };
      }
    }
  }

  /**
   * Builds and stores a file at `versi` if this process gets the claim (none of that version or a
   * newer one is stored or being built; with `dibuatSebelum`, the stored one is older than that).
   */
  async function bangun(
    k: KunciEkspor,
    unit: InstansiRingkas | undefined,
    versi: string,
    dibuatSebelum: Date | null,
  ): Promise<Tersimpan | undefined> {
    const now = clock.now();
    if (!(await eksporData.claimEkspor(db, k, versi, now, new Date(now.getTime() + KLAIM_MS), dibuatSebelum))) return undefined;
    try {
      const { nama, isi } = await tulis(k, unit, versi);
      const b = { versi, nama, tipe: TIPE_EKSPOR[k.jenis], etag: etagDari(isi), isi };
      await eksporData.updateEkspor(db, k, { ...b, dibuat_at: clock.now() });
      ingat(k, b.etag, isi);
      return b;
    } finally {
      await eksporData.releaseEkspor(db, k, versi);
    }
  }

  /** A build at `versi` or newer: this process's, or another's it waits for. */
  async function segar(k: KunciEkspor, unit: InstansiRingkas | undefined, versi: string): Promise<Tersimpan> {
    for (;;) {
      const b = await bangun(k, unit, versi, null);
      if (b) return b;
      await tidur(TUNGGU_MS);
      const { berkas } = await eksporData.findEkspor(db, k);
      if (berkas && !versiLebihBaru(versi, berkas.versi)) return berkas;
    }
  }

  /** Concurrent requests of this process for the same stale file share one build. */
  function sekali(k: KunciEkspor, unit: InstansiRingkas | undefined, versi: string): Promise<Tersimpan> {
    const kunci = `${teksKunci(k)}:${versi}`;
    const ada = berjalan.get(kunci);
    if (ada) return ada;
    const p = segar(k, unit, versi).finally(() => berjalan.delete(kunci));
    berjalan.set(kunci, p);
    return p;
  }

  return {
    /**
     * One export for whoever may see it (BKPSDM/admin: any unit or the province; an operator: their
     * own unit; the SIASN files: BKPSDM/admin, the province), at the current version of its data.
     * `etagKlien`: the client's If-None-Match; a match gives no bytes.
     */
    async berkas(user: Pengguna, jenis: JenisEkspor, q: FilterRekap, etagKlien: readonly string[]): Promise<BerkasEkspor> {
      let filter = q;
      if (jenis === 'siasn.csv' || jenis === 'siasn.xlsx') {
        pastikanBkpsdm(user);
        filter = { tahun: q.tahun, instansi: '' };
      } else filter = lingkupRekap(user, q);
      const { tahun, unit } = await filterRekap(db, clock, filter);
      const k: KunciEkspor = { jenis, tahun, instansi_id: unit?.id ?? 0 };
      const ada = await eksporData.findEkspor(db, k);
      // a year that has ended counts the employees recorded when it closed: close it first
      const versi = ada.tutup || tahun >= tahunWIB(clock.now()) ? ada.versi : await versiTahun(db, clock, tahun);
      const b = ada.berkas && !versiLebihBaru(versi, ada.berkas.versi) ? ada.berkas : await sekali(k, unit, versi);
      const cocok = etagKlien.includes(b.etag) || etagKlien.includes('*');
      return { nama: b.nama, tipe: b.tipe, etag: b.etag, isi: cocok ? null : await isiDari(k, b) };
    },

    /**
     * The background worker's part: builds the province's files of this year and last year whose
     * stored build is older than the data, unless it was built less than `jedaMs` ago (several
     * processes share that pace through the stored build time). Each file starts only while
     * `boleh()` says so; the ones it held back count as left. Returns how many are left stale.
     */
    async siapkan(jedaMs: number, boleh: () => boolean = () => true): Promise<number> {
      let sisa = 0;
      for (const tahun of tahunEkspor(tahunWIB(clock.now()))) {
        const versi = await versiTahun(db, clock, tahun);
        for (const jenis of JENIS_EKSPOR) {
          if (!boleh()) {
            sisa++;
            continue;
          }
          const k: KunciEkspor = { jenis, tahun, instansi_id: 0 };
          if (await bangun(k, undefined, versi, new Date(clock.now().getTime() - jedaMs))) continue;
          const { berkas } = await eksporData.findEkspor(db, k);
          if (!berkas || versiLebihBaru(versi, berkas.versi)) sisa++;
        }
      }
      return sisa;
    },
  };
}
