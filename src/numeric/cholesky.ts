/**
 * Cholesky factorisation of small dense symmetric matrices (normal equations, covariance).
 *
 * Why not `ml-matrix` (cheminfo)? It is not a dependency of this project, its
 * `CholeskyDecomposition` works on `Matrix` objects (arrays of rows) and so needs a copy of every
 * typed array, and it cannot factor into a reused buffer, which the fitters call many times per
 * spectrum. The algorithm is twenty lines.
 */

/** L of A = L·Lᵀ, with a solver. */
export interface CholeskyFactor {
  readonly n: number;
  /** Row-major n × n; the lower triangle holds L (the upper triangle is left as it was). */
  readonly lower: Float64Array;
  /** Solves A·x = b; writes into `output` (length n) when given, and returns x. */
  solve(b: ArrayLike<number>, output?: Float64Array): Float64Array;
}

/**
 * Cholesky–Banachiewicz factorisation A = L·Lᵀ of a symmetric positive-definite n × n matrix
 * (row-major; only the lower triangle is read) (Golub & Van Loan, Matrix Computations, 4th ed.,
 * §4.2). `undefined` when a pivot is not > 0 (A not positive definite, or NaN in it).
 *
 * @param matrix - Row-major n × n.
 * @param n - Order of the matrix.
 * @param output - Buffer of length n² for L (may be `matrix` itself, to factor in place).
 */
export function cholesky(matrix: ArrayLike<number>, n: number, output?: Float64Array): CholeskyFactor | undefined {
  const l = output ?? new Float64Array(n * n);
  if (l !== matrix) for (let i = 0; i < n * n; i++) l[i] = matrix[i] as number;
  for (let j = 0; j < n; j++) {
    let d = l[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    if (!(d > 0)) return undefined;
    const root = Math.sqrt(d);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = l[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / root;
    }
  }
  const solve = (b: ArrayLike<number>, x: Float64Array = new Float64Array(n)): Float64Array => {
    for (let i = 0; i < n; i++) {
      let s = b[i] as number;
      for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (x[k] as number);
      x[i] = s / (l[i * n + i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i] as number;
      for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
      x[i] = s / (l[i * n + i] as number);
    }
    return x;
  };
  return { n, lower: l, solve };
}
