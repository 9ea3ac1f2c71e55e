import { cholesky } from '../../../numeric/cholesky';
import { invertSymmetric } from '../../../numeric/invertSymmetric';
import {
  type LeastSquaresJacobian,
  type LeastSquaresModel,
  type LevenbergMarquardtResult,
  levenbergMarquardt,
} from '../../../numeric/levenbergMarquardt';

/** A separable least-squares problem: the model is linear in every parameter not listed in `nonlinear`. */
export interface SeparableProblem {
  /** Target of every residual row (data, then penalty and prior rows). */
  readonly y: ArrayLike<number>;
  /** Weight of each row (1/σ²). */
  readonly weights: ArrayLike<number>;
  /** Indices of the nonlinear parameters in the full parameter vector. */
  readonly nonlinear: readonly number[];
  /**
   * Writes into p the linear parameters that minimise χ² for p's nonlinear ones (within their
   * bounds, e.g. amplitudes ≥ 0 by NNLS).
   */
  readonly solveLinear: (p: Float64Array) => void;
  /** Model values of every row for the full parameter vector. */
  readonly model: LeastSquaresModel;
  /** Full analytic Jacobian (rows × parameters, row-major). */
  readonly jacobian: LeastSquaresJacobian;
  /**
   * Optional: the projected normal equations at p for the free linear parameters `linear` — Kaufman's
   * (as {@link kaufmanNormalEquations} makes them from the full Jacobian) or those of the exact
   * projected Jacobian (with Golub and Pereyra's term, see {@link schurProjection}) — when the
   * problem's structure gives them cheaper than the full Jacobian, which is then not formed.
   */
  readonly projectedNormalEquations?: (
    p: Float64Array,
    modelValues: Float64Array,
    linear: Int32Array,
    normal: Float64Array,
    gradient: Float64Array,
  ) => void;
  /** Optional: JᵀWJ of the full Jacobian at p (parameters × parameters), when the problem has it cheaper than the sums over the rows. */
  readonly normalMatrix?: (p: Float64Array) => Float64Array;
  /** Bounds of every parameter (those of the linear ones only say which end up held, for the covariance). */
  readonly lowerBounds: ArrayLike<number>;
  readonly upperBounds: ArrayLike<number>;
}

/** Options of {@link variableProjection}: the Levenberg–Marquardt settings for the nonlinear parameters. */
export interface VariableProjectionOptions {
  readonly maxIterations?: number;
  readonly chiSquareTolerance?: number;
  readonly parameterTolerance?: number;
  readonly initialDamping?: number;
}

/**
 * Separable nonlinear least squares by variable projection (Golub & Pereyra, SIAM J Numer Anal
 * 1973;10:413; review: Inverse Problems 2003;19:R1): Levenberg–Marquardt runs on the nonlinear
 * parameters only, and every evaluation first solves the linear ones exactly (`solveLinear`), so
 * χ²(θ) = min over the linear parameters. Its Jacobian is Kaufman's approximation (BIT 1975;15:49),
 *
 *   J_K = (I − J_L·(J_Lᵀ·W·J_L)⁻¹·J_Lᵀ·W)·J_N,
 *
 * J_N and J_L the full Jacobian's columns of the nonlinear and of the free linear parameters (those
 * not held at a bound): its gradient J_Kᵀ·W·r is exact at the linear optimum, only the Gauss–Newton
 * curvature is approximated (a problem may supply the exact projected one instead). At the solution
 * the covariance is (JᵀWJ)⁻¹ of the FULL Jacobian over every parameter not held at a bound, exactly
 * what Levenberg–Marquardt on all parameters reports, so Cramér–Rao bounds do not change;
 * `iterations` counts the nonlinear iterations.
 *
 * @param initial - Full parameter vector; its linear parameters are solved again before the first step.
 */
export function variableProjection(
  problem: SeparableProblem,
  initial: ArrayLike<number>,
  options: VariableProjectionOptions = {},
): LevenbergMarquardtResult {
  const rows = problem.y.length;
  const n = initial.length;
  const nonlinear = Int32Array.from(problem.nonlinear);
  const q = nonlinear.length;
  const template = Float64Array.from(initial);
  let fullJacobian = new Float64Array(problem.projectedNormalEquations === undefined ? rows * n : 0);
  let jacobianAt: Float64Array | undefined;
  // The last two full vectors solved: the LM evaluates a trial point, then (accepted or not) asks
  // for the Jacobian at its current point.
  const solved: { theta: Float64Array; full: Float64Array }[] = [];
  const full = (theta: Float64Array): Float64Array => {
    const hit = solved.find((entry) => sameValues(entry.theta, theta));
    if (hit !== undefined) return hit.full;
    const p = Float64Array.from(template);
    for (let k = 0; k < q; k++) p[nonlinear[k] as number] = theta[k] as number;
    problem.solveLinear(p);
    solved.unshift({ theta: Float64Array.from(theta), full: p });
    solved.length = Math.min(solved.length, 2);
    return p;
  };
  const lower = Float64Array.from(nonlinear, (k) => problem.lowerBounds[k] as number);
  const upper = Float64Array.from(nonlinear, (k) => problem.upperBounds[k] as number);
  const theta0 = Float64Array.from(nonlinear, (k) => initial[k] as number);
  const result = levenbergMarquardt(problem.y, (theta, out) => problem.model(full(theta), out), theta0, {
    weights: problem.weights,
    normalEquations: (theta, modelValues, normal, gradient) => {
      const p = full(theta);
      const linear = freeLinear(p, nonlinear, problem.lowerBounds, problem.upperBounds);
      if (problem.projectedNormalEquations !== undefined) {
        problem.projectedNormalEquations(p, modelValues, linear, normal, gradient);
        return;
      }
      if (fullJacobian.length === 0) fullJacobian = new Float64Array(rows * n);
      problem.jacobian(p, fullJacobian);
      jacobianAt = p;
      const jacobian = { values: fullJacobian, rows, columns: n };
      const residual = Float64Array.from(modelValues, (value, i) => (problem.y[i] as number) - value);
      kaufmanNormalEquations(jacobian, problem.weights, residual, linear, nonlinear, normal, gradient);
    },
    lowerBounds: lower,
    upperBounds: upper,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    ...(options.initialDamping === undefined ? {} : { initialDamping: options.initialDamping }),
    ...(options.chiSquareTolerance === undefined ? {} : { chiSquareTolerance: options.chiSquareTolerance }),
    ...(options.parameterTolerance === undefined ? {} : { parameterTolerance: options.parameterTolerance }),
  });
  const p = full(result.parameters);
  const free = Array.from(
    { length: n },
    (_, k) => !(p[k] === problem.lowerBounds[k] || p[k] === problem.upperBounds[k]),
  );
  let normal: Float64Array;
  if (problem.normalMatrix !== undefined) normal = problem.normalMatrix(p);
  else {
    // levenbergMarquardt ends with a Jacobian at its solution: reuse it unless it was elsewhere.
    if (fullJacobian.length === 0) fullJacobian = new Float64Array(rows * n);
    if (jacobianAt !== p) problem.jacobian(p, fullJacobian);
    normal = normalMatrix(fullJacobian, rows, n, problem.weights);
  }
  const covariance = invertSymmetric(normal, n, { keep: free });
  const freeCount = free.filter(Boolean).length;
  const dof = rows - freeCount;
  return {
    parameters: p,
    covariance,
    chiSquare: result.chiSquare,
    reducedChiSquare: dof > 0 ? result.chiSquare / dof : Number.NaN,
    degreesOfFreedom: dof,
    iterations: result.iterations,
    converged: result.converged,
    atBound: free.map((isFree) => !isFree),
  };
}

/** Linear parameters not held at a bound (those the projection removes). */
function freeLinear(
  p: Float64Array,
  nonlinear: Int32Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): Int32Array {
  const isNonlinear = new Uint8Array(p.length);
  for (const k of nonlinear) isNonlinear[k] = 1;
  const out: number[] = [];
  for (let k = 0; k < p.length; k++) {
    if (isNonlinear[k] === 1 || p[k] === lower[k] || p[k] === upper[k]) continue;
    out.push(k);
  }
  return Int32Array.from(out);
}

/** A row-major Jacobian. */
export interface DenseJacobian {
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/**
 * The normal equations of Kaufman's Jacobian J_K = (I − J_L·G⁻¹·J_LᵀW)·J_N (G = J_LᵀWJ_L) without
 * forming it: J_KᵀWJ_K = J_NᵀWJ_N − Cᵀ·G⁻¹·C and J_KᵀW·r = J_NᵀW·r − Cᵀ·G⁻¹·J_LᵀW·r, C = J_LᵀWJ_N
 * (the Schur complement of the linear block in the full normal matrix). Rows' exact zeros are
 * skipped (splines, priors).
 */
export function kaufmanNormalEquations(
  jacobian: DenseJacobian,
  weights: ArrayLike<number>,
  residual: ArrayLike<number>,
  linear: Int32Array,
  nonlinear: Int32Array,
  normal: Float64Array,
  gradient: Float64Array,
): void {
  const { values: jac, rows, columns: n } = jacobian;
  const s = linear.length;
  const q = nonlinear.length;
  const gram = new Float64Array(s * s);
  const cross = new Float64Array(s * q);
  const linearGradient = new Float64Array(s);
  const index = new Int32Array(s);
  const entries = new Float64Array(s);
  const row = new Float64Array(q);
  normal.fill(0);
  gradient.fill(0);
  for (let i = 0; i < rows; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const at = i * n;
    const wr = w * (residual[i] as number);
    for (let k = 0; k < q; k++) row[k] = jac[at + (nonlinear[k] as number)] as number;
    for (let k = 0; k < q; k++) {
      const v = row[k] as number;
      if (v === 0) continue;
      gradient[k] = (gradient[k] as number) + v * wr;
      const wv = w * v;
      for (let l = k; l < q; l++) normal[k * q + l] = (normal[k * q + l] as number) + wv * (row[l] as number);
    }
    let count = 0;
    for (let a = 0; a < s; a++) {
      const v = jac[at + (linear[a] as number)] as number;
      if (v === 0) continue;
      index[count] = a;
      entries[count++] = v;
    }
    for (let u = 0; u < count; u++) {
      const a = index[u] as number;
      const wv = w * (entries[u] as number);
      linearGradient[a] = (linearGradient[a] as number) + (entries[u] as number) * wr;
      const c = a * q;
      for (let k = 0; k < q; k++) cross[c + k] = (cross[c + k] as number) + wv * (row[k] as number);
      for (let v = u; v < count; v++) {
        const b = a * s + (index[v] as number);
        gram[b] = (gram[b] as number) + wv * (entries[v] as number);
      }
    }
  }
  for (let a = 0; a < s; a++) for (let b = 0; b < a; b++) gram[a * s + b] = gram[b * s + a] as number;
  for (let k = 0; k < q; k++) for (let l = 0; l < k; l++) normal[k * q + l] = normal[l * q + k] as number;
  schurProjection(gram, cross, linearGradient, s, q, normal, gradient);
}

/**
 * The Schur-complement step of {@link kaufmanNormalEquations}: with G = J_LᵀWJ_L (s × s), C = J_LᵀWJ_N
 * (s × q) and h = J_LᵀW·r, subtracts Cᵀ·G⁻¹·C from `normal` (q × q, full) and Cᵀ·G⁻¹·h from
 * `gradient`. With `second` = E (s × q, E_k = (∂J_L/∂θ_k)ᵀ·W·r) it also adds Golub and Pereyra's
 * term of the exact Jacobian, J = J_K + J_L·G⁻¹·E: since J_Kᵀ·W·J_L = 0, JᵀWJ = J_KᵀWJ_K + Eᵀ·G⁻¹·E
 * and JᵀW·r = J_KᵀW·r + Eᵀ·G⁻¹·h. Leaves both as they are when G is not positive definite.
 */
export function schurProjection(
  gram: Float64Array,
  cross: Float64Array,
  linearGradient: Float64Array,
  s: number,
  q: number,
  normal: Float64Array,
  gradient: Float64Array,
  second?: Float64Array,
): void {
  const factor = s === 0 ? undefined : cholesky(gram, s);
  if (factor === undefined) return;
  const project = (c: Float64Array, sign: number): void => {
    const column = new Float64Array(s);
    const x = new Float64Array(s);
    for (let k = 0; k < q; k++) {
      for (let a = 0; a < s; a++) column[a] = c[a * q + k] as number;
      factor.solve(column, x);
      let projected = 0;
      for (let a = 0; a < s; a++) projected += (x[a] as number) * (linearGradient[a] as number);
      gradient[k] = (gradient[k] as number) + sign * projected;
      for (let l = 0; l < q; l++) {
        let sum = 0;
        for (let a = 0; a < s; a++) sum += (c[a * q + l] as number) * (x[a] as number);
        normal[l * q + k] = (normal[l * q + k] as number) + sign * sum;
      }
    }
  };
  project(cross, -1);
  if (second !== undefined) project(second, 1);
}

/** JᵀWJ (n × n, row-major), skipping each row's exact zeros. */
function normalMatrix(jac: Float64Array, rows: number, n: number, weights: ArrayLike<number>): Float64Array {
  const a = new Float64Array(n * n);
  const nonZero = new Int32Array(n);
  for (let i = 0; i < rows; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const row = i * n;
    let count = 0;
    for (let k = 0; k < n; k++) if ((jac[row + k] as number) !== 0) nonZero[count++] = k;
    for (let u = 0; u < count; u++) {
      const k = nonZero[u] as number;
      const wj = w * (jac[row + k] as number);
      for (let v = u; v < count; v++) {
        const l = nonZero[v] as number;
        a[k * n + l] = (a[k * n + l] as number) + wj * (jac[row + l] as number);
      }
    }
  }
  for (let k = 0; k < n; k++) for (let l = 0; l < k; l++) a[k * n + l] = a[l * n + k] as number;
  return a;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
