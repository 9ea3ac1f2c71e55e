import { WorkbenchError } from '../core/errors';
import { cholesky } from './cholesky';

/** Options of {@link nonNegativeLeastSquares}. */
export interface NonNegativeLeastSquaresOptions {
  /** Which unknowns must stay ≥ 0 (default: all). The others are free (e.g. baseline coefficients). */
  readonly nonNegative?: readonly boolean[];
  /** Most outer iterations (default 3·n). */
  readonly maxIterations?: number;
}

/** What {@link nonNegativeLeastSquares} found. */
export interface NonNegativeLeastSquaresResult {
  readonly solution: Float64Array;
  /** True when the Kuhn–Tucker conditions hold (to rounding) at the end. */
  readonly converged: boolean;
}

/**
 * Minimises ‖A·x − b‖² subject to xᵢ ≥ 0 for the constrained unknowns, given the normal equations
 * G = AᵀA (row-major n × n) and h = Aᵀb: Lawson & Hanson's active-set algorithm (Solving Least
 * Squares Problems, 1974, ch. 23), with unconstrained unknowns always in the passive set. Working
 * on the normal equations keeps each step an n × n Cholesky solve, which suits the few dozen
 * unknowns of a linear-combination fit (metabolite amplitudes ≥ 0, free baseline coefficients)
 * solved many times over a grid of phases.
 *
 * Why not a library? cheminfo has no NNLS; `ml-matrix`'s solvers are unconstrained.
 *
 * @throws WorkbenchError `INVALID_OPTION` for inconsistent sizes.
 */
export function nonNegativeLeastSquares(
  gram: ArrayLike<number>,
  rhs: ArrayLike<number>,
  options: NonNegativeLeastSquaresOptions = {},
): NonNegativeLeastSquaresResult {
  const n = rhs.length;
  if (gram.length !== n * n) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `nonNegativeLeastSquares: gram must be ${n}×${n} (got ${gram.length} values)`,
    );
  }
  const constrained = options.nonNegative ?? new Array<boolean>(n).fill(true);
  if (constrained.length !== n) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `nonNegativeLeastSquares: nonNegative needs ${n} flags (got ${constrained.length})`,
    );
  }
  const maxIterations = options.maxIterations ?? 3 * n + 10;
  const passive = constrained.map((isConstrained) => !isConstrained);
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const gradient = new Float64Array(n);
  let scale = 0;
  for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(gram[k * n + k] as number));
  const tolerance = 1e-12 * Math.max(scale, 1e-300) * Math.max(1, Math.sqrt(n));

  const solvePassive = (): boolean => {
    const index: number[] = [];
    for (let k = 0; k < n; k++) if (passive[k]) index.push(k);
    z.fill(0);
    if (index.length === 0) return true;
    const p = index.length;
    const sub = new Float64Array(p * p);
    const right = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      const row = index[a] as number;
      right[a] = rhs[row] as number;
      for (let b = 0; b < p; b++) sub[a * p + b] = gram[row * n + (index[b] as number)] as number;
      sub[a * p + a] = (sub[a * p + a] as number) * (1 + 1e-12) + 1e-300;
    }
    const factor = cholesky(sub, p, sub);
    if (factor === undefined) return false;
    const solution = factor.solve(right);
    for (let a = 0; a < p; a++) z[index[a] as number] = solution[a] as number;
    return true;
  };

  // Free unknowns start in the passive set: solve for them first.
  if (passive.some(Boolean)) {
    solvePassive();
    x.set(z);
  }
  let converged = false;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // w = h − G·x, the negative gradient of ½‖Ax − b‖².
    let best = -1;
    let bestValue = tolerance;
    for (let k = 0; k < n; k++) {
      let sum = rhs[k] as number;
      for (let j = 0; j < n; j++) sum -= (gram[k * n + j] as number) * (x[j] as number);
      gradient[k] = sum;
      if (!passive[k] && sum > bestValue) {
        bestValue = sum;
        best = k;
      }
    }
    if (best < 0) {
      converged = true;
      break;
    }
    passive[best] = true;
    for (let inner = 0; inner < n + 1; inner++) {
      if (!solvePassive()) {
        passive[best] = false;
        converged = true;
        break;
      }
      let alpha = 1;
      let blocking = -1;
      for (let k = 0; k < n; k++) {
        if (!(passive[k] && constrained[k]) || (z[k] as number) > 0) continue;
        const denominator = (x[k] as number) - (z[k] as number);
        const candidate = denominator > 0 ? (x[k] as number) / denominator : 0;
        if (candidate < alpha) {
          alpha = candidate;
          blocking = k;
        }
      }
      if (blocking < 0) {
        x.set(z);
        break;
      }
      for (let k = 0; k < n; k++) x[k] = (x[k] as number) + alpha * ((z[k] as number) - (x[k] as number));
      for (let k = 0; k < n; k++) {
        if (constrained[k] && passive[k] && (x[k] as number) <= 1e-15 * Math.max(1, Math.abs(z[k] as number))) {
          passive[k] = false;
          x[k] = 0;
        }
      }
    }
  }
  return { solution: x, converged };
}
