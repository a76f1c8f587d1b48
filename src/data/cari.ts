/** A LIKE/ILIKE pattern matching `teks` anywhere: its own %, _ and \ are taken literally. */
export function polaLike(teks: string): string {
  return `%${teks.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
