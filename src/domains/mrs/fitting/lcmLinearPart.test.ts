import { describe, expect, it } from 'vitest';
import { nonNegativeLeastSquares } from '../../../numeric/nonNegativeLeastSquares';
import { CHALLENGE_ACQUISITION, challengeBasis, challengeFid } from './challengeFixtures.testUtil';
import { LcmLinearPart } from './lcmLinearPart';
import { LcmModel } from './lcmModel';
import { prepareBasis } from './prepareBasis';

const prepared = prepareBasis(challengeBasis(), CHALLENGE_ACQUISITION);
const model = new LcmModel(challengeFid('datasets_LCModel/dataset1.RAW'), prepared, {
  rangePpm: [0.2, 4.2],
  baselineKnotSpacingPpm: 0.25,
  baselineSmoothness: 0.03,
  phase1PriorSd: 0.35,
  phasePivotPpm: 4.65,
  kernel: { points: 2, stepHz: 1.232, priorSd: 0.05 },
});
const layout = model.layout;
const linearIndices = Int32Array.from({ length: layout.count }, (_, k) => k).filter(
  (k) => k < model.components || k >= layout.baseline,
);

/** Nonlinear parameters away from every special value: phases, widths, shifts, kernel weights. */
function parameters(): Float64Array {
  const p = new Float64Array(layout.count);
  p[layout.phase0] = 0.4;
  p[layout.phase1] = 0.05;
  for (let g = 0; g < model.groupNames.length; g++) p.set([2, 9, 0.5], layout.groups + 3 * g);
  for (let k = layout.kernel; k < layout.baseline; k++) p[k] = 0.02 * (k - layout.kernel - 1.5);
  return p;
}

/** The linear columns of the full Jacobian (data and penalty rows, unweighted): J_L. */
function linearColumns(p: Float64Array): Float64Array[] {
  const jac = new Float64Array(model.rows * layout.count);
  model.jacobian(p, jac);
  return Array.from(linearIndices, (k) =>
    Float64Array.from({ length: model.rows }, (_, r) => jac[r * layout.count + k] as number),
  );
}

const dot = (a: Float64Array, b: ArrayLike<number>) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);

describe('LcmLinearPart', () => {
  it('solves amplitudes ≥ 0 and the baseline as NNLS on the full normal equations does, and returns their χ²', () => {
    const p = parameters();
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    const cost = part.solveInto(p);
    // Reference: the whole linear problem (data + baseline-penalty rows) by NNLS on its normal equations.
    const columns = linearColumns(p);
    const y = model.target();
    const priorRows = model.priorRowsStart;
    const rows = (v: Float64Array) => v.subarray(0, priorRows);
    const gram = new Float64Array(columns.length ** 2);
    columns.forEach((a, i) => {
      columns.forEach((b, j) => {
        gram[i * columns.length + j] = dot(rows(a), rows(b));
      });
    });
    const rhs = Float64Array.from(columns, (a) => dot(rows(a), y));
    const nonNegative = Array.from(linearIndices, (k) => k < model.components);
    const { solution } = nonNegativeLeastSquares(gram, rhs, { nonNegative });
    const largest = Math.max(...solution.map(Math.abs));
    linearIndices.forEach((k, i) => {
      expect(Math.abs((p[k] as number) - (solution[i] as number))).toBeLessThan(1e-6 * largest);
    });
    expect(p.subarray(0, model.components).some((c) => c === 0)).toBe(true);
    const values = new Float64Array(model.rows);
    model.evaluate(p, values);
    let chi2 = 0;
    for (let r = 0; r < priorRows; r++) chi2 += ((y[r] as number) - (values[r] as number)) ** 2;
    expect(cost / chi2).toBeCloseTo(1, 9);
  });

  it('gives the Gram matrix of the linear columns of the Jacobian', () => {
    const p = parameters();
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    part.solveInto(p);
    const chosen = Int32Array.from([0, 5, 11, layout.baseline, layout.baseline + 3, layout.count - 1]);
    const gram = new Float64Array(chosen.length ** 2);
    part.gramOf(p, chosen, gram);
    const columns = linearColumns(p);
    const priorRows = model.priorRowsStart;
    chosen.forEach((a, i) => {
      chosen.forEach((b, j) => {
        const ca = columns[linearIndices.indexOf(a)] as Float64Array;
        const cb = columns[linearIndices.indexOf(b)] as Float64Array;
        const expected = dot(ca.subarray(0, priorRows), cb.subarray(0, priorRows));
        const scale = Math.sqrt(dot(ca, ca) * dot(cb, cb));
        expect(Math.abs((gram[i * chosen.length + j] as number) - expected)).toBeLessThan(1e-10 * scale);
      });
    });
  });

  it('rotates with the zero-order phase: the same amplitude matrix, the right-hand side and baseline of the rotated system', () => {
    const part = new LcmLinearPart(model, model.baselineSmoothness);
    const p = parameters();
    const at = (phase: number) => {
      p[layout.phase0] = phase;
      return part.reduced(p);
    };
    const start = at(0.3);
    const direct = at(2.2);
    const rotated = start.rotated(1.9);
    const scale = Math.max(...start.gram.map(Math.abs));
    direct.gram.forEach((g, k) => {
      expect(Math.abs(g - (start.gram[k] as number))).toBeLessThan(1e-10 * scale);
    });
    const rhsScale = Math.max(...direct.rhs.map(Math.abs));
    direct.rhs.forEach((r, k) => {
      expect(Math.abs(r - (rotated.rhs[k] as number))).toBeLessThan(1e-10 * rhsScale);
    });
    const c = Float64Array.from({ length: model.components }, (_, k) => (k % 3) * 10);
    const expected = direct.baselineOf(c);
    const baselineScale = Math.max(...expected.map(Math.abs));
    rotated.baselineOf(c).forEach((b, k) => {
      expect(Math.abs(b - (expected[k] as number))).toBeLessThan(1e-10 * baselineScale);
    });
  });
});
