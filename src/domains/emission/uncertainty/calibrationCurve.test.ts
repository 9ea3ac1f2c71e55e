import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import {
  calibrationBands,
  fitCalibrationCurve,
  fittedVariance,
  predictSignal,
  singleSignalVariance,
} from './calibrationCurve';

// Fluorescence calibration of Miller & Miller, Statistics and Chemometrics for Analytical Chemistry
// (6th ed., §5.3–5.9): x in pg/mL, y in a.u. Book values: b = 1.93, a = 1.52, r = 0.9989,
// s_y/x = 0.4329, s_b = 0.0409, s_a = 0.2950. The expected values below are recomputed here from the
// textbook formulas (Σ over the seven standards), not only read from the book.
const X = [0, 2, 4, 6, 8, 10, 12];
const Y = [2.1, 5.0, 9.0, 12.6, 17.3, 21.0, 24.7];

function byHand(x: readonly number[], y: readonly number[]) {
  const n = x.length;
  const xm = x.reduce((s, v) => s + v, 0) / n;
  const ym = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ((x[i] as number) - xm) ** 2;
    sxy += ((x[i] as number) - xm) * ((y[i] as number) - ym);
  }
  const b = sxy / sxx;
  const a = ym - b * xm;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((y[i] as number) - a - b * (x[i] as number)) ** 2;
  const s = Math.sqrt(ss / (n - 2));
  return { n, xm, ym, sxx, a, b, s };
}

describe('fitCalibrationCurve, straight line', () => {
  const curve = fitCalibrationCurve(X, Y);
  const h = byHand(X, Y);

  it('reproduces the worked example', () => {
    expect(h.b).toBeCloseTo(1.9304, 4); // 1.93 in the book
    const [a, b] = curve.coefficients as [number, number];
    expect(a).toBeCloseTo(h.a, 12);
    expect(b).toBeCloseTo(h.b, 12);
    expect(a).toBeCloseTo(1.518, 3);
    expect(curve.residualSd).toBeCloseTo(h.s, 12);
    expect(curve.residualSd).toBeCloseTo(0.4328, 4);
    expect(curve.standardErrors[1]).toBeCloseTo(h.s / Math.sqrt(h.sxx), 12); // 0.0409
    expect(curve.standardErrors[1]).toBeCloseTo(0.0409, 4);
    const sumX2 = X.reduce((s, v) => s + v * v, 0);
    expect(curve.standardErrors[0]).toBeCloseTo(h.s * Math.sqrt(sumX2 / (h.n * h.sxx)), 12); // 0.2950
    expect(curve.standardErrors[0]).toBeCloseTo(0.295, 3);
    expect(Math.sqrt(curve.rSquared)).toBeCloseTo(0.9989, 4);
    expect(curve.dof).toBe(5);
    expect(curve.tFactor).toBeCloseTo(2.5705818356363146, 10);
    // cov(a, b) = −x̄·s²/Sxx
    expect(curve.covariance[1]).toBeCloseTo((-h.xm * h.s ** 2) / h.sxx, 12);
  });

  it('gives LOD 3.3·s/b and LOQ 10·s/b from the residual SD, or 3·s0/b from blanks', () => {
    expect(curve.detectionLimits.method).toBe('residual');
    expect(curve.detectionLimits.lod).toBeCloseTo((3.3 * h.s) / h.b, 12);
    expect(curve.detectionLimits.loq).toBeCloseTo((10 * h.s) / h.b, 12);
    // Miller & Miller's y_B + 3s_B with s_B = s_y/x gives 0.67 pg/mL:
    const blank = fitCalibrationCurve(X, Y, { blankSd: h.s });
    expect(blank.detectionLimits.method).toBe('blank');
    expect(blank.detectionLimits.lod).toBeCloseTo(0.67, 2);
    expect(blank.detectionLimits.loq).toBeCloseTo((10 * h.s) / h.b, 12);
  });

  it('has bands that are narrowest at x̄ and widen away from it', () => {
    const xs = [-4, 0, 2, 4, h.xm, 8, 10, 12, 16];
    const bands = calibrationBands(curve, xs);
    const at = (x: number) => bands.find((p) => p.x === x) as (typeof bands)[number];
    expect(at(h.xm).confidenceHalfWidth).toBeCloseTo(curve.tFactor * (h.s / Math.sqrt(h.n)), 12);
    expect(at(h.xm).predictionHalfWidth).toBeCloseTo(curve.tFactor * h.s * Math.sqrt(1 + 1 / h.n), 12);
    for (const [near, far] of [
      [4, 2],
      [2, 0],
      [0, -4],
      [8, 10],
      [10, 12],
      [12, 16],
    ] as const) {
      expect(at(far).confidenceHalfWidth).toBeGreaterThan(at(near).confidenceHalfWidth);
      expect(at(far).predictionHalfWidth).toBeGreaterThan(at(near).predictionHalfWidth);
    }
    for (const p of bands) {
      expect(p.predictionHalfWidth).toBeGreaterThan(p.confidenceHalfWidth);
      expect(p.fit).toBeCloseTo(h.a + h.b * p.x, 12);
      const d = p.x - h.xm;
      expect(p.confidenceHalfWidth).toBeCloseTo(curve.tFactor * h.s * Math.sqrt(1 / h.n + (d * d) / h.sxx), 12);
    }
  });

  it('narrows the prediction band for the mean of replicates, never below the confidence band', () => {
    const one = calibrationBands(curve, [3])[0];
    const four = calibrationBands(curve, [3], 4)[0];
    expect(four?.predictionHalfWidth).toBeLessThan(one?.predictionHalfWidth as number);
    expect(four?.predictionHalfWidth).toBeGreaterThan(four?.confidenceHalfWidth as number);
    expect(() => calibrationBands(curve, [3], 0)).toThrow(WorkbenchError);
  });
});

describe('fitCalibrationCurve, weighted and quadratic', () => {
  // Weighted example of Miller & Miller §5.10 (x in µg/mL, absorbance, SD of replicates):
  // book line y = 0.0738x + 0.0091. Golden numbers from numpy.linalg.solve of XᵀWX β = XᵀWy.
  const x = [0, 2, 4, 6, 8, 10];
  const y = [0.009, 0.158, 0.301, 0.472, 0.577, 0.739];
  const sd = [0.001, 0.004, 0.01, 0.013, 0.017, 0.022];

  it('weights by 1/s² and reproduces the weighted line', () => {
    const curve = fitCalibrationCurve(x, y, { weighting: 'inverseVariance', sd });
    expect(curve.coefficients[0]).toBeCloseTo(0.00908390777317043, 12);
    expect(curve.coefficients[1]).toBeCloseTo(0.07375996623705021, 12);
    expect(curve.residualSd).toBeCloseTo(1.060674169086357, 10);
    // var of one new signal: s²·sd(x)², sd interpolated between standards
    expect(singleSignalVariance(curve, 5)).toBeCloseTo(curve.residualSd ** 2 * 0.0115 ** 2, 14);
    expect(singleSignalVariance(curve, 20)).toBeCloseTo(curve.residualSd ** 2 * 0.022 ** 2, 14);
    // LOD from the fitted SD at x = 0 (s·sd(0))
    expect(curve.detectionLimits.sigma0).toBeCloseTo(curve.residualSd * 0.001, 14);
  });

  it('equals ordinary least squares when all weights are equal', () => {
    const ols = fitCalibrationCurve(x, y);
    const wls = fitCalibrationCurve(x, y, { weighting: 'inverseVariance', sd: x.map(() => 0.01) });
    expect(wls.coefficients[1]).toBeCloseTo(ols.coefficients[1] as number, 12);
    expect(wls.residualSd * 0.01).toBeCloseTo(ols.residualSd, 12);
    expect(fittedVariance(wls, 3)).toBeCloseTo(fittedVariance(ols, 3), 14);
  });

  it('weights by 1/x² and refuses a zero standard', () => {
    const xs = [1, 2, 5, 10, 20, 50];
    const ys = xs.map((v, i) => 0.1 + 3 * v * (1 + 0.01 * Math.sin(i * 2.1)));
    const curve = fitCalibrationCurve(xs, ys, { weighting: 'inverseX2' });
    expect(curve.coefficients[1]).toBeCloseTo(3, 1);
    expect(singleSignalVariance(curve, 10)).toBeCloseTo(100 * curve.residualSd ** 2, 12);
    expect(curve.detectionLimits.lod).toBeNaN();
    expect(() => fitCalibrationCurve([0, ...xs], [0, ...ys], { weighting: 'inverseX2' })).toThrow(/concentration 0/);
  });

  it('fits a quadratic (golden from numpy) and recovers exact coefficients from noise-free data', () => {
    const xq = [1, 2, 4, 6, 8, 10];
    const yq = [2.05, 4.1, 7.9, 11.6, 15.0, 18.2];
    const curve = fitCalibrationCurve(xq, yq, { degree: 2 });
    const golden = [-0.00926053310402098, 2.0962840355402594, -0.02750788191458787];
    const goldenSe = [0.03659558520298997, 0.01664034183772977, 0.00149618262854126];
    for (const [k, g] of golden.entries()) expect(curve.coefficients[k]).toBeCloseTo(g, 11);
    for (const [k, g] of goldenSe.entries()) expect(curve.standardErrors[k]).toBeCloseTo(g, 11);
    expect(curve.residualSd).toBeCloseTo(0.02925624984775526, 11);
    expect(curve.dof).toBe(3);
    const exact = fitCalibrationCurve(
      xq,
      xq.map((v) => 0.5 + 2 * v - 0.03 * v * v),
      { degree: 2 },
    );
    expect(predictSignal(exact, 7)).toBeCloseTo(0.5 + 14 - 0.03 * 49, 10);
    expect(exact.coefficients[2]).toBeCloseTo(-0.03, 10);
  });

  it('rejects unusable standards and options with typed errors', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as WorkbenchError).code;
      }
      return 'none';
    };
    expect(code(() => fitCalibrationCurve([1, 2], [1, 2]))).toBe('INVALID_DATA');
    expect(code(() => fitCalibrationCurve([1, 1, 1, 1], [1, 2, 3, 4]))).toBe('INVALID_DATA');
    expect(code(() => fitCalibrationCurve([1, 2, 3], [1, 2]))).toBe('INVALID_DATA');
    expect(code(() => fitCalibrationCurve([1, 2, Number.NaN], [1, 2, 3]))).toBe('INVALID_DATA');
    expect(code(() => fitCalibrationCurve([1, 2, 3, 4], [5, 5, 5, 5]))).toBe('INVALID_DATA');
    expect(code(() => fitCalibrationCurve([1, 2, 3], [1, 2, 3], { weighting: 'inverseVariance' }))).toBe(
      'INVALID_OPTION',
    );
    expect(code(() => fitCalibrationCurve([1, 2, 3], [1, 2, 3], { confidence: 1 }))).toBe('INVALID_OPTION');
    expect(code(() => fitCalibrationCurve([1, 2, 3], [1, 2, 3], { blankSd: -1 }))).toBe('INVALID_OPTION');
  });
});
