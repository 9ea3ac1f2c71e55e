/**
 * Savitzky–Golay smoothing and differentiation with scipy's `mode='interp'` edges.
 *
 * Why not `ml-savitzky-golay-generalized` (cheminfo, 4.1.x)? Its results are right: its edges are
 * scipy's 'interp' (it fits the first/last window and evaluates that polynomial at the edge
 * points), it differentiates, and its Gram-polynomial weights are accurate, so within its range it
 * agrees with scipy to rounding. It falls short of our needs in that it rejects windows of 1 and 3
 * points and polynomial order 0 (scipy accepts them), takes no preallocated output (our pipeline
 * reuses buffers), throws `RangeError`/`TypeError` rather than a {@link WorkbenchError} naming the
 * option, and rebuilds a window × window weight matrix from recursive Gram polynomials on every
 * call. Those gaps are as large as the filter itself, so we keep our own.
 */
import { WorkbenchError } from '../core/errors';

/** Options of {@link savitzkyGolay}. */
export interface SavitzkyGolayOptions {
  /** Points in each local fit; odd, 1 ≤ windowLength ≤ y.length. Default 11. */
  windowLength?: number;
  /** Degree of the local polynomial; 0 ≤ polynomialOrder < windowLength. Default 3. */
  polynomialOrder?: number;
  /** Order of the derivative returned; 0 ≤ derivative ≤ polynomialOrder. Default 0 (smoothing). */
  derivative?: number;
  /**
   * Spacing of consecutive samples, in x-axis units; only scales derivatives (the result is in
   * y units per x unit^derivative). Default 1.
   */
  delta?: number;
  /** Preallocated result (length y.length, not overlapping y); returned when given. */
  output?: Float64Array;
}

/**
 * Savitzky–Golay filter: each output point is the `derivative`-th derivative, at that point, of
 * the least-squares polynomial of degree `polynomialOrder` through the `windowLength` samples
 * centred on it (Savitzky & Golay 1964, Anal. Chem. 36(8):1627, doi:10.1021/ac60214a047).
 * Within `windowLength >> 1` points of either end the polynomial fitted to the first (last)
 * window is evaluated at the edge points instead, exactly as
 * `scipy.signal.savgol_filter(y, windowLength, polynomialOrder, derivative, delta, mode='interp')`.
 *
 * Coefficients come from a Householder QR of the window's Vandermonde matrix on abscissae scaled
 * to [-1, 1], so they stay accurate for wide windows and high orders, where scipy 1.17's
 * unscaled least squares loses digits (scipy/scipy#20825). Rounding in y is amplified by the
 * weights' L1 norm, which grows fast with the derivative order (≈1e10 for the 10th derivative of a
 * degree-10 fit). Samples are assumed equally spaced. NaN in y spreads to every output point whose
 * window contains it.
 *
 * @param y - Samples, equally spaced in x.
 * @param options - See {@link SavitzkyGolayOptions}.
 * @returns The filtered samples (`options.output` when given).
 * @throws WorkbenchError `INVALID_OPTION` when an option is out of range or not an integer.
 */
export function savitzkyGolay(y: ArrayLike<number>, options: SavitzkyGolayOptions = {}): Float64Array {
  const { windowLength = 11, polynomialOrder = 3, derivative = 0, delta = 1, output } = options;
  const n = y.length;
  checkOptions(y, windowLength, polynomialOrder, derivative, delta, output);
  const result = output ?? new Float64Array(n);
  const half = (windowLength - 1) / 2;
  const qr = windowQr(windowLength, polynomialOrder);
  // The fit runs on u = (k - half) / scale; d/dx = d/du / (scale * delta).
  const scale = Math.max(half, 1);
  const factor = 1 / (scale * delta) ** derivative;

  // Interior: a straight convolution with the centre-point weights.
  const weights = centreWeights(qr, derivative);
  for (let k = 0; k < windowLength; k++) weights[k] = (weights[k] as number) * factor;
  for (let i = half; i < n - half; i++) {
    const start = i - half;
    let sum = 0;
    for (let k = 0; k < windowLength; k++) sum += (weights[k] as number) * (y[start + k] as number);
    result[i] = sum;
  }

  // Edges: fit the first and last windows once and evaluate the polynomial at the edge points.
  const window = new Float64Array(windowLength);
  const coefficients = new Float64Array(polynomialOrder + 1);
  for (const right of [false, true]) {
    const start = right ? n - windowLength : 0;
    for (let k = 0; k < windowLength; k++) window[k] = y[start + k] as number;
    fitCoefficients(qr, window, coefficients);
    const first = right ? windowLength - half : 0;
    for (let k = first; k < first + half; k++) {
      result[start + k] = factor * derivativeAt(coefficients, derivative, (k - half) / scale);
    }
  }
  return result;
}

/**
 * Householder QR of the windowLength × (order + 1) Vandermonde matrix V_kj = u_k^j on the
 * abscissae u_k = (k - half) / max(half, 1) ∈ [-1, 1] (scaling keeps V well conditioned).
 */
interface WindowQr {
  readonly rows: number;
  readonly columns: number;
  /** Column-major; column j holds Householder vector j in rows j.., R_lj (l < j) above it. */
  readonly matrix: Float64Array;
  readonly beta: Float64Array;
  readonly rDiagonal: Float64Array;
}

function windowQr(windowLength: number, order: number): WindowQr {
  const rows = windowLength;
  const columns = order + 1;
  const half = (windowLength - 1) / 2;
  const scale = Math.max(half, 1);
  const matrix = new Float64Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    const u = (k - half) / scale;
    let power = 1;
    for (let j = 0; j < columns; j++, power *= u) matrix[j * rows + k] = power;
  }
  const qr = { rows, columns, matrix, beta: new Float64Array(columns), rDiagonal: new Float64Array(columns) };
  for (let j = 0; j < columns; j++) {
    const c = j * rows;
    let squares = 0;
    for (let i = j; i < rows; i++) squares += (matrix[c + i] as number) ** 2;
    const head = matrix[c + j] as number;
    // Sign chosen against the head so that head - alpha never cancels.
    const alpha = head > 0 ? -Math.sqrt(squares) : Math.sqrt(squares);
    matrix[c + j] = head - alpha;
    let vectorSquares = 0;
    for (let i = j; i < rows; i++) vectorSquares += (matrix[c + i] as number) ** 2;
    qr.beta[j] = vectorSquares === 0 ? 0 : 2 / vectorSquares;
    qr.rDiagonal[j] = alpha;
    for (let l = j + 1; l < columns; l++) reflect(qr, j, matrix, l * rows);
  }
  return qr;
}

/** Applies Householder reflector j to target[offset + j .. offset + rows). */
function reflect(qr: WindowQr, j: number, target: Float64Array, offset: number): void {
  const { rows, matrix } = qr;
  const c = j * rows;
  let dot = 0;
  for (let i = j; i < rows; i++) dot += (matrix[c + i] as number) * (target[offset + i] as number);
  const s = (qr.beta[j] as number) * dot;
  for (let i = j; i < rows; i++) target[offset + i] = (target[offset + i] as number) - s * (matrix[c + i] as number);
}

/** Least-squares polynomial coefficients (in u) of `values`; overwrites `values` with Qᵀ·values. */
function fitCoefficients(qr: WindowQr, values: Float64Array, coefficients: Float64Array): void {
  const { rows, columns, matrix } = qr;
  for (let j = 0; j < columns; j++) reflect(qr, j, values, 0);
  for (let j = columns - 1; j >= 0; j--) {
    let sum = values[j] as number;
    for (let l = j + 1; l < columns; l++) sum -= (matrix[l * rows + j] as number) * (coefficients[l] as number);
    coefficients[j] = sum / (qr.rDiagonal[j] as number);
  }
}

/**
 * Weights w with w·values = d-th derivative (in u) at u = 0 of the least-squares polynomial:
 * w = Q·R⁻ᵀ·g with g_j = d/du^d u^j at 0, i.e. d! at j = d and 0 elsewhere.
 */
function centreWeights(qr: WindowQr, derivative: number): Float64Array {
  const { rows, columns, matrix } = qr;
  const weights = new Float64Array(rows);
  let factorial = 1;
  for (let q = 2; q <= derivative; q++) factorial *= q;
  for (let j = 0; j < columns; j++) {
    let sum = j === derivative ? factorial : 0;
    for (let l = 0; l < j; l++) sum -= (matrix[j * rows + l] as number) * (weights[l] as number);
    weights[j] = sum / (qr.rDiagonal[j] as number);
  }
  for (let j = columns - 1; j >= 0; j--) reflect(qr, j, weights, 0);
  return weights;
}

/** d-th derivative at u of the polynomial Σ c_j u^j (Horner on the differentiated coefficients). */
function derivativeAt(coefficients: Float64Array, derivative: number, u: number): number {
  let sum = 0;
  for (let j = coefficients.length - 1; j >= derivative; j--) {
    let falling = 1;
    for (let q = 0; q < derivative; q++) falling *= j - q;
    sum = sum * u + (coefficients[j] as number) * falling;
  }
  return sum;
}

function checkOptions(
  y: ArrayLike<number>,
  windowLength: number,
  polynomialOrder: number,
  derivative: number,
  delta: number,
  output: Float64Array | undefined,
): void {
  const n = y.length;
  if (!Number.isInteger(windowLength) || windowLength < 1 || windowLength % 2 === 0 || windowLength > n) {
    invalid(`windowLength must be an odd integer in [1, y.length = ${n}] (got ${windowLength})`);
  }
  if (!Number.isInteger(polynomialOrder) || polynomialOrder < 0 || polynomialOrder >= windowLength) {
    invalid(
      `polynomialOrder must be an integer in [0, windowLength - 1 = ${windowLength - 1}] (got ${polynomialOrder})`,
    );
  }
  if (!Number.isInteger(derivative) || derivative < 0 || derivative > polynomialOrder) {
    invalid(`derivative must be an integer in [0, polynomialOrder = ${polynomialOrder}] (got ${derivative})`);
  }
  if (!(delta > 0) || !Number.isFinite(delta)) {
    invalid(`delta must be a finite number > 0 (got ${delta})`);
  }
  if (output !== undefined) {
    if (!(output instanceof Float64Array)) invalid('output must be a Float64Array');
    if (output.length !== n) invalid(`output must have length y.length = ${n} (got ${output.length})`);
    if (ArrayBuffer.isView(y) && y.buffer === output.buffer) {
      const yStart = y.byteOffset;
      const outStart = output.byteOffset;
      if (yStart < outStart + output.byteLength && outStart < yStart + y.byteLength) {
        invalid('output must not overlap y (the filter reads y while writing output)');
      }
    }
  }
}

function invalid(message: string): never {
  throw new WorkbenchError('INVALID_OPTION', `savitzkyGolay: ${message}`);
}
