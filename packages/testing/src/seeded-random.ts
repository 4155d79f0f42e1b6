/**
 * A seeded source of uniform numbers in [0, 1) (mulberry32: 32 bits of state, fast, and good
 * enough to pick test inputs and faults). The same seed gives the same sequence on every run and
 * machine, so a load test or a generated case that failed can be replayed from its seed alone.
 * Not for anything secret.
 *
 * ```ts
 * const random = seededRandom(Number(process.env.SEED ?? 7));
 * const amount = 1 + Math.floor(random() * 100);
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
