/**
 * Weighted least-squares polynomial fit, solved by a QR factorisation of the Vandermonde matrix in
 * a centred and scaled variable.
 *
 * Why not `ml-regression-polynomial` (not installed) or the normal equations? Raw powers of x
 * (wavelengths of 200–1000 nm, channel numbers to 4096) make the normal equations lose most digits
 * from order 3 on; on u = (x − centre)/halfRange ∈ [−1, 1] with Householder QR a fit of order 10
 * over 10⁴ points keeps about 10 digits. Callers that need raw-power coefficients (a channel
 * calibration λ(i) = Σ c_k·i^k) get them expanded, which is exact in exact arithmetic and loses
 * digits only for high orders far from 0.
 */
import { WorkbenchError } from '../core/errors';

/** Options of {@link polynomialFit}. */
export interface PolynomialFitOptions {
  /** Weight of each point (1/σ² for data of known σ), finite and ≥ 0. Default 1 for every point. */
  weights?: ArrayLike<number>;
}

/** A fitted polynomial: coefficients in the scaled variable and in raw powers of x. */
export interface PolynomialFit {
  readonly order: number;
  /** u = (x − centre)/halfRange maps the fitted x range onto [−1, 1]. */
  readonly centre: number;
  readonly halfRange: number;
  /** b_k of Σ b_k·u^k (well conditioned: use {@link PolynomialFit.evaluate}). */
  readonly scaledCoefficients: Float64Array;
  /** c_k of Σ c_k·x^k, expanded from the scaled form (ill-conditioned for high orders). */
  readonly coefficients: Float64Array;
  /** The polynomial at x (evaluated in the scaled form). */
  readonly evaluate: (x: number) => number;
  /** Weighted residual sum of squares Σ wᵢ(yᵢ − p(xᵢ))². */
  readonly residualSumOfSquares: number;
}

/**
 * Least-squares polynomial of degree `order` through (x, y), minimising Σ wᵢ(yᵢ − p(xᵢ))² (Björck,
 * "Numerical Methods for Least Squares Problems", SIAM 1996, §2.4: Householder QR of the weighted
 * Vandermonde matrix). Points of weight 0 are ignored; x need not be sorted.
 *
 * @param x - Abscissae.
 * @param y - Values, one per x.
 * @param order - Degree, integer 0 ≤ order ≤ 20.
 * @throws WorkbenchError `INVALID_OPTION` for mismatched lengths, a bad order or weight, NaN data,
 *   or fewer distinct weighted abscissae than order + 1.
 */
export function polynomialFit(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  order: number,
  options: PolynomialFitOptions = {},
): PolynomialFit {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `polynomialFit: ${message}`);
  };
  if (!(Number.isInteger(order) && order >= 0 && order <= 20)) fail(`order must be an integer 0–20 (got ${order})`);
  if (y.length !== x.length) fail(`y must have one value per x (${x.length}, got ${y.length})`);
  const { weights } = options;
  if (weights !== undefined && weights.length !== x.length) {
    fail(`weights must have one value per x (${x.length}, got ${weights.length})`);
  }
  const used: number[] = [];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (!(w >= 0 && Number.isFinite(w))) fail(`weights must be finite and ≥ 0 (got ${w} at ${i})`);
    if (w === 0) continue;
    const xi = x[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(y[i] as number)) fail(`x and y must be finite (point ${i})`);
    used.push(i);
    low = Math.min(low, xi);
    high = Math.max(high, xi);
  }
  const distinct = new Set(used.map((i) => x[i] as number)).size;
  if (distinct < order + 1) fail(`order ${order} needs ${order + 1} distinct weighted x values (got ${distinct})`);
  const centre = (low + high) / 2;
  const halfRange = high > low ? (high - low) / 2 : 1;
  const rows = used.length;
  const columns = order + 1;
  // Column-major weighted Vandermonde matrix and right-hand side.
  const a = new Float64Array(rows * columns);
  const rhs = new Float64Array(rows);
  used.forEach((i, r) => {
    const root = Math.sqrt(weights === undefined ? 1 : (weights[i] as number));
    const u = ((x[i] as number) - centre) / halfRange;
    let power = root;
    for (let j = 0; j < columns; j++, power *= u) a[j * rows + r] = power;
    rhs[r] = root * (y[i] as number);
  });
  const scaled = solveByHouseholder(a, rhs, rows, columns);
  let residualSumOfSquares = 0;
  for (let r = columns; r < rows; r++) residualSumOfSquares += (rhs[r] as number) ** 2;
  const evaluate = (value: number): number => {
    const u = (value - centre) / halfRange;
    let sum = 0;
    for (let k = order; k >= 0; k--) sum = sum * u + (scaled[k] as number);
    return sum;
  };
  return {
    order,
    centre,
    halfRange,
    scaledCoefficients: scaled,
    coefficients: expandPowers(scaled, centre, halfRange),
    evaluate,
    residualSumOfSquares,
  };
}

/** Least squares of the column-major `a` (rows × columns) against `rhs`; rhs becomes Qᵀ·rhs. */
function solveByHouseholder(a: Float64Array, rhs: Float64Array, rows: number, columns: number): Float64Array {
  const diagonal = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    const c = j * rows;
    let squares = 0;
    for (let i = j; i < rows; i++) squares += (a[c + i] as number) ** 2;
    const head = a[c + j] as number;
    const alpha = head > 0 ? -Math.sqrt(squares) : Math.sqrt(squares);
    a[c + j] = head - alpha;
    let vv = 0;
    for (let i = j; i < rows; i++) vv += (a[c + i] as number) ** 2;
    const beta = vv === 0 ? 0 : 2 / vv;
    diagonal[j] = alpha;
    const reflect = (target: Float64Array, offset: number): void => {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += (a[c + i] as number) * (target[offset + i] as number);
      const s = beta * dot;
      for (let i = j; i < rows; i++) target[offset + i] = (target[offset + i] as number) - s * (a[c + i] as number);
    };
    for (let l = j + 1; l < columns; l++) reflect(a, l * rows);
    reflect(rhs, 0);
  }
  const out = new Float64Array(columns);
  for (let j = columns - 1; j >= 0; j--) {
    let sum = rhs[j] as number;
    for (let l = j + 1; l < columns; l++) sum -= (a[l * rows + j] as number) * (out[l] as number);
    out[j] = sum / (diagonal[j] as number);
  }
  return out;
}

/** c_j of Σ b_k((x − c)/h)^k = Σ c_j x^j, by the binomial expansion. */
function expandPowers(scaled: Float64Array, centre: number, halfRange: number): Float64Array {
  const n = scaled.length;
  const out = new Float64Array(n);
  const binomial = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // binomial[j] = C(k, j), updated in place row by row of Pascal's triangle
    binomial[k] = 1;
    for (let j = k - 1; j > 0; j--) binomial[j] = (binomial[j] as number) + (binomial[j - 1] as number);
    const bk = (scaled[k] as number) / halfRange ** k;
    for (let j = 0; j <= k; j++) out[j] = (out[j] as number) + bk * (binomial[j] as number) * (-centre) ** (k - j);
  }
  return out;
}
