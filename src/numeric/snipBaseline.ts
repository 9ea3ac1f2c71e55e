/**
 * SNIP baseline (statistics-sensitive non-linear iterative peak clipping).
 *
 * Why not a library: ml-spectra-processing has no SNIP; its `xyRollingCircle` is a rolling ball of
 * a fixed radius in y units, which depends on the intensity scale.
 */
import { WorkbenchError } from '../core/errors';

/** Options of {@link snipBaseline}. */
export interface SnipBaselineOptions {
  /**
   * Largest clipping half-window m (points): peaks up to about 2m points wide at the base are
   * removed. Integer ≥ 1. Default 20.
   */
  halfWidth?: number;
  /**
   * Apply the log-log-square-root (LLS) transform first, which compresses tall peaks so that
   * clipping works on count-like data of large dynamic range. Default true.
   */
  lls?: boolean;
  /** Preallocated result (length y.length, not overlapping y); returned when given. */
  output?: Float64Array;
}

/**
 * SNIP (Ryan, Clayton, Griffin, Sie & Cousens 1988, Nucl. Instrum. Methods B 34:396,
 * doi:10.1016/0168-583X(88)90063-8; Morháč, Kliman, Matoušek, Veselský & Turzo 1997, NIM A
 * 401:113): for clipping windows p = 1 … m, every point is replaced by the smaller of itself and
 * the mean of its neighbours p points away, which shaves peaks from the top while a smooth
 * background (convex or gently concave over 2m points) stays. With `lls`, v = ln(ln(√(y − y_min + 1)
 * + 1) + 1) before clipping and the inverse after (Morháč's LLS operator; the minimum is subtracted
 * first so negative, dark-subtracted values are allowed). The first and last p points are not
 * clipped at window p (their neighbours are missing). O(n·m).
 *
 * @param y - Values, finite.
 * @throws WorkbenchError `INVALID_OPTION` for a bad half width or an output of the wrong length.
 */
export function snipBaseline(y: ArrayLike<number>, options: SnipBaselineOptions = {}): Float64Array {
  const { halfWidth = 20, lls = true, output } = options;
  if (!(Number.isInteger(halfWidth) && halfWidth >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `snipBaseline: halfWidth must be an integer ≥ 1 (got ${halfWidth})`);
  }
  const n = y.length;
  if (output !== undefined && output.length !== n) {
    throw new WorkbenchError('INVALID_OPTION', `snipBaseline: output must have length ${n} (got ${output.length})`);
  }
  let floor = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) floor = Math.min(floor, y[i] as number);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = y[i] as number;
    v[i] = lls ? Math.log(Math.log(Math.sqrt(value - floor + 1) + 1) + 1) : value;
  }
  const next = new Float64Array(n);
  for (let p = 1; p <= halfWidth; p++) {
    next.set(v);
    for (let i = p; i < n - p; i++) {
      const mean = ((v[i - p] as number) + (v[i + p] as number)) / 2;
      if (mean < (v[i] as number)) next[i] = mean;
    }
    v.set(next);
  }
  const result = output ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = v[i] as number;
    result[i] = lls ? (Math.exp(Math.exp(value) - 1) - 1) ** 2 - 1 + floor : value;
  }
  return result;
}
