import { nonNegativeLeastSquares } from '../../../numeric/nonNegativeLeastSquares';
import type { LcmModel } from './lcmModel';

/** A starting point for the nonlinear fit, and the RMS residual of the linear solve that gave it. */
export interface LcmStart {
  readonly parameters: Float64Array;
  readonly residualRms: number;
}

const PHASE_STEPS = 24;

/**
 * A starting point for {@link LcmModel}: for a small grid of metabolite line widths and shifts (and,
 * at the first, of zero-order phases every 15°), the amplitudes (≥ 0) and the complex baseline are
 * solved exactly by non-negative least squares on the normal equations; the best combination
 * starts Levenberg–Marquardt. The zero-order phase enters only through the data (rotated by −φ0),
 * so a phase costs one small NNLS, not a new set of basis transforms. Widths are in ppm so that the
 * grid suits any field (0.03 and 0.06 ppm ≈ 3.7 and 7.4 Hz at 3 T).
 */
export function initialLcmParameters(model: LcmModel, maxShiftHz: number): LcmStart {
  const layout = model.layout;
  const sf = model.acquisition.spectrometerFrequencyMHz;
  const base = new Float64Array(layout.count);
  for (let g = 0; g < model.groupNames.length; g++) {
    base[layout.groups + 3 * g] = 1;
    base[layout.groups + 3 * g + 1] = (model.groupNames[g] === 'metabolites' ? 0.04 * sf : 2) ** 2;
  }
  const metabolites = model.groupNames.indexOf('metabolites');
  let best: { cost: number; phase: number; solution: Float64Array; parameters: Float64Array } | undefined;
  const phases = Array.from({ length: PHASE_STEPS }, (_, k) => (2 * Math.PI * k) / PHASE_STEPS);
  const candidates: [number, number][] = [[0.04, 0]];
  for (const width of [0.025, 0.04, 0.07]) {
    for (const shift of [-0.03, 0, 0.03]) if (!(width === 0.04 && shift === 0)) candidates.push([width, shift]);
  }
  for (const [index, [widthPpm, shiftPpm]] of candidates.entries()) {
    const p = Float64Array.from(base);
    if (metabolites >= 0) {
      const at = layout.groups + 3 * metabolites;
      p[at + 1] = (widthPpm * sf) ** 2;
      p[at + 2] = Math.max(-maxShiftHz, Math.min(maxShiftHz, shiftPpm * sf));
    }
    const system = normalSystem(model, p);
    const tried = index === 0 ? phases : [best?.phase ?? 0];
    for (const phase of tried) {
      const rhs = Float64Array.from(system.h, (_, k) => {
        const hr = system.h[k] as number;
        const hi = system.hIm[k] as number;
        return hr * Math.cos(phase) + hi * Math.sin(phase);
      });
      const { solution } = nonNegativeLeastSquares(system.gram, rhs, { nonNegative: system.nonNegative });
      let cost = system.yy;
      for (let a = 0; a < solution.length; a++) {
        cost -= 2 * (rhs[a] as number) * (solution[a] as number);
        for (let b = 0; b < solution.length; b++) {
          cost += (solution[a] as number) * (system.gram[a * solution.length + b] as number) * (solution[b] as number);
        }
      }
      if (best === undefined || cost < best.cost) best = { cost, phase, solution, parameters: p };
    }
  }
  const chosen = best as NonNullable<typeof best>;
  const parameters = Float64Array.from(chosen.parameters);
  const m = model.components;
  for (let k = 0; k < m; k++) parameters[k] = chosen.solution[k] as number;
  parameters[layout.phase0] = chosen.phase;
  // The baseline was solved against data rotated by −φ0: rotate its coefficients back.
  const count = model.splineCount;
  const c = Math.cos(chosen.phase);
  const s = Math.sin(chosen.phase);
  for (let b = 0; b < count; b++) {
    const re = chosen.solution[m + b] as number;
    const im = chosen.solution[m + count + b] as number;
    parameters[layout.baseline + b] = re * c - im * s;
    parameters[layout.baseline + count + b] = re * s + im * c;
  }
  return { parameters, residualRms: Math.sqrt(Math.max(chosen.cost, 0) / (2 * model.bins)) };
}

interface NormalSystem {
  readonly gram: Float64Array;
  /** Re and Im of Σ conj(a_k)·y: with the data rotated by −φ, ⟨a_k, y′⟩ = hRe·cos φ + hIm·sin φ. */
  readonly h: Float64Array;
  readonly hIm: Float64Array;
  readonly yy: number;
  readonly nonNegative: boolean[];
}

/** Normal equations of the linear part (amplitudes, then baseline real and imaginary coefficients). */
function normalSystem(model: LcmModel, p: Float64Array): NormalSystem {
  const K = model.bins;
  const m = model.components;
  const count = model.splineCount;
  const n = m + 2 * count;
  const columnsRe: Float64Array[] = [];
  const columnsIm: Float64Array[] = [];
  for (let k = 0; k < m; k++) {
    const column = model.column(p, k);
    columnsRe.push(column.subarray(0, K));
    columnsIm.push(column.subarray(K, 2 * K));
  }
  for (let part = 0; part < 2; part++) {
    for (let b = 0; b < count; b++) {
      const values = Float64Array.from({ length: K }, (_, j) => model.splineValue(j, b));
      const zero = new Float64Array(K);
      columnsRe.push(part === 0 ? values : zero);
      columnsIm.push(part === 0 ? zero : values);
    }
  }
  const gram = new Float64Array(n * n);
  const h = new Float64Array(n);
  const hIm = new Float64Array(n);
  const yRe = model.data.re;
  const yIm = model.data.im;
  for (let a = 0; a < n; a++) {
    const ar = columnsRe[a] as Float64Array;
    const ai = columnsIm[a] as Float64Array;
    let hr = 0;
    let hi = 0;
    for (let j = 0; j < K; j++) {
      hr += (ar[j] as number) * (yRe[j] as number) + (ai[j] as number) * (yIm[j] as number);
      hi += (ar[j] as number) * (yIm[j] as number) - (ai[j] as number) * (yRe[j] as number);
    }
    h[a] = hr;
    hIm[a] = hi;
    for (let b = 0; b <= a; b++) {
      const br = columnsRe[b] as Float64Array;
      const bi = columnsIm[b] as Float64Array;
      let sum = 0;
      for (let j = 0; j < K; j++) sum += (ar[j] as number) * (br[j] as number) + (ai[j] as number) * (bi[j] as number);
      gram[a * n + b] = sum;
      gram[b * n + a] = sum;
    }
  }
  let yy = 0;
  for (let j = 0; j < K; j++) yy += (yRe[j] as number) ** 2 + (yIm[j] as number) ** 2;
  const nonNegative = Array.from({ length: n }, (_, k) => k < m);
  return { gram, h, hIm, yy, nonNegative };
}
