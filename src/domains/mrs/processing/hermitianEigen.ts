import { WorkbenchError } from '../../../core';

/** A dense complex matrix, row-major: element (i, j) at [i·n + j]. */
export interface ComplexMatrix {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** What {@link hermitianEigen} found. */
export interface HermitianEigen {
  /** Eigenvalues, descending. */
  readonly values: Float64Array;
  /** Eigenvectors as columns (row-major n × n: component i of vector k at [i·n + k]), unit norm. */
  readonly vectors: ComplexMatrix;
}

/**
 * Eigen-decomposition of a small Hermitian matrix (n up to ~100) by cyclic complex Jacobi
 * rotations: each pair (p, q) is first made real by a diagonal phase, then zeroed by a real
 * rotation (Golub & Van Loan, Matrix Computations 4th ed. §8.5; the phase step as in Henrici
 * 1958), sweeps until the off-diagonal norm is below 1e-15 of the Frobenius norm. Cost about
 * 10·n³ complex multiply-adds. Only the upper triangle's Hermitian counterpart is assumed, the
 * input is not changed. Used for coil noise covariances (32 × 32) and Lanczos projections.
 * @throws WorkbenchError INVALID_OPTION when the arrays do not hold n × n values.
 */
export function hermitianEigen(matrix: ComplexMatrix, n: number): HermitianEigen {
  if (!(Number.isInteger(n) && n >= 1) || matrix.re.length !== n * n || matrix.im.length !== n * n) {
    throw new WorkbenchError('INVALID_OPTION', `hermitianEigen: expected ${n} × ${n} values`);
  }
  const ar = Float64Array.from(matrix.re);
  const ai = Float64Array.from(matrix.im);
  for (let i = 0; i < n; i++) ai[i * n + i] = 0;
  const vr = new Float64Array(n * n);
  const vi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vr[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += (ar[i] as number) ** 2 + (ai[i] as number) ** 2;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) off += (ar[p * n + q] as number) ** 2 + (ai[p * n + q] as number) ** 2;
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(ar, ai, vr, vi, n, p, q);
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (a, b) => (ar[b * n + b] as number) - (ar[a * n + a] as number),
  );
  const values = new Float64Array(n);
  const outR = new Float64Array(n * n);
  const outI = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = ar[from * n + from] as number;
    for (let i = 0; i < n; i++) {
      outR[i * n + to] = vr[i * n + from] as number;
      outI[i * n + to] = vi[i * n + from] as number;
    }
  });
  return { values, vectors: { re: outR, im: outI } };
}

/** One Jacobi rotation J zeroing (p, q): A ← Jᴴ A J, V ← V J, with J = diag(1, e^{−iθ})·R(c, s). */
function rotate(
  ar: Float64Array,
  ai: Float64Array,
  vr: Float64Array,
  vi: Float64Array,
  n: number,
  p: number,
  q: number,
) {
  const xr = ar[p * n + q] as number;
  const xi = ai[p * n + q] as number;
  const r = Math.hypot(xr, xi);
  if (r === 0) return;
  const app = ar[p * n + p] as number;
  const aqq = ar[q * n + q] as number;
  if (r < 1e-300 || Math.abs(app - aqq) * 1e-17 > r) {
    // negligible next to the diagonal gap: drop it
    ar[p * n + q] = ai[p * n + q] = ar[q * n + p] = ai[q * n + p] = 0;
    return;
  }
  const er = xr / r; // e^{iθ}
  const ei = xi / r;
  const tau = (aqq - app) / (2 * r);
  const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
  const c = 1 / Math.sqrt(1 + t * t);
  const s = t * c;
  // J = [[c, s], [−s·e^{−iθ}, c·e^{−iθ}]] on (p, q)
  const jpp = c;
  const jpq = s;
  const jqpR = -s * er;
  const jqpI = s * ei;
  const jqqR = c * er;
  const jqqI = -c * ei;
  const columns = (mr: Float64Array, mi: Float64Array) => {
    for (let k = 0; k < n; k++) {
      const pr = mr[k * n + p] as number;
      const pi = mi[k * n + p] as number;
      const qr = mr[k * n + q] as number;
      const qi = mi[k * n + q] as number;
      mr[k * n + p] = pr * jpp + qr * jqpR - qi * jqpI;
      mi[k * n + p] = pi * jpp + qr * jqpI + qi * jqpR;
      mr[k * n + q] = pr * jpq + qr * jqqR - qi * jqqI;
      mi[k * n + q] = pi * jpq + qr * jqqI + qi * jqqR;
    }
  };
  columns(ar, ai);
  columns(vr, vi);
  // rows: A ← Jᴴ A
  for (let k = 0; k < n; k++) {
    const pr = ar[p * n + k] as number;
    const pi = ai[p * n + k] as number;
    const qr = ar[q * n + k] as number;
    const qi = ai[q * n + k] as number;
    ar[p * n + k] = jpp * pr + jqpR * qr + jqpI * qi;
    ai[p * n + k] = jpp * pi + jqpR * qi - jqpI * qr;
    ar[q * n + k] = jpq * pr + jqqR * qr + jqqI * qi;
    ai[q * n + k] = jpq * pi + jqqR * qi - jqqI * qr;
  }
  ar[p * n + q] = ai[p * n + q] = ar[q * n + p] = ai[q * n + p] = 0;
  ai[p * n + p] = 0;
  ai[q * n + q] = 0;
}
