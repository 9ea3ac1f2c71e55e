import { WorkbenchError } from '../core/errors';

/** Options of {@link minMaxDecimate}. */
export interface MinMaxDecimateOptions {
  /** Number of equal-width x bins (e.g. the plot's width in pixels); integer ≥ 1. */
  bins: number;
  /** Left border of the visible window, in x units. Default: no border (-Infinity). */
  xMin?: number;
  /** Right border of the visible window, in x units. Default: no border (+Infinity). */
  xMax?: number;
}

/**
 * Thins a large spectrum for plotting so that every peak and dip survives ("min-max" decimation).
 *
 * The visible points are those with xMin ≤ x ≤ xMax (found by binary search), plus the nearest
 * point beyond each border so the plotted line runs on to the border. If there are at most
 * 2·bins of them they are returned unchanged (as copies). Otherwise the first and last of them are
 * kept, and the points in between are split into `bins` equal-width x bins over
 * [max(xMin, x_first), min(xMax, x_last)]; each non-empty bin emits its minimum and maximum point
 * in their original order (one point when they coincide). So the result holds at most
 * 2·bins + 2 points, and the extreme y of the visible range is always among them.
 *
 * NaN in y marks a gap: a bin holding NaN also emits one NaN point, at the x of its first NaN,
 * ordered by index among the bin's min and max points, so the plotted line breaks there (such a
 * bin gives up to 3 points). Edge points are kept as they are, NaN or not.
 *
 * @param x - Ascending x values.
 * @param y - Values at x; same length as x.
 * @param options - See {@link MinMaxDecimateOptions}.
 * @returns New arrays with the kept points, in ascending x.
 * @throws WorkbenchError `INVALID_OPTION` when bins is not an integer ≥ 1, xMin/xMax are NaN or
 * xMin > xMax, or x and y differ in length.
 */
export function minMaxDecimate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: MinMaxDecimateOptions,
): { x: Float64Array; y: Float64Array } {
  const { bins, xMin = Number.NEGATIVE_INFINITY, xMax = Number.POSITIVE_INFINITY } = options;
  checkOptions(x, y, bins, xMin, xMax);
  const n = x.length;
  if (n === 0) return { x: new Float64Array(0), y: new Float64Array(0) };

  const first = Math.max(lowerBound(x, xMin) - 1, 0);
  const last = Math.min(lowerBound(x, xMax, true), n - 1);
  if (last - first + 1 <= 2 * bins) {
    return { x: slice(x, first, last), y: slice(y, first, last) };
  }

  const outX = new Float64Array(3 * bins + 2);
  const outY = new Float64Array(3 * bins + 2);
  let count = 0;
  const emit = (i: number): void => {
    outX[count] = x[i] as number;
    outY[count] = y[i] as number;
    count++;
  };

  emit(first);
  const left = Math.max(xMin, x[first] as number);
  const width = Math.min(xMax, x[last] as number) - left;
  const binsPerX = width > 0 ? bins / width : 0;
  let bin = -1;
  let minIndex = -1;
  let maxIndex = -1;
  let nanIndex = -1;
  const flush = (): void => {
    // Up to three points, emitted in index order.
    const a = Math.min(minIndex, maxIndex);
    const b = Math.max(minIndex, maxIndex);
    if (nanIndex >= 0 && (a < 0 || nanIndex < a)) emit(nanIndex);
    if (a >= 0) emit(a);
    if (nanIndex >= 0 && a >= 0 && nanIndex > a && nanIndex < b) emit(nanIndex);
    if (b !== a) emit(b);
    if (nanIndex >= 0 && a >= 0 && nanIndex > b) emit(nanIndex);
  };
  for (let i = first + 1; i < last; i++) {
    const index = Math.min(Math.max(Math.floor(((x[i] as number) - left) * binsPerX), 0), bins - 1);
    if (index !== bin) {
      if (bin >= 0) flush();
      bin = index;
      minIndex = -1;
      maxIndex = -1;
      nanIndex = -1;
    }
    const value = y[i] as number;
    if (Number.isNaN(value)) {
      if (nanIndex < 0) nanIndex = i;
    } else {
      if (minIndex < 0 || value < (y[minIndex] as number)) minIndex = i;
      if (maxIndex < 0 || value > (y[maxIndex] as number)) maxIndex = i;
    }
  }
  if (bin >= 0) flush();
  emit(last);
  return { x: outX.slice(0, count), y: outY.slice(0, count) };
}

/** First index with x[i] >= value (or > value when `strict`), in [0, x.length]. */
function lowerBound(x: ArrayLike<number>, value: number, strict = false): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = x[mid] as number;
    if (v < value || (strict && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function slice(values: ArrayLike<number>, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first + 1);
  for (let i = first; i <= last; i++) out[i - first] = values[i] as number;
  return out;
}

function checkOptions(x: ArrayLike<number>, y: ArrayLike<number>, bins: number, xMin: number, xMax: number): void {
  if (!Number.isInteger(bins) || bins < 1) invalid(`bins must be an integer ≥ 1 (got ${bins})`);
  if (Number.isNaN(xMin)) invalid('xMin must be a number (got NaN)');
  if (Number.isNaN(xMax)) invalid('xMax must be a number (got NaN)');
  if (xMin > xMax) invalid(`xMin must be ≤ xMax (got xMin ${xMin}, xMax ${xMax})`);
  if (x.length !== y.length) invalid(`x and y must have the same length (got ${x.length} and ${y.length})`);
}

function invalid(message: string): never {
  throw new WorkbenchError('INVALID_OPTION', `minMaxDecimate: ${message}`);
}
