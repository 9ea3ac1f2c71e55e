/**
 * Seeded pseudo-random numbers for training: everything random in a training run (simulated
 * spectra, splits, shuffles) is drawn from a {@link Random} made from an integer seed, so that a
 * run can be repeated number by number on any JS engine.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, PractRand-tested,
 * 128-bit state, period ≥ 2^32), its state filled from the seed by splitmix32. Good enough for
 * simulation and shuffling; not for cryptography.
 */
import { WorkbenchError } from '../../core/errors';

/** A seeded stream of random numbers. Not thread-safe, not cloneable: make one per purpose. */
export interface Random {
  /** The seed the stream was made from. */
  readonly seed: number;
  /** Uniform on [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform on [min, max). */
  uniform(min?: number, max?: number): number;
  /** Gaussian with the given mean and standard deviation (Box–Muller, the spare value is kept). */
  normal(mean?: number, sd?: number): number;
  /** Uniform integer in [min, max], both ends included. */
  integer(min: number, max: number): number;
  /**
   * Poisson-distributed count with mean `lambda` ≥ 0: exact (Knuth's product of uniforms) for
   * `lambda` < 30, else the Gaussian approximation round(λ + √λ·z) clipped at 0.
   */
  poisson(lambda: number): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;
  /** A random permutation of 0 … n−1. */
  permutation(n: number): Uint32Array;
}

/** One step of splitmix32 (a 32-bit hash with full avalanche), used to spread seeds. */
function splitmix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function checkSeed(seed: number, name: string): void {
  if (!Number.isSafeInteger(seed)) {
    throw new WorkbenchError('INVALID_OPTION', `${name} must be a safe integer, got ${seed}`);
  }
}

/**
 * A seed for an independent stream derived from `seed` and integer `salts` (e.g. the epoch, a
 * sample index): `deriveSeed(s, 3)` always gives the same value, different from `deriveSeed(s, 4)`.
 */
export function deriveSeed(seed: number, ...salts: number[]): number {
  checkSeed(seed, 'seed');
  let h = splitmix32((seed >>> 0) ^ splitmix32(Math.floor(seed / 2 ** 32) >>> 0));
  for (const salt of salts) {
    checkSeed(salt, 'salt');
    h = splitmix32(h ^ splitmix32((salt >>> 0) ^ splitmix32(Math.floor(salt / 2 ** 32) >>> 0)));
  }
  return h;
}

/** A {@link Random} stream from an integer `seed` (any safe integer; all 53 bits count). */
export function createRandom(seed: number): Random {
  checkSeed(seed, 'seed');
  let a = deriveSeed(seed);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm-up, as recommended for sfc32, so that nearby seeds diverge at once.
  for (let i = 0; i < 12; i++) next();

  let spare: number | undefined;
  const standardNormal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - next(); // (0, 1]: log(u1) is finite
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };

  const integer = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new WorkbenchError('INVALID_OPTION', `integer(min, max) needs integers min ≤ max, got ${min}, ${max}`);
    }
    // floor(u·n) is biased by at most n / 2^32: negligible for the ranges used in training.
    return min + Math.floor(next() * (max - min + 1));
  };

  const shuffle = <T extends { length: number; [index: number]: unknown }>(array: T): T => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = integer(0, i);
      const value = array[i];
      array[i] = array[j];
      array[j] = value;
    }
    return array;
  };

  return {
    seed,
    next,
    uniform: (min = 0, max = 1) => min + (max - min) * next(),
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    integer,
    poisson(lambda: number): number {
      if (!(lambda >= 0) || !Number.isFinite(lambda)) {
        throw new WorkbenchError('INVALID_OPTION', `poisson(lambda) needs a finite lambda ≥ 0, got ${lambda}`);
      }
      if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * standardNormal()));
      const limit = Math.exp(-lambda);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
    shuffle,
    permutation(n: number): Uint32Array {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new WorkbenchError('INVALID_OPTION', `permutation(n) needs an integer n ≥ 0, got ${n}`);
      }
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      return shuffle(order);
    },
  };
}
