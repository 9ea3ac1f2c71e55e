import { cholesky } from './cholesky';

/** Options of {@link invertSymmetric}. */
export interface InvertSymmetricOptions {
  /** Which rows/columns take part (default all); the others come back as 0 (e.g. parameters held fixed). */
  keep?: readonly boolean[];
  /** Smallest Cholesky pivot of the unit-diagonal matrix accepted; below it the matrix counts as singular. Default 1e-7 (condition ≳ 1e14). */
  minPivot?: number;
}

/**
 * Inverse of a symmetric positive-definite n × n matrix (row-major) — e.g. the covariance
 * (JᵀWJ)⁻¹ from the normal matrix of a least-squares fit. The kept block is first scaled to unit
 * diagonal (D^-½·A·D^-½), so that rows of very different size (a peak area of 10⁴ next to a slope
 * of 10⁻³) do not spoil the pivots, then inverted column by column through its Cholesky factor and
 * scaled back. Rows and columns not kept are 0 in the result. Every kept entry is NaN when the
 * block is not positive definite, has a zero or non-finite diagonal, or its smallest scaled pivot is
 * below `minPivot` (numerically singular: parameters that cannot be told apart).
 */
export function invertSymmetric(
  matrix: ArrayLike<number>,
  n: number,
  options: InvertSymmetricOptions = {},
): Float64Array {
  const { keep, minPivot = 1e-7 } = options;
  const index: number[] = [];
  for (let k = 0; k < n; k++) if (keep === undefined || keep[k]) index.push(k);
  const q = index.length;
  const out = new Float64Array(n * n);
  if (q === 0) return out;
  const scale = index.map((k) => 1 / Math.sqrt(matrix[k * n + k] as number));
  const scaled = new Float64Array(q * q);
  for (let r = 0; r < q; r++) {
    for (let c = 0; c < q; c++) {
      const value = matrix[(index[r] as number) * n + (index[c] as number)] as number;
      scaled[r * q + c] = value * (scale[r] as number) * (scale[c] as number);
    }
  }
  const factor = scale.every(Number.isFinite) ? cholesky(scaled, q, scaled) : undefined;
  let singular = factor === undefined;
  for (let k = 0; k < q && factor !== undefined; k++)
    if (!((factor.lower[k * q + k] as number) >= minPivot)) singular = true;
  if (factor === undefined || singular) {
    for (const r of index) for (const c of index) out[r * n + c] = Number.NaN;
    return out;
  }
  const column = new Float64Array(q);
  const unit = new Float64Array(q);
  for (let c = 0; c < q; c++) {
    unit.fill(0);
    unit[c] = 1;
    factor.solve(unit, column);
    for (let r = 0; r < q; r++) {
      const value = (column[r] as number) * (scale[r] as number) * (scale[c] as number);
      out[(index[r] as number) * n + (index[c] as number)] = value;
    }
  }
  return out;
}
