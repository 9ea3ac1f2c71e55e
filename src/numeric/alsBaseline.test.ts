import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../core/thrownWorkbenchError';
import { alsBaseline } from './alsBaseline';
import { cholesky } from './cholesky';

/** Standard normal deviates from a seeded mulberry32 (Box–Muller), so the test needs nothing outside numeric. */
function normalDeviates(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** (W + λDᵀD)⁻¹·W·y by a dense Cholesky solve, for checking the banded one. */
function denseWhittaker(y: Float64Array, weights: Float64Array, lambda: number): Float64Array {
  const n = y.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = weights[i] as number;
  for (let r = 0; r < n - 2; r++) {
    const d = [1, -2, 1];
    for (let j = 0; j < 3; j++)
      for (let k = 0; k < 3; k++)
        a[(r + j) * n + r + k] = (a[(r + j) * n + r + k] as number) + lambda * (d[j] as number) * (d[k] as number);
  }
  const factor = cholesky(a, n);
  if (factor === undefined) throw new Error('not positive definite');
  return factor.solve(y.map((v, i) => v * (weights[i] as number)));
}

describe('alsBaseline', () => {
  it('solves the Whittaker system exactly (one pass, all weights 1, vs a dense Cholesky solve)', () => {
    const normal = normalDeviates(3);
    const y = Float64Array.from({ length: 60 }, () => normal());
    const banded = alsBaseline(y, { lambda: 50, iterations: 1 });
    const dense = denseWhittaker(y, new Float64Array(60).fill(1), 50);
    banded.forEach((value, i) => {
      expect(value).toBeCloseTo(dense[i] as number, 10);
    });
  });

  it('returns a straight line unchanged (the second-difference penalty is zero on it)', () => {
    const line = Float64Array.from({ length: 200 }, (_, i) => 3 - 0.02 * i);
    alsBaseline(line, { lambda: 1e4 }).forEach((value, i) => {
      expect(value).toBeCloseTo(line[i] as number, 7);
    });
  });

  it('lies under positive peaks on a curved baseline and follows the baseline', () => {
    const normal = normalDeviates(9);
    const n = 400;
    const truth = Float64Array.from({ length: n }, (_, i) => 5 + 3 * Math.sin((Math.PI * i) / n));
    const peaks = (i: number) =>
      40 / (1 + ((i - 120) / 3) ** 2) + 30 / (1 + ((i - 250) / 3) ** 2) + 25 / (1 + ((i - 262) / 3) ** 2);
    const y = Float64Array.from({ length: n }, (_, i) => (truth[i] as number) + peaks(i) + 0.1 * normal());
    const baseline = alsBaseline(y, { lambda: 1e5, p: 0.001 });
    let worst = 0;
    for (let i = 10; i < n - 10; i++) worst = Math.max(worst, Math.abs((baseline[i] as number) - (truth[i] as number)));
    console.info(`ALS baseline: worst |error| ${worst.toFixed(3)} on a 3-unit bow with peaks of 25–40, noise SD 0.1`);
    // under the noise floor (ALS sits ≈ 2–3 noise SDs low) but nowhere near the peaks
    expect(worst).toBeLessThan(0.6);
  });

  it('refuses bad options', () => {
    expect(thrownWorkbenchError(() => alsBaseline([1, 2, 3], { p: 1 })).code).toBe('INVALID_OPTION');
    expect(thrownWorkbenchError(() => alsBaseline([1, 2, 3], { lambda: 0 })).code).toBe('INVALID_OPTION');
    expect(thrownWorkbenchError(() => alsBaseline([1, 2])).message).toMatch(/3 points/);
  });
});
