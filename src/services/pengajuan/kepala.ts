import type { KepalaRow, MasterForm } from '../../data/pengajuan';
import { formatAngka } from '../../domain/angka';
import type { Kepala, Masters } from '../../domain/rencana';

// The plan's header (jenis jabatan, e-mail, kinerja, SKJ): its values as the form has them, what
// changed between two versions, and its history as the page shows it.

/** Where a change of the plan's header came from (recorded with it). */
export type SumberUbah = 'ubah_rencana' | 'pengajuan_baru';
const LABEL_SUMBER: Record<string, string> = {
  ubah_rencana: 'Data rencana diubah',
  pengajuan_baru: 'Data rencana diubah melalui pengajuan baru',
};

export interface Beda {
  kolom: string;
  lama: string | number | null;
  baru: string | number | null;
}

/** The master lists as the plan's validation needs them. */
export function masters(m: MasterForm): Masters {
  return {
    jenisJabatan: new Set(m.jenisJabatan.map((j) => j.kode)),
    kompetensi: m.kompetensi.map((k) => k.kode),
    bentuk: new Map(m.bentuk.map((b) => [b.kode, b.jalur])),
    sumberDana: new Set(m.sumberDana.map((d) => d.kode)),
  };
}

/** A header row's values in the shape of the form's validated input (skj as kode → level). */
export function nilaiKepala(h: Pick<KepalaRow, 'jenis_jabatan_kode' | 'email' | 'penilaian_kinerja' | 'skj'>): Kepala {
  return {
    jenis_jabatan: h.jenis_jabatan_kode,
    email: h.email,
    penilaian_kinerja: Number(h.penilaian_kinerja),
    skj: Object.fromEntries(h.skj.filter((x) => x.level > 0).map((x) => [x.kode, Number(x.level)])),
  };
}

/** The fields of a header that differ, for the history. */
export function bedaKepala(lama: Kepala, baru: Kepala): Beda[] {
  const beda: Beda[] = [];
  if (lama.jenis_jabatan !== baru.jenis_jabatan) beda.push({ kolom: 'jenis_jabatan', lama: lama.jenis_jabatan, baru: baru.jenis_jabatan });
  if (lama.email !== baru.email) beda.push({ kolom: 'email', lama: lama.email, baru: baru.email });
  if (lama.penilaian_kinerja !== baru.penilaian_kinerja)
    beda.push({ kolom: 'penilaian_kinerja', lama: lama.penilaian_kinerja, baru: baru.penilaian_kinerja });
  for (const kode of new Set([...Object.keys(lama.skj), ...Object.keys(baru.skj)]))
    if (lama.skj[kode] !== baru.skj[kode]) beda.push({ kolom: `skj.${kode}`, lama: lama.skj[kode] ?? null, baru: baru.skj[kode] ?? null });
  return beda;
}

/** The header's history as the page shows it: its creation, then every recorded change with its old and new values. */
export function riwayatTampil(
  dibuat: { waktu: Date; oleh_nama: string | null },
  perubahan: { aksi: string; data: unknown; waktu: Date; oleh_nama: string | null }[],
  mf: MasterForm,
) {
  const namaJabatan = new Map(mf.jenisJabatan.map((j) => [j.kode, j.nama]));
  const namaKompetensi = new Map(mf.kompetensi.map((k) => [k.kode, k.nama]));
  const tampil = (kolom: string, v: string | number | null) =>
    v === null || v === undefined
      ? '-'
      : kolom === 'jenis_jabatan'
        ? (namaJabatan.get(String(v)) ?? String(v))
        : kolom === 'penilaian_kinerja'
          ? formatAngka(v)
          : kolom.startsWith('skj.')
            ? `level ${v}`
            : String(v);
  const label = (kolom: string) =>
    kolom === 'jenis_jabatan'
      ? 'Jenis jabatan'
      : kolom === 'email'
        ? 'E-mail'
        : kolom === 'penilaian_kinerja'
          ? 'Penilaian kinerja'
          : `SKJ ${kolom.slice(4)} ${namaKompetensi.get(kolom.slice(4)) ?? ''}`.trim();
  return [
    { judul: 'Rencana dibuat', waktu: dibuat.waktu, oleh_nama: dibuat.oleh_nama, perubahan: [] as string[] },
    ...perubahan.map((r) => {
      const d = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { beda?: Beda[] } | null;
      return {
        judul: LABEL_SUMBER[r.aksi] ?? r.aksi,
        waktu: r.waktu,
        oleh_nama: r.oleh_nama,
        perubahan: (d?.beda ?? []).map((b) => `${label(b.kolom)}: ${tampil(b.kolom, b.lama)} → ${tampil(b.kolom, b.baru)}`),
      };
    }),
  ];
}
