/**
 * Baseline by iterative ("modified") polynomial fitting.
 *
 * Why not a library: `ml-baseline-correction-regression` (cheminfo's version of this method) is not
 * installed, and the method is a dozen lines around {@link polynomialFit}.
 */
import { WorkbenchError } from '../core/errors';
import { polynomialFit } from './polynomialFit';

/** Options of {@link modPolyBaseline}. */
export interface ModPolyBaselineOptions {
  /** Polynomial degree, integer 1–15. Default 5. */
  order?: number;
  /** Most fit–clip passes, integer ≥ 1. Default 100. */
  maxIterations?: number;
  /** Stop when ‖fₖ − fₖ₋₁‖/‖fₖ‖ falls below this (Lieber & Mahadevan-Jansen use 0.001). Default 1e-3. */
  tolerance?: number;
}

/** The baseline of {@link modPolyBaseline} and how many passes it took. */
export interface ModPolyBaselineResult {
  readonly baseline: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Modified polynomial fit baseline (Lieber & Mahadevan-Jansen 2003, "Automated method for
 * subtraction of fluorescence from biological Raman spectra", Appl. Spectrosc. 57:1363,
 * doi:10.1366/000370203322554518): fit a polynomial to the spectrum, replace every point above
 * the fit by the fit, and refit, until the fit stops moving. Peaks are clipped away pass by pass, so
 * the line settles under them; it settles near the lower edge of the noise band, not its middle
 * (the method's known bias of about one noise SD). Suited to broad fluorescence backgrounds
 * (Raman) and smooth continua; a background that bends on the scale of the peaks needs
 * ALS or airPLS instead.
 *
 * @param x - Abscissae (any units, sorted or not).
 * @param y - Values, one per x, finite.
 * @throws WorkbenchError `INVALID_OPTION` for a bad option or mismatched lengths.
 */
export function modPolyBaseline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: ModPolyBaselineOptions = {},
): ModPolyBaselineResult {
  const { order = 5, maxIterations = 100, tolerance = 1e-3 } = options;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `modPolyBaseline: ${message}`);
  };
  if (!(Number.isInteger(order) && order >= 1 && order <= 15)) fail(`order must be an integer 1–15 (got ${order})`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    fail(`maxIterations must be an integer ≥ 1 (got ${maxIterations})`);
  }
  if (!(tolerance > 0 && Number.isFinite(tolerance))) fail(`tolerance must be > 0 (got ${tolerance})`);
  if (y.length !== x.length) fail(`y must have one value per x (${x.length}, got ${y.length})`);
  const n = y.length;
  const work = Float64Array.from(y);
  let previous = new Float64Array(n);
  let current = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    const fit = polynomialFit(x, work, order);
    let change = 0;
    let size = 0;
    for (let i = 0; i < n; i++) {
      const value = fit.evaluate(x[i] as number);
      current[i] = value;
      change += (value - (previous[i] as number)) ** 2;
      size += value * value;
      if ((work[i] as number) > value) work[i] = value;
    }
    iterations += 1;
    converged = iterations > 1 && Math.sqrt(change) <= tolerance * Math.sqrt(size);
    [previous, current] = [current, previous];
  }
  return { baseline: previous, iterations, converged };
}
