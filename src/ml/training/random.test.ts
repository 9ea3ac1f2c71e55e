import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { createRandom, deriveSeed } from './random';

const draw = (seed: number, n: number) => Array.from({ length: n }, createRandom(seed).next);

describe('createRandom', () => {
  it('is reproducible and seed-dependent, also for nearby and large seeds', () => {
    expect(draw(1, 100)).toEqual(draw(1, 100));
    expect(draw(1, 10)).not.toEqual(draw(2, 10));
    expect(draw(2 ** 40, 10)).not.toEqual(draw(0, 10)); // the high bits count
    expect(draw(-1, 10)).not.toEqual(draw(2 ** 32 - 1, 10));
  });

  it('pins the first values of seed 42 (any change breaks the reproducibility of saved runs)', () => {
    const random = createRandom(42);
    const values = [random.next(), random.integer(0, 1000), random.normal()];
    expect(values.map((v) => v.toPrecision(12))).toMatchInlineSnapshot(`
      [
        "0.407029728871",
        "786.000000000",
        "0.984224190869",
      ]
    `);
  });

  it('uniform is on [0, 1) with mean ½ and variance 1/12', () => {
    const values = draw(7, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('normal has the requested mean and sd', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 100_000 }, () => random.normal(5, 2));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('integer covers [min, max] evenly, ends included', () => {
    const random = createRandom(11);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const value = random.integer(-1, 4);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1, 2, 3, 4]);
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it('poisson has mean and variance λ, small and large', () => {
    for (const lambda of [0, 0.5, 4, 29, 30, 400]) {
      const random = createRandom(5);
      const values = Array.from({ length: 20_000 }, () => random.poisson(lambda));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(Math.abs(mean - lambda)).toBeLessThan(0.05 * lambda + 0.05);
      expect(Math.abs(variance - lambda)).toBeLessThan(0.1 * lambda + 0.05);
    }
  });

  it('permutation and shuffle give permutations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (n, seed) => {
        const order = createRandom(seed).permutation(n);
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        const letters = ['a', 'b', 'c', 'd'];
        expect(
          createRandom(seed)
            .shuffle([...letters])
            .sort(),
        ).toEqual(letters);
      }),
    );
  });

  it('rejects bad seeds and arguments with INVALID_OPTION', () => {
    expect(thrown(() => createRandom(0.5)).message).toMatch(/seed must be a safe integer/);
    expect(thrown(() => createRandom(1).integer(3, 2)).code).toBe('INVALID_OPTION');
    expect(thrown(() => createRandom(1).poisson(-1)).message).toMatch(/lambda/);
    expect(thrown(() => createRandom(1).permutation(-1)).message).toMatch(/permutation/);
    expect(thrown(() => deriveSeed(1, Number.NaN)).message).toMatch(/salt/);
  });
});

describe('deriveSeed', () => {
  it('gives distinct, stable 32-bit seeds per salt', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => deriveSeed(9, i));
    expect(new Set(seeds).size).toBe(1000);
    expect(deriveSeed(9, 3)).toBe(seeds[3]);
    expect(deriveSeed(9, 3, 1)).not.toBe(deriveSeed(9, 3));
    for (const seed of seeds) expect(seed >>> 0).toBe(seed);
  });
});
