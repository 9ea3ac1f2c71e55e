/**
 * Seeds for the blocks. Every architecture draws the seed of each layer (initializer, dropout mask,
 * latent sampling) from one config `seed`, so the same spec gives the same weights on every backend
 * and machine: tfjs draws seeded initial values in JavaScript (seedrandom alea), not on the device.
 */

/** Largest seed handed to tfjs (seeds are integers in [0, 2³¹)). */
const seedModulus = 0x80000000;

/**
 * mulberry32: a 32-bit PRNG, uniform integers in [0, 2³²). Small and exactly reproducible in any JS
 * engine; not for cryptography or serious statistics.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** mulberry32 scaled to uniform numbers in [0, 1). */
export function uniform01(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** A seed in [0, 2³¹) derived from `seed` and a stream index: distinct indices give unrelated seeds. */
export function deriveSeed(seed: number, index: number): number {
  const next = mulberry32(Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b));
  next();
  return next() % seedModulus;
}

/** An endless, reproducible sequence of layer seeds: `next()` gives the seed of the next layer. */
export class SeedSequence {
  private index = 0;

  constructor(private readonly seed: number) {}

  next(): number {
    const seed = deriveSeed(this.seed, this.index);
    this.index += 1;
    return seed;
  }
}
