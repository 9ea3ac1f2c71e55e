import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../core/thrownWorkbenchError';
import golden from './__golden__/levenbergMarquardt.json';
import { type LeastSquaresModel, type LevenbergMarquardtOptions, levenbergMarquardt } from './levenbergMarquardt';

type Curve = (x: number, p: Float64Array) => number;

const curves: Record<string, Curve> = {
  exponential: (x, p) => (p[0] as number) * Math.exp(-x / (p[1] as number)) + (p[2] as number),
  gaussianLine: (x, p) =>
    (p[0] as number) * Math.exp(-((x - (p[1] as number)) ** 2) / (2 * (p[2] as number) ** 2)) +
    (p[3] as number) +
    (p[4] as number) * x,
  logistic: (x, p) => (p[0] as number) / (1 + Math.exp(-(p[1] as number) * (x - (p[2] as number)))),
};

function modelOf(curve: Curve, x: ArrayLike<number>): LeastSquaresModel {
  return (p, out) => {
    for (let i = 0; i < x.length; i++) out[i] = curve(x[i] as number, p);
  };
}

/** Seeded uniform [0, 1) (mulberry32), so that the test needs nothing outside numeric. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson deviate by Knuth's product of uniforms (exact; fine for mean < 700). */
function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k += 1;
    product *= random();
  }
  return k;
}

describe('levenbergMarquardt: against scipy curve_fit (scripts/golden/levenbergMarquardt.py)', () => {
  it.each(golden.cases)('$name', (c) => {
    const curve = curves[c.name];
    if (curve === undefined) throw new Error(`no curve ${c.name}`);
    const weights = c.sigma.map((s) => 1 / (s * s));
    const fit = levenbergMarquardt(c.y, modelOf(curve, c.x), c.initial, { weights });
    const n = c.parameters.length;
    expect(fit.converged).toBe(true);
    expect(fit.chiSquare).toBeCloseTo(c.chiSquare, 8);
    expect(fit.degreesOfFreedom).toBe(c.x.length - n);
    for (let k = 0; k < n; k++) {
      const sigma = Math.sqrt(c.covariance[k * n + k] as number);
      expect(Math.abs((fit.parameters[k] as number) - (c.parameters[k] as number))).toBeLessThan(1e-5 * sigma);
    }
    for (let k = 0; k < n; k++) {
      for (let l = 0; l < n; l++) {
        const scale = Math.sqrt((c.covariance[k * n + k] as number) * (c.covariance[l * n + l] as number));
        expect(Math.abs((fit.covariance[k * n + l] as number) - (c.covariance[k * n + l] as number))).toBeLessThan(
          1e-4 * scale,
        );
      }
    }
  });
});

/** Weighted straight line y = a + b·x in closed form (Numerical Recipes 3rd ed. §15.2). */
function straightLine(x: number[], y: number[], w: number[]) {
  let s = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const [xi, yi, wi] = [x[i] as number, y[i] as number, w[i] as number];
    s += wi;
    sx += wi * xi;
    sy += wi * yi;
    sxx += wi * xi * xi;
    sxy += wi * xi * yi;
  }
  const d = s * sxx - sx * sx;
  return { a: (sxx * sy - sx * sxy) / d, b: (s * sxy - sx * sy) / d, covariance: [sxx / d, -sx / d, -sx / d, s / d] };
}

const line: Curve = (x, p) => (p[0] as number) + (p[1] as number) * x;

describe('levenbergMarquardt: linear least squares', () => {
  it('gives the closed-form parameters and covariance (J^T W J)^-1 of a weighted straight line', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = [1.1, 2.9, 5.2, 7.1, 8.8, 11.3, 12.9, 15.2];
    const w = [1, 4, 0.5, 2, 1, 3, 0.25, 1];
    const fit = levenbergMarquardt(y, modelOf(line, x), [0, 0], { weights: w });
    const exact = straightLine(x, y, w);
    expect(fit.parameters[0]).toBeCloseTo(exact.a, 10);
    expect(fit.parameters[1]).toBeCloseTo(exact.b, 10);
    // Central differences of a linear model: exact but for rounding (~1e-10 relative).
    for (let k = 0; k < 4; k++) {
      expect(Math.abs((fit.covariance[k] as number) / (exact.covariance[k] as number) - 1)).toBeLessThan(1e-8);
    }
    expect(fit.converged).toBe(true);
  });

  it('property: any weighted line fit matches the closed form', () => {
    const arb = fc.record({
      a: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      b: fc.double({ min: -10, max: 10, noNaN: true }),
      noise: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 5, maxLength: 30 }),
      weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ a, b, noise, weight }) => {
        const x = noise.map((_, i) => i * 0.7);
        const y = x.map((xi, i) => a + b * xi + (noise[i] as number));
        const w = x.map((_, i) => weight * (1 + (i % 3)));
        const fit = levenbergMarquardt(y, modelOf(line, x), [0, 0], { weights: w });
        const exact = straightLine(x, y, w);
        const sa = Math.sqrt(exact.covariance[0] as number);
        const sb = Math.sqrt(exact.covariance[3] as number);
        // The closed form itself loses ~1e-12 of |a| + |b| to cancellation in S·Sxx − Sx².
        const rounding = 1e-9 * (Math.abs(exact.a) + Math.abs(exact.b));
        expect(Math.abs((fit.parameters[0] as number) - exact.a)).toBeLessThan(1e-6 * sa + rounding);
        expect(Math.abs((fit.parameters[1] as number) - exact.b)).toBeLessThan(1e-6 * sb + rounding);
        // Numeric Jacobian: rounding of |f| over the step h costs ~ε·|f|/h relative.
        expect(Math.abs((fit.covariance[1] as number) - (exact.covariance[1] as number))).toBeLessThan(1e-6 * sa * sb);
      }),
      { seed: 20250301, numRuns: 200 },
    );
  });
});

describe('levenbergMarquardt: known functions', () => {
  it('finds the minimum of Rosenbrock’s valley from (−1.2, 1)', () => {
    const model: LeastSquaresModel = (p, out) => {
      out[0] = 10 * ((p[1] as number) - (p[0] as number) ** 2);
      out[1] = p[0] as number;
    };
    const fit = levenbergMarquardt([0, 1], model, [-1.2, 1]);
    expect(fit.parameters[0]).toBeCloseTo(1, 8);
    expect(fit.parameters[1]).toBeCloseTo(1, 8);
    expect(fit.chiSquare).toBeLessThan(1e-20);
    expect(fit.converged).toBe(true);
    expect(fit.reducedChiSquare).toBeNaN();
  });

  it('gives the same solution with an analytic Jacobian', () => {
    const c = golden.cases[0] as (typeof golden.cases)[number];
    const x = c.x;
    const weights = c.sigma.map((s) => 1 / (s * s));
    const jacobian = (p: Float64Array, jac: Float64Array): void => {
      for (let i = 0; i < x.length; i++) {
        const e = Math.exp(-(x[i] as number) / (p[1] as number));
        jac[i * 3] = e;
        jac[i * 3 + 1] = ((p[0] as number) * e * (x[i] as number)) / (p[1] as number) ** 2;
        jac[i * 3 + 2] = 1;
      }
    };
    const numeric = levenbergMarquardt(c.y, modelOf(curves.exponential as Curve, x), c.initial, { weights });
    const analytic = levenbergMarquardt(c.y, modelOf(curves.exponential as Curve, x), c.initial, { weights, jacobian });
    for (let k = 0; k < 3; k++) expect(analytic.parameters[k]).toBeCloseTo(numeric.parameters[k] as number, 7);
    for (let k = 0; k < 9; k++) expect(analytic.covariance[k]).toBeCloseTo(numeric.covariance[k] as number, 7);
  });

  it('holds a parameter on its bound and leaves it out of the covariance', () => {
    const c = golden.cases[0] as (typeof golden.cases)[number];
    const weights = c.sigma.map((s) => 1 / (s * s));
    const fit = levenbergMarquardt(c.y, modelOf(curves.exponential as Curve, c.x), c.initial, {
      weights,
      upperBounds: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0.5],
    });
    expect(fit.parameters[2]).toBe(0.5);
    expect(fit.atBound).toEqual([false, false, true]);
    expect(fit.degreesOfFreedom).toBe(c.x.length - 2);
    for (let k = 0; k < 3; k++) expect(fit.covariance[k * 3 + 2]).toBe(0);
    expect(fit.covariance[0] as number).toBeGreaterThan(0);
  });

  it('starts from a clamped initial point and never leaves the bounds', () => {
    const c = golden.cases[2] as (typeof golden.cases)[number];
    const seen: number[] = [];
    const model: LeastSquaresModel = (p, out) => {
      seen.push(p[1] as number);
      modelOf(curves.logistic as Curve, c.x)(p, out);
    };
    const fit = levenbergMarquardt(c.y, model, [15, 5, 0], { lowerBounds: [0, 0.1, -5], upperBounds: [100, 2, 5] });
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    expect(fit.parameters[1]).toBeCloseTo(c.parameters[1] as number, 5);
  });

  it('rejects steps where the model is NaN', () => {
    // y = ln(p·x): the Gauss–Newton step from p = 100 lands at p ≈ −290, where ln is NaN.
    const x = [1, 2, 3, 4, 5];
    const y = x.map((v) => Math.log(2 * v));
    let nanSteps = 0;
    const model: LeastSquaresModel = (p, out) => {
      if ((p[0] as number) <= 0) nanSteps += 1;
      for (let i = 0; i < x.length; i++) out[i] = Math.log((p[0] as number) * (x[i] as number));
    };
    const fit = levenbergMarquardt(y, model, [100]);
    expect(nanSteps).toBeGreaterThan(0);
    expect(fit.parameters[0]).toBeCloseTo(2, 8);
    expect(fit.converged).toBe(true);
  });

  it('returns a NaN covariance when parameters cannot be told apart', () => {
    const x = [1, 2, 3, 4];
    const model: LeastSquaresModel = (p, out) => {
      for (let i = 0; i < x.length; i++) out[i] = ((p[0] as number) + (p[1] as number)) * (x[i] as number);
    };
    const fit = levenbergMarquardt([2.1, 3.9, 6.2, 7.9], model, [1, 1]);
    expect((fit.parameters[0] as number) + (fit.parameters[1] as number)).toBeCloseTo(2, 1);
    expect(Array.from(fit.covariance).every(Number.isNaN)).toBe(true);
  });

  it('reports no convergence when maxIterations is too small', () => {
    const c = golden.cases[2] as (typeof golden.cases)[number];
    const fit = levenbergMarquardt(c.y, modelOf(curves.logistic as Curve, c.x), c.initial, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(1);
  });
});

describe('levenbergMarquardt: uncertainties on Poisson data', () => {
  it('σ from the covariance matches the scatter of the estimates over 400 seeds (within 20 %)', () => {
    const x = Array.from({ length: 61 }, (_, i) => i);
    const truth = new Float64Array([300, 30.4, 3, 50, 0]);
    const curve = curves.gaussianLine as Curve;
    const estimates: number[][] = [[], [], []];
    const sigmas: number[][] = [[], [], []];
    for (let seed = 1; seed <= 400; seed++) {
      const random = uniform(seed);
      const y = x.map((xi) => poisson(curve(xi, truth), random));
      // Pearson-style weights from a first Neyman fit avoid the low bias of 1/max(y, 1).
      const first = levenbergMarquardt(y, modelOf(curve, x), [250, 30, 4, 45, 0], {
        weights: y.map((v) => 1 / Math.max(v, 1)),
      });
      const p = first.parameters;
      const fit = levenbergMarquardt(y, modelOf(curve, x), p, {
        weights: x.map((xi) => 1 / Math.max(curve(xi, p), 1)),
      });
      expect(fit.converged).toBe(true);
      for (const [slot, k] of [0, 1, 2].entries()) {
        estimates[slot]?.push(fit.parameters[k] as number);
        sigmas[slot]?.push(Math.sqrt(fit.covariance[k * 5 + k] as number));
      }
    }
    for (let slot = 0; slot < 3; slot++) {
      const values = estimates[slot] as number[];
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
      const predicted = (sigmas[slot] as number[]).reduce((s, v) => s + v, 0) / values.length;
      expect(predicted / sd).toBeGreaterThan(0.8);
      expect(predicted / sd).toBeLessThan(1.2);
    }
  });
});

describe('levenbergMarquardt: guards', () => {
  const model: LeastSquaresModel = (p, out) => out.fill(p[0] as number);
  const cases: [string, LevenbergMarquardtOptions, string][] = [
    ['weights length', { weights: [1] }, 'weights'],
    ['negative weight', { weights: [1, -1, 1] }, 'weights'],
    ['NaN weight', { weights: [1, Number.NaN, 1] }, 'weights'],
    ['lower bound length', { lowerBounds: [0, 0] }, 'lowerBounds'],
    ['NaN upper bound', { upperBounds: [Number.NaN] }, 'upperBounds'],
    ['crossed bounds', { lowerBounds: [2], upperBounds: [1] }, 'lowerBounds'],
    ['maxIterations 0', { maxIterations: 0 }, 'maxIterations'],
    ['maxIterations 1.5', { maxIterations: 1.5 }, 'maxIterations'],
    ['damping 0', { initialDamping: 0 }, 'initialDamping'],
    ['step NaN', { differenceStep: Number.NaN }, 'differenceStep'],
    ['negative tolerance', { chiSquareTolerance: -1 }, 'chiSquareTolerance'],
    ['infinite tolerance', { parameterTolerance: Number.POSITIVE_INFINITY }, 'parameterTolerance'],
  ];
  it.each(cases)('%s → INVALID_OPTION naming %s', (_, options, name) => {
    const error = thrown(() => levenbergMarquardt([1, 2, 3], model, [0], options));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(name);
  });

  it('needs at least one parameter and one point', () => {
    expect(thrown(() => levenbergMarquardt([1], model, [])).message).toContain('initialParameters');
    expect(thrown(() => levenbergMarquardt([], model, [1])).message).toContain('y must');
  });
});
