import { describe, expect, it } from 'vitest';
import { createMemoriBerkas } from '../../src/services/memori';

const b = (n: number) => Buffer.alloc(n);

describe('createMemoriBerkas', () => {
  it('keeps files up to its budget, forgetting the ones used least recently', () => {
    const m = createMemoriBerkas<string>(10);
    m.simpan('a', b(4));
    m.simpan('b', b(4));
    expect(m.ambil('a')?.length).toBe(4); // a is now the most recent
    m.simpan('c', b(4)); // over budget: b goes, not a
    expect(m.ambil('b')).toBeUndefined();
    expect(m.ambil('a')?.length).toBe(4);
    expect(m.ambil('c')?.length).toBe(4);
  });

  it('replaces a file under the same key, and does not keep one larger than the budget', () => {
    const m = createMemoriBerkas<number>(10);
    m.simpan(1, b(6));
    m.simpan(1, b(8)); // the old bytes no longer count
    expect(m.ambil(1)?.length).toBe(8);
    m.simpan(2, b(11));
    expect(m.ambil(2)).toBeUndefined();
    expect(m.ambil(1)?.length).toBe(8);
  });
});
