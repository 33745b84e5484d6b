/**
 * A small seeded pseudo-random generator (mulberry32), so synthetic data is the same on
 * every machine and every run.
 */
export type Random = () => number;

/**
 * Creates a generator of numbers in [0, 1) from a 32-bit seed.
 *
 * @example const random = createRandom(2009); random() // 0.7…, the same every time
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
