/**
 * Weighted nonlinear least squares by Levenberg–Marquardt, with the parameter covariance.
 *
 * Why not cheminfo's `ml-levenberg-marquardt` (5.x)? It returns only `parameterValues`, the final
 * weighted sum of squares (`parameterError`) and the iteration count: no covariance matrix, so no
 * parameter uncertainties, and no convergence flag. Its numeric Jacobian uses one absolute step
 * (`gradientDifference`, default 0.1) for every parameter, which is wrong for parameters of very
 * different scales (a peak area of 10⁴ next to a slope of 10⁻³); its stopping rule
 * (`errorTolerance`, an absolute bound on χ²) never fires on counting data, so it always runs to
 * `maxIterations`; and it evaluates the model one point at a time through a closure and pulls in
 * `ml-matrix`. Uncertainties are the reason we fit at all, so we keep our own.
 */
import { WorkbenchError } from '../core/errors';
import { centralDifferenceJacobian, type VectorJacobian, type VectorModel } from './centralDifferenceJacobian';
import { cholesky } from './cholesky';
import { invertSymmetric } from './invertSymmetric';

/** Writes the model's value at every data point (`output.length` = number of points). */
export type LeastSquaresModel = VectorModel;

/** Writes ∂model_i/∂p_k into `jacobian[i·n + k]` (row-major, points × parameters). */
export type LeastSquaresJacobian = VectorJacobian;

/**
 * Writes JᵀWJ (n × n, row-major) into `normal` and JᵀW(y − f) into `gradient` at `parameters`,
 * where `modelValues` = f(parameters) (weights applied).
 */
export type LeastSquaresNormalEquations = (
  parameters: Float64Array,
  modelValues: Float64Array,
  normal: Float64Array,
  gradient: Float64Array,
) => void;

/** Options of {@link levenbergMarquardt}. */
export interface LevenbergMarquardtOptions {
  /** Weight of each point, 1/σᵢ² (σᵢ in y units); ≥ 0, finite. Default 1 for every point. */
  weights?: ArrayLike<number>;
  /** Analytic Jacobian; default: central differences (one-sided at a bound). */
  jacobian?: LeastSquaresJacobian;
  /**
   * Forms the weighted normal equations itself, in place of `jacobian` and the sums over the points:
   * for models whose JᵀWJ is cheaper to build than J (variable projection). The covariance is then
   * the inverse of what it gives at the solution.
   */
  normalEquations?: LeastSquaresNormalEquations;
  /** Lower bound of each parameter (−Infinity for none). Steps are clamped to the bounds. */
  lowerBounds?: ArrayLike<number>;
  /** Upper bound of each parameter (+Infinity for none). */
  upperBounds?: ArrayLike<number>;
  /** Most iterations (Jacobian evaluations). Integer ≥ 1, default 200. */
  maxIterations?: number;
  /** Stop when an accepted step lowers χ² by less than this fraction of χ². Default 1e-10. */
  chiSquareTolerance?: number;
  /** Stop when no parameter moves by more than this fraction of max(|p|, 1e-10). Default 1e-10. */
  parameterTolerance?: number;
  /** Starting damping λ (relative to the diagonal of JᵀWJ). > 0, default 1e-3. */
  initialDamping?: number;
  /** Numeric-Jacobian step, relative: h = differenceStep · max(|p|, 1). > 0, default 1e-5 (≈ ε^⅓, the best step for central differences). */
  differenceStep?: number;
}

/** What {@link levenbergMarquardt} found. */
export interface LevenbergMarquardtResult {
  readonly parameters: Float64Array;
  /**
   * (JᵀWJ)⁻¹ at the solution, row-major n × n: the parameter covariance when the weights are
   * 1/σ² of the data. Not scaled by the reduced χ² (do that yourself when the weights are only
   * relative). Rows and columns of parameters held at a bound are 0; the free block is NaN when JᵀWJ of the
   * free parameters is singular.
   */
  readonly covariance: Float64Array;
  /** Σ wᵢ (yᵢ − modelᵢ)² at the solution. */
  readonly chiSquare: number;
  /** χ² / (points − free parameters); NaN when there are no degrees of freedom. */
  readonly reducedChiSquare: number;
  readonly degreesOfFreedom: number;
  readonly iterations: number;
  /** True when a tolerance was met (or no step could lower χ² any further), false after maxIterations. */
  readonly converged: boolean;
  /** Which parameters ended on a bound (held there for the covariance). */
  readonly atBound: readonly boolean[];
}

/**
 * Minimises χ² = Σ wᵢ (yᵢ − f(p)ᵢ)² by Levenberg–Marquardt (Marquardt 1963, J. SIAM 11:431,
 * doi:10.1137/0111030) with Marquardt's diagonal scaling (A + λ·diag A)·δ = Jᵀ W r and Nielsen's
 * damping update (Madsen, Nielsen & Tingleff 2004, "Methods for non-linear least squares
 * problems", §3.2). Bounds are enforced by clamping each trial point (a projected step); a
 * parameter that ends on its bound is treated as fixed for the covariance. The covariance is
 * (JᵀWJ)⁻¹ of the free parameters at the solution (Press et al., Numerical Recipes §15.5),
 * inverted by Cholesky after scaling to unit diagonal.
 *
 * NaN or ±Infinity in the model counts as an infinitely bad point: such a step is rejected.
 *
 * @param y - Data, one value per point.
 * @param model - Fills the model values for a parameter vector.
 * @param initialParameters - Starting point (clamped into the bounds).
 * @throws WorkbenchError `INVALID_OPTION` for inconsistent lengths or out-of-range options.
 */
export function levenbergMarquardt(
  y: ArrayLike<number>,
  model: LeastSquaresModel,
  initialParameters: ArrayLike<number>,
  options: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  const m = y.length;
  const n = initialParameters.length;
  const o = checkOptions(m, n, options);
  const p = new Float64Array(n);
  for (let k = 0; k < n; k++) p[k] = clamp(initialParameters[k] as number, o.lower[k] as number, o.upper[k] as number);

  const f = new Float64Array(m);
  const trialF = new Float64Array(m);
  const jac = new Float64Array(o.normalEquations === undefined ? m * n : 0);
  const a = new Float64Array(n * n);
  const g = new Float64Array(n);
  const damped = new Float64Array(n * n);
  const delta = new Float64Array(n);
  const trial = new Float64Array(n);
  const free = new Array<boolean>(n).fill(true);
  const jacobianAt =
    o.jacobian ?? centralDifferenceJacobian(model, m, n, { relativeStep: o.step, lower: o.lower, upper: o.upper });
  const formNormalEquations = (): void => {
    if (o.normalEquations !== undefined) {
      o.normalEquations(p, f, a, g);
      return;
    }
    jacobianAt(p, jac);
    normalEquations(y, f, jac, o.weights, m, n, a, g);
  };

  model(p, f);
  let chi2 = chiSquare(y, f, o.weights);
  let lambda = o.damping;
  let nu = 2;
  let iterations = 0;
  let converged = chi2 === 0;
  while (!converged && iterations < o.maxIterations) {
    iterations += 1;
    formNormalEquations();
    holdActiveBounds(p, o.lower, o.upper, a, g, n);
    let accepted = false;
    while (!accepted) {
      damped.set(a);
      let largestDiagonal = 0;
      for (let k = 0; k < n; k++) largestDiagonal = Math.max(largestDiagonal, a[k * n + k] as number);
      for (let k = 0; k < n; k++) {
        const akk = a[k * n + k] as number;
        damped[k * n + k] = akk + lambda * Math.max(akk, 1e-12 * largestDiagonal);
      }
      const factor = cholesky(damped, n, damped);
      if (factor === undefined) {
        lambda *= nu;
        nu *= 2;
        if (lambda > 1e16) break;
        continue;
      }
      factor.solve(g, delta);
      let largestMove = 0;
      for (let k = 0; k < n; k++) {
        const pk = p[k] as number;
        trial[k] = clamp(pk + (delta[k] as number), o.lower[k] as number, o.upper[k] as number);
        largestMove = Math.max(largestMove, Math.abs((trial[k] as number) - pk) / Math.max(Math.abs(pk), 1e-10));
      }
      model(trial, trialF);
      const trialChi2 = chiSquare(y, trialF, o.weights);
      // Gain ratio: actual decrease over the decrease the damped linear model predicts.
      let predicted = 0;
      for (let k = 0; k < n; k++) {
        const step = (trial[k] as number) - (p[k] as number);
        predicted += step * (lambda * (a[k * n + k] as number) * step + (g[k] as number));
      }
      if (trialChi2 < chi2) {
        const rho = predicted > 0 ? (chi2 - trialChi2) / predicted : 1;
        lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
        nu = 2;
        const decrease = chi2 - trialChi2;
        p.set(trial);
        f.set(trialF);
        chi2 = trialChi2;
        accepted = true;
        converged = decrease <= o.chi2Tol * chi2 || largestMove <= o.paramTol || chi2 === 0;
      } else {
        lambda *= nu;
        nu *= 2;
        if (lambda > 1e16 || largestMove <= o.paramTol) break;
      }
    }
    // No step lowers χ² even with huge damping: we sit at the minimum to rounding.
    if (!accepted) converged = true;
  }

  for (let k = 0; k < n; k++) {
    const pk = p[k] as number;
    free[k] = !(pk === o.lower[k] || pk === o.upper[k]);
  }
  formNormalEquations();
  const covariance = invertSymmetric(a, n, { keep: free });
  const freeCount = free.filter(Boolean).length;
  const dof = m - freeCount;
  return {
    parameters: p,
    covariance,
    chiSquare: chi2,
    reducedChiSquare: dof > 0 ? chi2 / dof : Number.NaN,
    degreesOfFreedom: dof,
    iterations,
    converged,
    atBound: free.map((isFree) => !isFree),
  };
}

interface CheckedOptions {
  weights: ArrayLike<number> | undefined;
  jacobian: LeastSquaresJacobian | undefined;
  normalEquations: LeastSquaresNormalEquations | undefined;
  lower: Float64Array;
  upper: Float64Array;
  maxIterations: number;
  chi2Tol: number;
  paramTol: number;
  damping: number;
  step: number;
}

function checkOptions(m: number, n: number, options: LevenbergMarquardtOptions): CheckedOptions {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `levenbergMarquardt: ${message}`);
  };
  if (n < 1) fail('initialParameters must hold at least one parameter (got 0)');
  if (m < 1) fail('y must hold at least one point (got 0)');
  const { weights, lowerBounds, upperBounds } = options;
  if (weights !== undefined) {
    if (weights.length !== m) fail(`weights must have one value per point (${m}, got ${weights.length})`);
    for (let i = 0; i < m; i++) {
      const w = weights[i] as number;
      if (!(w >= 0 && Number.isFinite(w))) fail(`weights must be finite and ≥ 0 (got ${w} at ${i})`);
    }
  }
  const bound = (values: ArrayLike<number> | undefined, name: string, fallback: number): Float64Array => {
    const out = new Float64Array(n).fill(fallback);
    if (values === undefined) return out;
    if (values.length !== n) fail(`${name} must have one value per parameter (${n}, got ${values.length})`);
    for (let k = 0; k < n; k++) {
      if (Number.isNaN(values[k] as number)) fail(`${name} must not be NaN (at ${k})`);
      out[k] = values[k] as number;
    }
    return out;
  };
  const lower = bound(lowerBounds, 'lowerBounds', Number.NEGATIVE_INFINITY);
  const upper = bound(upperBounds, 'upperBounds', Number.POSITIVE_INFINITY);
  for (let k = 0; k < n; k++) {
    if (!((lower[k] as number) <= (upper[k] as number))) {
      fail(`lowerBounds must not exceed upperBounds (parameter ${k}: ${lower[k]} > ${upper[k]})`);
    }
  }
  const { maxIterations = 200, chiSquareTolerance = 1e-10, parameterTolerance = 1e-10 } = options;
  const { initialDamping = 1e-3, differenceStep = 1e-5 } = options;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    fail(`maxIterations must be an integer ≥ 1 (got ${maxIterations})`);
  }
  const limits: [string, number, number][] = [
    ['initialDamping', initialDamping, Number.MIN_VALUE],
    ['differenceStep', differenceStep, Number.MIN_VALUE],
    ['chiSquareTolerance', chiSquareTolerance, 0],
    ['parameterTolerance', parameterTolerance, 0],
  ];
  for (const [name, value, least] of limits) {
    if (!(value >= least && Number.isFinite(value))) {
      fail(`${name} must be a finite number ${least === 0 ? '≥' : '>'} 0 (got ${value})`);
    }
  }
  return {
    weights,
    jacobian: options.jacobian,
    normalEquations: options.normalEquations,
    lower,
    upper,
    maxIterations,
    chi2Tol: chiSquareTolerance,
    paramTol: parameterTolerance,
    damping: initialDamping,
    step: differenceStep,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function chiSquare(y: ArrayLike<number>, f: Float64Array, weights: ArrayLike<number> | undefined): number {
  let sum = 0;
  for (let i = 0; i < f.length; i++) {
    const r = (y[i] as number) - (f[i] as number);
    sum += (weights === undefined ? 1 : (weights[i] as number)) * r * r;
  }
  return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
}

/** A = JᵀWJ (n × n), g = JᵀW(y − f). */
function normalEquations(
  y: ArrayLike<number>,
  f: Float64Array,
  jac: Float64Array,
  weights: ArrayLike<number> | undefined,
  m: number,
  n: number,
  a: Float64Array,
  g: Float64Array,
): void {
  a.fill(0);
  g.fill(0);
  // Only the non-zero entries of each row enter the sums: Jacobians of models with local basis
  // functions (splines) or priors (one parameter per row) are mostly zeros, and skipping exact
  // zeros changes no sum.
  const nonZero = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (w === 0) continue;
    const wr = w * ((y[i] as number) - (f[i] as number));
    const row = i * n;
    let count = 0;
    for (let k = 0; k < n; k++) if ((jac[row + k] as number) !== 0) nonZero[count++] = k;
    for (let p = 0; p < count; p++) {
      const k = nonZero[p] as number;
      const jk = jac[row + k] as number;
      const wj = w * jk;
      g[k] = (g[k] as number) + jk * wr;
      const base = k * n;
      for (let q = p; q < count; q++) {
        const l = nonZero[q] as number;
        a[base + l] = (a[base + l] as number) + wj * (jac[row + l] as number);
      }
    }
  }
  for (let k = 0; k < n; k++) for (let l = 0; l < k; l++) a[k * n + l] = a[l * n + k] as number;
}

/**
 * Active set: a parameter on a bound whose descent direction (+g, as ∇χ² = −2g) points out of the
 * box is held for this iteration — its row and column of A become the identity and g_k = 0, so the
 * other parameters' step does not count on a move that clamping would undo.
 */
function holdActiveBounds(
  p: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  a: Float64Array,
  g: Float64Array,
  n: number,
): void {
  for (let k = 0; k < n; k++) {
    const pk = p[k] as number;
    const gk = g[k] as number;
    const held =
      lower[k] === upper[k] || (pk <= (lower[k] as number) && gk <= 0) || (pk >= (upper[k] as number) && gk >= 0);
    if (!held) continue;
    for (let l = 0; l < n; l++) {
      a[k * n + l] = 0;
      a[l * n + k] = 0;
    }
    a[k * n + k] = 1;
    g[k] = 0;
  }
}
