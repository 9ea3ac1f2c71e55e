import { describe, expect, it } from 'vitest';
import { levenbergMarquardt } from '../../../numeric/levenbergMarquardt';
import { CHALLENGE_ACQUISITION, challengeBasis, challengeFid } from './challengeFixtures.testUtil';
import { estimateSpectralNoise } from './fitQuality';
import { initialLcmParameters } from './initialLcmParameters';
import { LcmLinearPart } from './lcmLinearPart';
import { LcmModel } from './lcmModel';
import { lcmNormalMatrix, lcmProjectedNormalEquations } from './lcmProjection';
import { prepareBasis } from './prepareBasis';
import { kaufmanNormalEquations, variableProjection } from './varpro';

const prepared = prepareBasis(challengeBasis(), CHALLENGE_ACQUISITION);

describe('lcmProjectedNormalEquations', () => {
  it('equals Kaufman’s normal equations from the full Jacobian (kernel, first-order phase, priors, baseline penalty)', () => {
    const model = new LcmModel(challengeFid('datasets_LCModel/dataset2.RAW'), prepared, {
      rangePpm: [0.2, 4.2],
      baselineKnotSpacingPpm: 0.25,
      baselineSmoothness: 0.03,
      phase1PriorSd: 0.35,
      phasePivotPpm: 4.65,
      kernel: { points: 2, stepHz: 1.232, priorSd: 0.05 },
    });
    const layout = model.layout;
    const p = new Float64Array(layout.count);
    p[layout.phase0] = -0.3;
    p[layout.phase1] = 0.04;
    for (let g = 0; g < model.groupNames.length; g++) p.set([3, 12, -0.7], layout.groups + 3 * g);
    for (let k = layout.kernel; k < layout.baseline; k++) p[k] = 0.015 * (k - layout.kernel - 1.5);
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    part.solveInto(p);
    const values = new Float64Array(model.rows);
    model.evaluate(p, values);
    const dataWeight = 1 / 0.004 ** 2;
    const weights = new Float64Array(model.rows).fill(dataWeight);
    weights.fill(1, model.priorRowsStart);
    const q = model.nonlinearCount;
    const nonlinear = Int32Array.from({ length: q }, (_, k) => layout.phase0 + k);
    const linear = Int32Array.from({ length: layout.count }, (_, k) => k).filter(
      (k) => (k < model.components && (p[k] as number) > 0) || k >= layout.baseline,
    );
    expect(linear.length).toBeLessThan(model.components + 2 * model.splineCount);
    const expectedNormal = new Float64Array(q * q);
    const expectedGradient = new Float64Array(q);
    const jac = new Float64Array(model.rows * layout.count);
    model.jacobian(p, jac);
    const y = model.target();
    const residual = Float64Array.from(values, (v, i) => (y[i] as number) - v);
    const jacobian = { values: jac, rows: model.rows, columns: layout.count };
    kaufmanNormalEquations(jacobian, weights, residual, linear, nonlinear, expectedNormal, expectedGradient);
    const normal = new Float64Array(q * q);
    const gradient = new Float64Array(q);
    lcmProjectedNormalEquations(model, part, p, values, dataWeight, linear, normal, gradient, false);
    for (let k = 0; k < q; k++) {
      const sk = Math.sqrt(expectedNormal[k * q + k] as number);
      expect(Math.abs((gradient[k] as number) - (expectedGradient[k] as number))).toBeLessThan(1e-6 * sk);
      for (let l = 0; l < q; l++) {
        const scale = sk * Math.sqrt(expectedNormal[l * q + l] as number);
        expect(Math.abs((normal[k * q + l] as number) - (expectedNormal[k * q + l] as number))).toBeLessThan(
          1e-9 * scale,
        );
      }
    }
  });
});

describe('lcmNormalMatrix', () => {
  it('equals JᵀWJ summed over the rows of the full Jacobian', () => {
    const model = new LcmModel(challengeFid('datasets_LCModel/dataset5.RAW'), prepared, {
      rangePpm: [0.2, 4.2],
      baselineKnotSpacingPpm: 0.25,
      baselineSmoothness: 0.03,
      phase1PriorSd: 0.35,
      phasePivotPpm: 4.65,
      kernel: { points: 1, stepHz: 1.232, priorSd: 0.05 },
    });
    const layout = model.layout;
    const n = layout.count;
    const p = new Float64Array(n);
    p.set([0.3, -0.02], layout.phase0);
    for (let g = 0; g < model.groupNames.length; g++) p.set([3, 16, 0.2], layout.groups + 3 * g);
    p.set([0.01, 0.03], layout.kernel);
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    part.solveInto(p);
    const dataWeight = 50;
    const normal = lcmNormalMatrix(model, part, p, dataWeight);
    const jac = new Float64Array(model.rows * n);
    model.jacobian(p, jac);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let expected = 0;
        for (let r = 0; r < model.rows; r++) {
          const weight = r < model.priorRowsStart ? dataWeight : 1;
          expected += weight * (jac[r * n + a] as number) * (jac[r * n + b] as number);
        }
        const scale = Math.sqrt((normal[a * n + a] as number) * (normal[b * n + b] as number));
        expect(Math.abs((normal[a * n + b] as number) - expected)).toBeLessThan(1e-9 * scale);
      }
    }
  });
});

describe('lcmProjectedNormalEquations with Golub–Pereyra’s term', () => {
  it('gives the normal equations of the exact Jacobian of the projected model (finite differences)', () => {
    const model = new LcmModel(challengeFid('datasets_LCModel/dataset3.RAW'), prepared, {
      rangePpm: [0.2, 4.2],
      baselineKnotSpacingPpm: 0.25,
      baselineSmoothness: 0.03,
      phase1PriorSd: 0.35,
      phasePivotPpm: 4.65,
      kernel: { points: 1, stepHz: 1.232, priorSd: 0.05 },
    });
    const layout = model.layout;
    const q = model.nonlinearCount;
    const theta = Float64Array.from({ length: q }, () => 0);
    theta.set([0.2, 0.03], 0);
    for (let g = 0; g < model.groupNames.length; g++) theta.set([4, 20, 0.4], 2 + 3 * g);
    theta.set([0.02, -0.01], layout.kernel - layout.phase0);
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    const solvedAt = (t: Float64Array) => {
      const p = new Float64Array(layout.count);
      p.set(t, layout.phase0);
      part.solveInto(p);
      return p;
    };
    const valuesAt = (t: Float64Array) => {
      const out = new Float64Array(model.rows);
      model.evaluate(solvedAt(t), out);
      return out;
    };
    const p = solvedAt(theta);
    const values = valuesAt(theta);
    const dataWeight = 1e-4;
    const weights = new Float64Array(model.rows).fill(dataWeight);
    weights.fill(1, model.priorRowsStart);
    // The exact Jacobian of the projected model by central differences (the active set does not change for these steps).
    const jacobian = Array.from({ length: q }, (_, k) => {
      const h = 1e-5 * Math.max(1, Math.abs(theta[k] as number));
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[k] = (up[k] as number) + h;
      down[k] = (down[k] as number) - h;
      const fu = valuesAt(up);
      const fd = valuesAt(down);
      return Float64Array.from(fu, (v, i) => (v - (fd[i] as number)) / (2 * h));
    });
    const linear = Int32Array.from({ length: layout.count }, (_, k) => k).filter(
      (k) => (k < model.components && (p[k] as number) > 0) || k >= layout.baseline,
    );
    const normal = new Float64Array(q * q);
    const gradient = new Float64Array(q);
    lcmProjectedNormalEquations(model, part, p, values, dataWeight, linear, normal, gradient);
    const kaufman = new Float64Array(q * q);
    lcmProjectedNormalEquations(model, part, p, values, dataWeight, linear, kaufman, new Float64Array(q), false);
    const y = model.target();
    let largestKaufmanGap = 0;
    for (let k = 0; k < q; k++) {
      for (let l = 0; l < q; l++) {
        let expected = 0;
        for (let i = 0; i < model.rows; i++) {
          expected += (weights[i] as number) * (jacobian[k]?.[i] as number) * (jacobian[l]?.[i] as number);
        }
        const scale = Math.sqrt((normal[k * q + k] as number) * (normal[l * q + l] as number));
        expect(Math.abs((normal[k * q + l] as number) - expected)).toBeLessThan(1e-4 * scale);
        largestKaufmanGap = Math.max(largestKaufmanGap, Math.abs((kaufman[k * q + l] as number) - expected) / scale);
      }
      let expectedGradient = 0;
      for (let i = 0; i < model.rows; i++) {
        expectedGradient +=
          (weights[i] as number) * (jacobian[k]?.[i] as number) * ((y[i] as number) - (values[i] as number));
      }
      expect(Math.abs((gradient[k] as number) - expectedGradient)).toBeLessThan(
        1e-4 * Math.sqrt(normal[k * q + k] as number) * Math.sqrt(model.rows),
      );
    }
    // Kaufman's approximation differs visibly here (a poor fit: the dropped term grows with the residual).
    expect(largestKaufmanGap).toBeGreaterThan(1e-3);
  });
});

describe('variable projection on the LCM model', () => {
  it('ends at a minimum of the full problem: Levenberg–Marquardt on all parameters gains nothing there, and gives the same CRLBs', () => {
    const fid = challengeFid('datasets_LCModel/dataset4.RAW');
    const model = new LcmModel(fid, prepared, {
      rangePpm: [0.2, 4.2],
      baselineKnotSpacingPpm: 0.25,
      baselineSmoothness: 0.03,
      phase1PriorSd: 0.35,
      phasePivotPpm: 4.65,
      kernel: { points: 0, stepHz: 1.232, priorSd: 0.05 },
    });
    const layout = model.layout;
    // Weighted by the noise, as fitLcm does, so that χ² and the CRLBs are in their real units.
    const noise = estimateSpectralNoise(fid, CHALLENGE_ACQUISITION) as number;
    const dataWeight = 1 / noise ** 2;
    const weights = new Float64Array(model.rows).fill(dataWeight);
    weights.fill(1, model.priorRowsStart);
    const lower = new Float64Array(layout.count).fill(Number.NEGATIVE_INFINITY);
    const upper = new Float64Array(layout.count).fill(Number.POSITIVE_INFINITY);
    lower.fill(0, 0, model.components);
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    const problem = {
      y: model.target(),
      weights,
      nonlinear: Array.from({ length: model.nonlinearCount }, (_, k) => layout.phase0 + k),
      solveLinear: (p: Float64Array) => part.solveInto(p),
      model: (p: Float64Array, out: Float64Array) => model.evaluate(p, out),
      jacobian: (p: Float64Array, jac: Float64Array) => model.jacobian(p, jac),
      projectedNormalEquations: (
        p: Float64Array,
        values: Float64Array,
        linear: Int32Array,
        normal: Float64Array,
        gradient: Float64Array,
      ) => lcmProjectedNormalEquations(model, part, p, values, dataWeight, linear, normal, gradient),
      lowerBounds: lower,
      upperBounds: upper,
    };
    const start = initialLcmParameters(model, 12.32).parameters;
    const projected = variableProjection(problem, start, { chiSquareTolerance: 1e-9 });
    const full = levenbergMarquardt(problem.y, problem.model, projected.parameters, {
      weights,
      jacobian: problem.jacobian,
      lowerBounds: lower,
      upperBounds: upper,
      maxIterations: 5,
    });
    expect(projected.converged).toBe(true);
    expect((projected.chiSquare - full.chiSquare) / projected.chiSquare).toBeLessThan(1e-7);
    const n = layout.count;
    for (let m = 0; m < model.components; m++) {
      expect(projected.atBound[m]).toBe(full.atBound[m]);
      if (projected.atBound[m]) continue;
      const sd = Math.sqrt(projected.covariance[m * n + m] as number);
      expect(Math.sqrt(full.covariance[m * n + m] as number) / sd).toBeCloseTo(1, 3);
      expect(Math.abs((full.parameters[m] as number) - (projected.parameters[m] as number))).toBeLessThan(0.01 * sd);
    }
  });
});
