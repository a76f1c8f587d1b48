// Files read often and stored in the database (the exports, the decision letters), kept in memory up
// to a number of bytes so that a hit costs no query. The ones used least recently go first: a Map
// iterates in insertion order, and a hit moves its entry to the back.

export function createMemoriBerkas<K>(maksByte: number) {
  const peta = new Map<K, Buffer>();
  let terpakai = 0;

  function lupakan(k: K) {
    const b = peta.get(k);
    if (!b) return;
    peta.delete(k);
    terpakai -= b.length;
  }

  return {
    ambil(k: K): Buffer | undefined {
      const b = peta.get(k);
      if (b) {
        peta.delete(k);
        peta.set(k, b);
      }
      return b;
    },

    /** Keeps `b` under `k` (a file larger than the whole budget is not kept). */
    simpan(k: K, b: Buffer): void {
      lupakan(k);
      if (b.length > maksByte) return;
      for (const lama of peta.keys()) {
        if (terpakai + b.length <= maksByte) break;
        lupakan(lama);
      }
      peta.set(k, b);
      terpakai += b.length;
    },
  };
}
