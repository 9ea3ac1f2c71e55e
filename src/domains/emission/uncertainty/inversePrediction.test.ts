import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { fitCalibrationCurve } from './calibrationCurve';
import { inversePrediction } from './inversePrediction';
import { seededNormal } from './uncertainty.testUtil';

// Miller & Miller, Statistics and Chemometrics for Analytical Chemistry 6th ed., §5.6 (same
// fluorescence data as calibrationCurve.test.ts): y0 = 2.9, 13.5, 23.0 give x0 = 0.72, 6.21, 11.13
// pg/mL with s_x0 = 0.26, 0.24, 0.26 and 95 % limits ±0.68, ±0.62, ±0.68 (t = 2.57, 5 dof).
const X = [0, 2, 4, 6, 8, 10, 12];
const Y = [2.1, 5.0, 9.0, 12.6, 17.3, 21.0, 24.7];
const curve = fitCalibrationCurve(X, Y);

/** The classical formula, written out independently of the implementation. */
function classical(y0: number, m: number): { x0: number; s: number } {
  const n = X.length;
  const xm = X.reduce((s, v) => s + v, 0) / n;
  const ym = Y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += ((X[i] as number) - xm) ** 2;
    sxy += ((X[i] as number) - xm) * ((Y[i] as number) - ym);
  }
  const b = sxy / sxx;
  const a = ym - b * xm;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((Y[i] as number) - a - b * (X[i] as number)) ** 2;
  const sy = Math.sqrt(ss / (n - 2));
  return { x0: (y0 - a) / b, s: (sy / b) * Math.sqrt(1 / m + 1 / n + (y0 - ym) ** 2 / (b * b * sxx)) };
}

describe('inversePrediction', () => {
  it.each([
    [2.9, 0.72, 0.26, 0.68],
    [13.5, 6.21, 0.24, 0.62],
    [23.0, 11.13, 0.26, 0.68],
  ])('reads y0 = %f back as the book does', (y0, x0, s, half) => {
    const r = inversePrediction(curve, [y0]);
    expect(r.concentration).toBeCloseTo(x0, 2);
    expect(r.standardUncertainty).toBeCloseTo(s, 2);
    expect((r.interval[1] - r.interval[0]) / 2).toBeCloseTo(half, 2);
    const c = classical(y0, 1);
    expect(r.concentration).toBeCloseTo(c.x0, 12);
    expect(r.standardUncertainty).toBeCloseTo(c.s, 12);
    expect(r.extrapolation).toBeUndefined();
  });

  it('uses the mean of m replicate signals and 1/m in the formula', () => {
    const signals = [13.2, 13.5, 13.8];
    const r = inversePrediction(curve, signals);
    const c = classical(13.5, 3);
    expect(r.replicates).toBe(3);
    expect(r.meanSignal).toBeCloseTo(13.5, 12);
    expect(r.standardUncertainty).toBeCloseTo(c.s, 12);
    expect(r.standardUncertainty).toBeLessThan(inversePrediction(curve, [13.5]).standardUncertainty);
  });

  it('flags, or refuses, concentrations outside the standards', () => {
    const below = inversePrediction(curve, [1.0]);
    expect(below.extrapolation).toBe('below');
    expect(below.belowDetectionLimit).toBe(true);
    expect(inversePrediction(curve, [30]).extrapolation).toBe('above');
    expect(() => inversePrediction(curve, [30], { onExtrapolation: 'throw' })).toThrow(
      /above the calibrated range 0–12/,
    );
    try {
      inversePrediction(curve, [30], { onExtrapolation: 'throw' });
    } catch (e) {
      expect((e as WorkbenchError).code).toBe('INVALID_DATA');
    }
    expect(() => inversePrediction(curve, [])).toThrow(WorkbenchError);
    expect(() => inversePrediction(curve, [Number.NaN])).toThrow(/signal 1/);
  });

  it('flags results between LOD and LOQ', () => {
    const r = inversePrediction(curve, [1.518 + 1.93 * 1.5]);
    expect(r.belowDetectionLimit).toBe(false);
    expect(r.belowQuantificationLimit).toBe(true);
  });

  it('matches the weighted formula of Miller & Miller §5.10 (normalised weights, w0 interpolated)', () => {
    const x = [0, 2, 4, 6, 8, 10];
    const y = [0.009, 0.158, 0.301, 0.472, 0.577, 0.739];
    const sd = [0.001, 0.004, 0.01, 0.013, 0.017, 0.022];
    const weighted = fitCalibrationCurve(x, y, { weighting: 'inverseVariance', sd });
    // Goldens: numpy, s_x0w = (s_w/b)·√(1/w0 + 1/n + (y0 − ȳ_w)²/(b²(Σw x² − n x̄_w²))), Σw = n.
    const low = inversePrediction(weighted, [0.1]);
    expect(low.concentration).toBeCloseTo(1.2325940054614843, 10);
    expect(low.standardUncertainty).toBeCloseTo(0.045589399128266365, 10);
    const high = inversePrediction(weighted, [0.6]);
    expect(high.concentration).toBeCloseTo(8.011338973878322, 10);
    expect(high.standardUncertainty).toBeCloseTo(0.2697219098313165, 10);
  });

  it('inverts a quadratic curve on the branch inside the standards', () => {
    const xq = [0, 2, 4, 6, 8, 10];
    const q = fitCalibrationCurve(
      xq,
      xq.map((v) => 0.2 + 3 * v - 0.12 * v * v + (v % 4 === 0 ? 0.01 : -0.01)),
      { degree: 2 },
    );
    const r = inversePrediction(q, [0.2 + 3 * 7 - 0.12 * 49]);
    expect(r.concentration).toBeCloseTo(7, 1);
    expect(() => inversePrediction(q, [40])).toThrow(/never reaches/);
  });

  // Coverage of the 95 % interval on simulated calibrations (seeded): the first-order formula is an
  // approximation, so the bound is generous; the measured coverage is printed in the report.
  it.each([1, 2] as const)('covers the true concentration ≈95 %% of the time (degree %i)', (degree) => {
    const normal = seededNormal(degree * 7919);
    const xs = [0, 2, 4, 6, 8, 10];
    const truth = (v: number) => 1 + 2 * v - (degree === 2 ? 0.05 * v * v : 0);
    const x0 = 4.3;
    let hits = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const c = fitCalibrationCurve(
        xs,
        xs.map((v) => truth(v) + 0.3 * normal()),
        { degree },
      );
      const r = inversePrediction(c, [truth(x0) + 0.3 * normal(), truth(x0) + 0.3 * normal()]);
      if (r.interval[0] <= x0 && x0 <= r.interval[1]) hits++;
    }
    const coverage = hits / trials;
    console.info(`inverse-prediction coverage, degree ${degree}: ${coverage}`);
    expect(coverage).toBeGreaterThan(0.92);
    expect(coverage).toBeLessThan(0.98);
  });
});
