import { describe, expect, it } from 'vitest';
import { levenbergMarquardt } from '../../../numeric/levenbergMarquardt';
import { nonNegativeLeastSquares } from '../../../numeric/nonNegativeLeastSquares';
import { gaussian, seeded } from '../processing/transientTestSupport';
import { kaufmanNormalEquations, type SeparableProblem, variableProjection } from './varpro';

/**
 * y(t) = c0·e^{−t/τ0} + c1·e^{−t/τ1} + c2 (c0, c1 ≥ 0; c2 free), parameters [c0, c1, c2, τ0, τ1],
 * plus one prior row on τ0 (target 0, SD 100) so that prior rows are exercised too.
 */
function twoExponentials(truth: { c0: number; c1: number; c2: number }, seed: number): SeparableProblem {
  const points = 60;
  const t = Float64Array.from({ length: points }, (_, i) => i * 0.25);
  const noise = gaussian(seeded(seed));
  const y = new Float64Array(points + 1);
  for (let i = 0; i < points; i++) {
    const ti = t[i] as number;
    y[i] = truth.c0 * Math.exp(-ti / 1.5) + truth.c1 * Math.exp(-ti / 6) + truth.c2 + 0.01 * noise();
  }
  const weights = new Float64Array(points + 1).fill(1e4);
  weights[points] = 1;
  const prior = 100;
  const model = (p: Float64Array, out: Float64Array) => {
    for (let i = 0; i < points; i++) {
      const ti = t[i] as number;
      out[i] =
        (p[0] as number) * Math.exp(-ti / (p[3] as number)) +
        (p[1] as number) * Math.exp(-ti / (p[4] as number)) +
        (p[2] as number);
    }
    out[points] = (p[3] as number) / prior;
  };
  const jacobian = (p: Float64Array, jac: Float64Array) => {
    jac.fill(0);
    for (let i = 0; i < points; i++) {
      const ti = t[i] as number;
      const e0 = Math.exp(-ti / (p[3] as number));
      const e1 = Math.exp(-ti / (p[4] as number));
      jac.set(
        [
          e0,
          e1,
          1,
          ((p[0] as number) * e0 * ti) / (p[3] as number) ** 2,
          ((p[1] as number) * e1 * ti) / (p[4] as number) ** 2,
        ],
        5 * i,
      );
    }
    jac[5 * points + 3] = 1 / prior;
  };
  const solveLinear = (p: Float64Array) => {
    // Normal equations of the data rows (the prior row holds no linear parameter), c0, c1 ≥ 0.
    const columns = [0, 1, 2].map((k) =>
      Float64Array.from(t, (ti) => (k === 2 ? 1 : Math.exp(-ti / (p[3 + k] as number)))),
    );
    const gram = new Float64Array(9);
    const rhs = new Float64Array(3);
    for (let a = 0; a < 3; a++) {
      for (let i = 0; i < points; i++) rhs[a] = (rhs[a] as number) + (columns[a]?.[i] as number) * (y[i] as number);
      for (let b = 0; b < 3; b++) {
        for (let i = 0; i < points; i++) {
          gram[3 * a + b] = (gram[3 * a + b] as number) + (columns[a]?.[i] as number) * (columns[b]?.[i] as number);
        }
      }
    }
    p.set(nonNegativeLeastSquares(gram, rhs, { nonNegative: [true, true, false] }).solution, 0);
  };
  return {
    y,
    weights,
    nonlinear: [3, 4],
    solveLinear,
    model,
    jacobian,
    lowerBounds: [0, 0, Number.NEGATIVE_INFINITY, 0.1, 4],
    upperBounds: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 3, 50],
  };
}

describe('variableProjection', () => {
  it('finds the minimum and the covariance that Levenberg–Marquardt on all parameters finds', () => {
    const problem = twoExponentials({ c0: 2, c1: 1, c2: 0.3 }, 1);
    const start = [1, 1, 0, 1, 10];
    const projected = variableProjection(problem, start);
    const full = levenbergMarquardt(problem.y, problem.model, start, {
      weights: problem.weights,
      jacobian: problem.jacobian,
      lowerBounds: problem.lowerBounds,
      upperBounds: problem.upperBounds,
    });
    expect(projected.converged).toBe(true);
    for (let k = 0; k < 5; k++) {
      const sd = Math.sqrt(full.covariance[6 * k] as number);
      expect(Math.abs((projected.parameters[k] as number) - (full.parameters[k] as number))).toBeLessThan(1e-4 * sd);
    }
    expect(projected.chiSquare).toBeCloseTo(full.chiSquare, 6);
    for (let k = 0; k < 25; k++) {
      const scale = Math.sqrt(
        (full.covariance[6 * Math.floor(k / 5)] as number) * (full.covariance[6 * (k % 5)] as number),
      );
      expect(Math.abs((projected.covariance[k] as number) - (full.covariance[k] as number))).toBeLessThan(1e-3 * scale);
    }
    expect(projected.iterations).toBeLessThanOrEqual(full.iterations);
  });

  it('holds an absent component at 0 and leaves it out of the covariance', () => {
    const problem = twoExponentials({ c0: 0, c1: 1, c2: 0.3 }, 2);
    const result = variableProjection(problem, [1, 1, 0, 1, 10]);
    expect(result.parameters[0]).toBe(0);
    expect(result.atBound[0]).toBe(true);
    expect(result.covariance[0]).toBe(0);
    expect(result.covariance[1]).toBe(0);
    expect(result.covariance[6] as number).toBeGreaterThan(0);
    expect(result.parameters[1]).toBeCloseTo(1, 1);
  });

  it('uses the problem’s projected normal equations, and the full Jacobian only for the covariance', () => {
    const problem = twoExponentials({ c0: 2, c1: 1, c2: 0.3 }, 3);
    let jacobianCalls = 0;
    let projectedCalls = 0;
    const counted: SeparableProblem = {
      ...problem,
      jacobian: (p, jac) => {
        jacobianCalls += 1;
        problem.jacobian(p, jac);
      },
      projectedNormalEquations: (p, values, linear, normal, gradient) => {
        projectedCalls += 1;
        const jac = new Float64Array(problem.y.length * 5);
        problem.jacobian(p, jac);
        const residual = Float64Array.from(values, (v, i) => (problem.y[i] as number) - v);
        const jacobian = { values: jac, rows: problem.y.length, columns: 5 };
        kaufmanNormalEquations(jacobian, problem.weights, residual, linear, Int32Array.from([3, 4]), normal, gradient);
      },
    };
    const plain = variableProjection(problem, [1, 1, 0, 1, 10]);
    const result = variableProjection(counted, [1, 1, 0, 1, 10]);
    expect(jacobianCalls).toBe(1);
    expect(projectedCalls).toBe(result.iterations + 1);
    expect(Array.from(result.parameters)).toEqual(Array.from(plain.parameters));
  });
});

describe('kaufmanNormalEquations', () => {
  it('equals the normal equations of the explicitly projected Jacobian', () => {
    const random = gaussian(seeded(7));
    const rows = 12;
    const n = 5;
    const jac = Float64Array.from({ length: rows * n }, (_, i) => (i % 7 === 3 ? 0 : random()));
    const weights = Float64Array.from({ length: rows }, (_, i) => (i === 4 ? 0 : 0.5 + (i % 3)));
    const residual = Float64Array.from({ length: rows }, () => random());
    const linear = Int32Array.from([0, 2, 4]);
    const nonlinear = Int32Array.from([1, 3]);
    const normal = new Float64Array(4);
    const gradient = new Float64Array(2);
    kaufmanNormalEquations({ values: jac, rows, columns: n }, weights, residual, linear, nonlinear, normal, gradient);
    // Explicit: J_K = J_N − J_L·X, X solving (J_LᵀWJ_L)·X = J_LᵀWJ_N (3 × 3 by Cramer's rule).
    const at = (i: number, k: number) => jac[i * n + k] as number;
    const inner = (f: (i: number) => number, g: (i: number) => number) => {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += (weights[i] as number) * f(i) * g(i);
      return sum;
    };
    const g = [0, 1, 2].map((a) =>
      [0, 1, 2].map((b) =>
        inner(
          (i) => at(i, linear[a] as number),
          (i) => at(i, linear[b] as number),
        ),
      ),
    );
    const solve3 = (m: number[][], v: number[]): number[] => {
      const det = (x: number[][]) =>
        (x[0]?.[0] as number) *
          ((x[1]?.[1] as number) * (x[2]?.[2] as number) - (x[1]?.[2] as number) * (x[2]?.[1] as number)) -
        (x[0]?.[1] as number) *
          ((x[1]?.[0] as number) * (x[2]?.[2] as number) - (x[1]?.[2] as number) * (x[2]?.[0] as number)) +
        (x[0]?.[2] as number) *
          ((x[1]?.[0] as number) * (x[2]?.[1] as number) - (x[1]?.[1] as number) * (x[2]?.[0] as number));
      const d = det(m);
      return [0, 1, 2].map(
        (c) => det(m.map((row, r) => row.map((value, k) => (k === c ? (v[r] as number) : value)))) / d,
      );
    };
    const projected = [0, 1].map((k) => {
      const column = nonlinear[k] as number;
      const x = solve3(
        g,
        [0, 1, 2].map((a) =>
          inner(
            (i) => at(i, linear[a] as number),
            (i) => at(i, column),
          ),
        ),
      );
      return Float64Array.from(
        { length: rows },
        (_, i) => at(i, column) - [0, 1, 2].reduce((s, a) => s + at(i, linear[a] as number) * (x[a] as number), 0),
      );
    });
    for (let k = 0; k < 2; k++) {
      expect(gradient[k]).toBeCloseTo(
        inner(
          (i) => projected[k]?.[i] as number,
          (i) => residual[i] as number,
        ),
        10,
      );
      for (let l = 0; l < 2; l++) {
        expect(normal[2 * k + l]).toBeCloseTo(
          inner(
            (i) => projected[k]?.[i] as number,
            (i) => projected[l]?.[i] as number,
          ),
          10,
        );
      }
    }
  });
});
