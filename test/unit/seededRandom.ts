// The unit tests' seeded random source (mulberry32): the same draws on every run and every
// machine, so a property test that fails names a case that can be replayed.

/** Numbers in [0, 1) drawn from `seed`. */
export function randomFraction(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integers in [0, n) drawn from `seed` (0 for n ≤ 0). */
export function random(seed: number): (n: number) => number {
  const next = randomFraction(seed);
  return (n) => (n <= 0 ? 0 : Math.floor(next() * n));
}
