import { WorkbenchError } from '../../../core/errors';

/** Relative errors of one metal over a held-out set. */
export interface RelativeErrorSummary {
  /** Median of |ĉ/c − 1|. */
  readonly median: number;
  /** 90th percentile of |ĉ/c − 1|. */
  readonly p90: number;
  /** Predictions that were no number (a fit or an inversion that failed): counted as infinite errors. */
  readonly failures: number;
  readonly count: number;
}

/**
 * Quantile q ∈ [0, 1] of ascending `sorted` values by linear interpolation between order
 * statistics (Hyndman & Fan 1996 type 7, the default of R and NumPy). Infinite values are allowed
 * (a quantile between a finite and an infinite value is infinite).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new WorkbenchError('INVALID_DATA', 'no values to take a quantile of');
  if (!(q >= 0 && q <= 1)) throw new WorkbenchError('INVALID_OPTION', `q must lie in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo === n - 1 || h === lo) return a;
  const b = sorted[lo + 1] as number;
  return b === a ? a : a + (h - lo) * (b - a);
}

/**
 * Median and 90th percentile of the relative error |ĉ/c − 1| of predicted concentrations
 * `predicted` against `truth` (same units, c > 0). A prediction that is NaN (no answer) counts as
 * an infinite error, so that a method that fails is not flattered by leaving samples out.
 * @throws WorkbenchError INVALID_DATA for unequal lengths, no samples or a truth ≤ 0.
 */
export function relativeErrorSummary(truth: ArrayLike<number>, predicted: ArrayLike<number>): RelativeErrorSummary {
  if (truth.length !== predicted.length)
    throw new WorkbenchError('INVALID_DATA', `${truth.length} true values but ${predicted.length} predictions`);
  const errors = new Float64Array(truth.length);
  let failures = 0;
  for (let i = 0; i < truth.length; i++) {
    const c = truth[i] as number;
    if (!(c > 0)) throw new WorkbenchError('INVALID_DATA', `true concentration ${i} is ${c}, not > 0`);
    const p = predicted[i] as number;
    if (Number.isNaN(p)) failures++;
    errors[i] = Number.isNaN(p) ? Number.POSITIVE_INFINITY : Math.abs(p / c - 1);
  }
  errors.sort();
  return {
    median: quantileSorted(errors, 0.5),
    p90: quantileSorted(errors, 0.9),
    failures,
    count: truth.length,
  };
}

/** Column `k` of row-major `values` with `width` columns, mapped through `map` (e.g. Math.exp of ln c). */
export function column(values: ArrayLike<number>, width: number, k: number, map: (v: number) => number = (v) => v) {
  const rows = Math.floor(values.length / width);
  return Float64Array.from({ length: rows }, (_, i) => map(values[i * width + k] as number));
}
