import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../ml/training/random';
import { logFactorial, samplePoisson } from './poisson';

function moments(lambda: number, n: number, seed: number): { mean: number; variance: number; samples: number[] } {
  const random = createRandom(seed);
  const samples: number[] = [];
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const k = samplePoisson(random, lambda);
    samples.push(k);
    s += k;
    s2 += k * k;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean, samples };
}

/** Pearson χ² of the samples against the Poisson pmf, bins with expected ≥ 5 (tails pooled). */
function chiSquare(samples: number[], lambda: number): { chi2: number; dof: number } {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (const k of samples) counts.set(k, (counts.get(k) ?? 0) + 1);
  const lo = Math.max(0, Math.floor(lambda - 5 * Math.sqrt(lambda)));
  const hi = Math.ceil(lambda + 5 * Math.sqrt(lambda) + 5);
  let chi2 = 0;
  let dof = -1;
  let pooledObs = 0;
  let pooledExp = 0;
  for (let k = lo; k <= hi; k++) {
    const p = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
    pooledExp += n * p;
    pooledObs += counts.get(k) ?? 0;
    if (pooledExp >= 5) {
      chi2 += (pooledObs - pooledExp) ** 2 / pooledExp;
      dof++;
      pooledObs = 0;
      pooledExp = 0;
    }
  }
  return { chi2, dof };
}

describe('samplePoisson', () => {
  it('returns 0 for λ = 0 and integers otherwise', () => {
    const r = createRandom(1);
    expect(samplePoisson(r, 0)).toBe(0);
    for (const lambda of [0.01, 2, 15, 2e4]) expect(Number.isInteger(samplePoisson(r, lambda))).toBe(true);
  });

  for (const lambda of [0.05, 0.7, 3, 9.9, 10, 37, 1000, 1e6]) {
    it(`has mean and variance λ for λ = ${lambda}`, () => {
      const n = 40000;
      const { mean, variance } = moments(lambda, n, 7);
      const se = Math.sqrt(lambda / n);
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * se);
      expect(variance / lambda).toBeGreaterThan(0.95);
      expect(variance / lambda).toBeLessThan(1.05);
    });
  }

  for (const lambda of [4, 12, 30, 250]) {
    it(`follows the Poisson pmf (χ² test) for λ = ${lambda}`, () => {
      const { samples } = moments(lambda, 30000, 11);
      const { chi2, dof } = chiSquare(samples, lambda);
      // 99.9 % quantile of χ²(dof) < dof + 3.3·√(2·dof) + 10 for these dof.
      expect(chi2).toBeLessThan(dof + 3.3 * Math.sqrt(2 * dof) + 10);
    });
  }

  it('is deterministic for a seed', () => {
    const a = moments(25, 100, 3).samples;
    const b = moments(25, 100, 3).samples;
    const c = moments(25, 100, 4).samples;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('computes ln k! exactly from the table and Stirling above', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 10);
    let exact = logFactorial(255);
    for (let k = 256; k < 300; k++) exact += Math.log(k);
    expect(logFactorial(299)).toBeCloseTo(exact, 8);
  });
});
