// Gap analysis of DOMAIN.md: competency gap per SKJ competency, performance band from the SKP score.

export type KesenjanganKinerja = 'tidak_ada' | 'rendah' | 'sedang' | 'tinggi';

export const LABEL_KINERJA: Record<KesenjanganKinerja, string> = {
  tidak_ada: 'Tidak ada kesenjangan kinerja',
  rendah: 'Kesenjangan kinerja rendah',
  sedang: 'Kesenjangan kinerja sedang',
  tinggi: 'Kesenjangan kinerja tinggi',
};

/** Half-open bands: ≥ 91 none, [76, 91) low, [61, 76) medium, < 61 high. */
export function kesenjanganKinerja(nilai: number): KesenjanganKinerja {
  if (nilai >= 91) return 'tidak_ada';
  if (nilai >= 76) return 'rendah';
  if (nilai >= 61) return 'sedang';
  return 'tinggi';
}

export interface SkjItem {
  kode: string;
  nama: string;
  level: number;
  standar: number;
  /** standar − level; positive means a gap */
  gap: number;
}

export function hitungSkj(
  kompetensi: { kode: string; nama: string }[],
  pilihan: Record<string, number>,
  standar: Record<string, number>,
): SkjItem[] {
  return kompetensi.map((k) => {
    const level = pilihan[k.kode] ?? 0;
    const std = standar[k.kode] ?? 0;
    return { kode: k.kode, nama: k.nama, level, standar: std, gap: std - level };
  });
}

/** The combined priority (guidance, never enforced). */
export function prioritas(skj: SkjItem[], kinerja: KesenjanganKinerja): string {
  const gapKompetensi = skj.some((s) => s.gap > 0);
  const gapKinerja = kinerja !== 'tidak_ada';
  if (gapKompetensi && gapKinerja) return 'Prioritas tertinggi: ada kesenjangan kompetensi dan kinerja';
  if (gapKompetensi) return 'Kesenjangan kompetensi: utamakan pelatihan';
  if (gapKinerja) return 'Kesenjangan kinerja: utamakan non-pelatihan (coaching, mentoring)';
  return 'Tidak ada kesenjangan: pengembangan karier';
}
