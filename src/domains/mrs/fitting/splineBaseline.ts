/** Cubic B-spline functions sampled on a ppm grid: the smooth baseline of a linear-combination fit. */
export interface SplineBasis {
  /** Number of B-spline functions. */
  readonly count: number;
  /** Row-major points × count: the value of function b at point j is values[j·count + b]. */
  readonly values: Float64Array;
}

/**
 * Uniform cubic B-splines over [low, high] ppm with knots every `spacingPpm` (the interval count is
 * rounded up; the functions extend three knots beyond each end so the basis is complete on the
 * range). Osprey's LCM uses the same construction with 0.4 ppm spacing by default; LCModel's
 * baseline is a regularised spline too (knot spacing `DKNTMN`, 0.15 ppm by default); the fit adds
 * a second-difference penalty on the coefficients (a P-spline, Eilers & Marx, Stat Sci 1996;
 * 11:89) so that a fine spacing does not let the baseline take up metabolite signal.
 */
export function splineBaseline(ppm: ArrayLike<number>, low: number, high: number, spacingPpm: number): SplineBasis {
  const intervals = Math.max(1, Math.ceil((high - low) / spacingPpm - 1e-9));
  const h = (high - low) / intervals;
  const count = intervals + 3;
  const points = ppm.length;
  const values = new Float64Array(points * count);
  for (let j = 0; j < points; j++) {
    const u = ((ppm[j] as number) - low) / h;
    const cell = Math.min(intervals - 1, Math.max(0, Math.floor(u)));
    const s = u - cell;
    const s2 = s * s;
    const s3 = s2 * s;
    const r = 1 - s;
    // Cell `cell` is covered by functions cell … cell + 3 (uniform cubic B-spline weights).
    const weights = [(r * r * r) / 6, (3 * s3 - 6 * s2 + 4) / 6, (-3 * s3 + 3 * s2 + 3 * s + 1) / 6, s3 / 6];
    for (let q = 0; q < 4; q++) values[j * count + cell + q] = weights[q] as number;
  }
  return { count, values };
}
