import airPLS from 'ml-airpls';
import { type Spectrum, WorkbenchError } from '../../../core';
import { alsBaseline } from '../../../numeric/alsBaseline';
import { modPolyBaseline } from '../../../numeric/modPolyBaseline';
import { snipBaseline } from '../../../numeric/snipBaseline';
import { derivedSpectrum, requireOptical, round } from './opticalSupport';

/** The baseline methods of {@link removeBaseline}. */
export type BaselineMethod = 'airpls' | 'als' | 'modpoly' | 'snip';

/** Options of {@link removeBaseline}; each method reads its own. */
export interface BaselineOptions {
  readonly method?: BaselineMethod;
  /** airPLS smoothness λ (first-difference penalty, per point). Default 100. */
  readonly airplsLambda?: number;
  /** ALS smoothness λ (second-difference penalty, per point: bends over ≈ λ^¼ points). Default 1e6. */
  readonly alsLambda?: number;
  /** ALS asymmetry p (weight of points above the line). Default 0.01. */
  readonly alsP?: number;
  /** Degree of the iterative polynomial (modpoly). Default 5. */
  readonly polynomialOrder?: number;
  /** SNIP clipping half-window (points): a little more than the widest line's full base width / 2. Default 20. */
  readonly snipHalfWidth?: number;
}

/** The corrected spectrum and the line removed (on the same x, for plotting). */
export interface BaselineResult {
  readonly spectrum: Spectrum;
  readonly baseline: Float64Array;
}

/**
 * Removes a smooth background (continuum, fluorescence, stray light) from an optical spectrum:
 * - `airpls`: adaptive iteratively reweighted penalised least squares (Zhang, Chen & Liang 2010,
 *   Analyst 135:1138, doi:10.1039/b922045c) by cheminfo's `ml-airpls` 2.2 (first-difference
 *   Whittaker smoother solved by sparse Cholesky; its weights are exp(−(r/t)²) with t from a noise
 *   estimate, not the paper's exp(t·|r|/|Σr⁻|), and points more than 2t from the line get weight 0):
 *   few parameters, good for LIBS/AES with many narrow lines;
 * - `als`: asymmetric least squares (Eilers & Boelens 2005; `numeric/alsBaseline`), second-difference
 *   penalty: stiffer between lines, sits at the lower edge of the noise;
 * - `modpoly`: iterative polynomial (Lieber & Mahadevan-Jansen 2003; `numeric/modPolyBaseline`): broad
 *   fluorescence under Raman bands;
 * - `snip`: clipping with the LLS transform (Ryan et al. 1988; `numeric/snipBaseline`), the classic
 *   of X-ray/gamma and LIBS software.
 * Meta: `baseline` (method), `baseline.parameters`, `baseline.rms` (RMS of the removed line).
 * @throws WorkbenchError INVALID_OPTION (bad option, non-optical spectrum) or INVALID_DATA (NaN).
 */
export function removeBaseline(spectrum: Spectrum, options: BaselineOptions = {}): BaselineResult {
  requireOptical(spectrum, 'baseline removal');
  const method = options.method ?? 'airpls';
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `baseline (${method}): ${message}`, { file: spectrum.file });
  };
  if (y.length < 5) fail(`needs at least 5 points (got ${y.length})`);
  let baseline: Float64Array;
  let parameters: string;
  try {
    [baseline, parameters] = baselineOf(method, x, y, options, fail);
  } catch (error) {
    // the numeric functions' option errors carry no file: add it
    if (error instanceof WorkbenchError && error.file === undefined) {
      throw new WorkbenchError(error.code, error.message, { file: spectrum.file, cause: error });
    }
    throw error;
  }
  const corrected = Float64Array.from(y, (v, i) => v - (baseline[i] as number));
  const rms = Math.sqrt(baseline.reduce((s, v) => s + v * v, 0) / baseline.length);
  const result = derivedSpectrum(spectrum, corrected, 'baseline corrected', {
    baseline: method,
    'baseline.parameters': parameters,
    'baseline.rms': round(rms, 4),
  });
  return { spectrum: result, baseline };
}

/** The baseline of one method and its parameters in words. */
function baselineOf(
  method: BaselineMethod,
  x: Float64Array,
  y: Float64Array,
  options: BaselineOptions,
  fail: (message: string) => never,
): [Float64Array, string] {
  switch (method) {
    case 'airpls': {
      const lambda = options.airplsLambda ?? 100;
      if (!(lambda > 0 && Number.isFinite(lambda))) fail(`lambda must be > 0 (got ${lambda})`);
      return [Float64Array.from(airPLS(x, y, { lambda }).baseline), `lambda ${lambda}`];
    }
    case 'als': {
      const lambda = options.alsLambda ?? 1e6;
      const p = options.alsP ?? 0.01;
      return [alsBaseline(y, { lambda, p }), `lambda ${lambda}, p ${p}`];
    }
    case 'modpoly': {
      const order = options.polynomialOrder ?? 5;
      return [modPolyBaseline(x, y, { order }).baseline, `order ${order}`];
    }
    case 'snip': {
      const halfWidth = options.snipHalfWidth ?? 20;
      return [snipBaseline(y, { halfWidth }), `half-width ${halfWidth} points`];
    }
    default: {
      const exhaustive: never = method;
      return fail(`unknown method ${String(exhaustive)}`);
    }
  }
}
