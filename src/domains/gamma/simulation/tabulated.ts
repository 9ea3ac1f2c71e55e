/**
 * Interpolation in tabulated physics data (cross-sections, efficiencies) on an energy grid.
 *
 * Grids are ascending; an absorption edge is written as the same energy twice (value below the
 * edge, then above it), the convention of the NIST XCOM tables the data come from.
 */

/**
 * Index i of the segment [xs[i], xs[i+1]] that holds `x`: the last i with xs[i] ≤ x, so that at a
 * repeated energy (an edge) the branch above the edge is used. Clamped to [0, n − 2].
 */
export function segmentIndex(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (!(x >= (xs[0] as number))) return 0;
  if (x >= (xs[hi] as number)) return Math.max(0, hi - 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  // At an edge (x equal to a repeated grid energy) take the upper branch.
  while (lo + 1 < xs.length - 1 && (xs[lo + 1] as number) === x) lo++;
  return lo;
}

/**
 * Log-log linear interpolation of `ys` over `xs` at `x` (x > 0), extrapolating the end segments.
 * A segment with a zero or negative end (pair production below and near its threshold) is
 * interpolated linearly instead, and never goes below zero.
 */
export function interpolateLogLog(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const i = segmentIndex(xs, x);
  const x0 = xs[i] as number;
  const x1 = xs[i + 1] as number;
  const y0 = ys[i] as number;
  const y1 = ys[i + 1] as number;
  if (x1 === x0) return y1;
  if (!(y0 > 0) || !(y1 > 0)) {
    if (x <= x0) return Math.max(0, y0);
    return Math.max(0, y0 + ((y1 - y0) * (x - x0)) / (x1 - x0));
  }
  const t = Math.log(x / x0) / Math.log(x1 / x0);
  return y0 * (y1 / y0) ** t;
}

/** Linear interpolation of `ys` over ascending `xs`, clamped to the end values outside. */
export function interpolateLinear(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (!(x > (xs[0] as number))) return ys[0] as number;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
  const i = segmentIndex(xs, x);
  const x0 = xs[i] as number;
  const x1 = xs[i + 1] as number;
  const y0 = ys[i] as number;
  return x1 === x0 ? y0 : y0 + (((ys[i + 1] as number) - y0) * (x - x0)) / (x1 - x0);
}
