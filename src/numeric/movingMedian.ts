import { WorkbenchError } from '../core/errors';

/**
 * Running median: output[i] = median of data[i − halfWidth … i + halfWidth], the window shrunk at the
 * ends (no padding). A robust smooth background under narrow peaks: a peak narrower than half the
 * window does not lift it (Tukey's running median; e.g. the "moving median" baseline of NMR
 * processing programs). O(n·w·log w) with w = 2·halfWidth + 1, enough for spectra of 10⁴–10⁵ points
 * and windows of tens of points. NaN values sort last, so a window with NaN gives a biased median;
 * callers pass finite data.
 *
 * Why not a library: ml-spectra-processing has no running median of a plain array.
 *
 * @param halfWidth - Points on each side of the centre, integer ≥ 0 (0 returns a copy).
 * @throws WorkbenchError INVALID_OPTION for a negative or non-integer half width.
 */
export function movingMedian(data: ArrayLike<number>, halfWidth: number): Float64Array {
  if (!(Number.isInteger(halfWidth) && halfWidth >= 0)) {
    throw new WorkbenchError('INVALID_OPTION', `movingMedian: halfWidth must be an integer ≥ 0 (got ${halfWidth})`);
  }
  const n = data.length;
  const out = new Float64Array(n);
  const window = new Float64Array(2 * halfWidth + 1);
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - halfWidth);
    const to = Math.min(n - 1, i + halfWidth);
    const size = to - from + 1;
    for (let k = 0; k < size; k++) window[k] = data[from + k] as number;
    const sorted = window.subarray(0, size).sort();
    const middle = size >> 1;
    out[i] =
      size % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  }
  return out;
}
