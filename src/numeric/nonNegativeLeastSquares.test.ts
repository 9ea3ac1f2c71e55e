import { describe, expect, it } from 'vitest';
import { nonNegativeLeastSquares } from './nonNegativeLeastSquares';

function normalEquations(a: number[][], b: number[]): { gram: Float64Array; rhs: Float64Array } {
  const n = a[0]?.length ?? 0;
  const gram = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  a.forEach((row, i) => {
    for (let p = 0; p < n; p++) {
      rhs[p] = (rhs[p] as number) + (row[p] as number) * (b[i] as number);
      for (let q = 0; q < n; q++)
        gram[p * n + q] = (gram[p * n + q] as number) + (row[p] as number) * (row[q] as number);
    }
  });
  return { gram, rhs };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
}

const objective = (a: number[][], b: number[], x: ArrayLike<number>) =>
  a.reduce((sum, row, i) => sum + (row.reduce((s, v, k) => s + v * (x[k] as number), 0) - (b[i] as number)) ** 2, 0);

describe('nonNegativeLeastSquares', () => {
  it('returns the unconstrained solution when it is already non-negative', () => {
    const a = [
      [1, 0],
      [0, 2],
      [1, 1],
    ];
    const b = a.map(([x0 = 0, x1 = 0]) => x0 * 0.5 + x1 * 1.5);
    const { gram, rhs } = normalEquations(a, b);
    const result = nonNegativeLeastSquares(gram, rhs);
    expect(result.converged).toBe(true);
    expect(result.solution[0]).toBeCloseTo(0.5, 10);
    expect(result.solution[1]).toBeCloseTo(1.5, 10);
  });

  it('meets the Kuhn–Tucker conditions and beats every feasible random point on random problems', () => {
    const random = seeded(7);
    for (let trial = 0; trial < 20; trial++) {
      const rows = 12;
      const n = 5;
      const a = Array.from({ length: rows }, () => Array.from({ length: n }, random));
      const b = Array.from({ length: rows }, random);
      const flags = [true, true, false, true, false];
      const { gram, rhs } = normalEquations(a, b);
      const { solution, converged } = nonNegativeLeastSquares(gram, rhs, { nonNegative: flags });
      expect(converged).toBe(true);
      for (let k = 0; k < n; k++) {
        let gradient = -(rhs[k] as number);
        for (let j = 0; j < n; j++) gradient += (gram[k * n + j] as number) * (solution[j] as number);
        if (flags[k]) expect(solution[k]).toBeGreaterThanOrEqual(0);
        if (!flags[k] || (solution[k] as number) > 0) expect(Math.abs(gradient)).toBeLessThan(1e-9);
        else expect(gradient).toBeGreaterThan(-1e-9);
      }
      const best = objective(a, b, solution);
      for (let probe = 0; probe < 50; probe++) {
        const x = flags.map((flag, k) => {
          const value = (solution[k] as number) + random() * 0.2;
          return flag ? Math.max(0, value) : value;
        });
        expect(objective(a, b, x)).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
  });

  it('holds a component at zero when the data want it negative', () => {
    const a = [
      [1, 0],
      [0, 1],
    ];
    const { gram, rhs } = normalEquations(a, [2, -3]);
    const { solution } = nonNegativeLeastSquares(gram, rhs);
    expect(solution[0]).toBeCloseTo(2, 10);
    expect(solution[1]).toBe(0);
  });

  it('refuses inconsistent sizes', () => {
    expect(() => nonNegativeLeastSquares(new Float64Array(3), new Float64Array(2))).toThrow(/gram must be 2×2/);
  });
});
