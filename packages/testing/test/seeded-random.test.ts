import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/index.js';

describe('seededRandom', () => {
  it('replays: the same seed gives the same sequence, pinned so that a seed stays meaningful across versions', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    // mulberry32 from 7; a change here silently changes every seeded test and load run.
    expect(first).toEqual([0.011704753153026104, 0.06195825757458806, 0.97690763277933]);
  });

  it('different seeds give different sequences', () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    expect([a(), a(), a()]).not.toEqual([b(), b(), b()]);
  });

  it('numbers in [0, 1), spread evenly (each tenth within 10% of its share over 100,000 draws)', () => {
    const random = seededRandom(20261128);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });
});
