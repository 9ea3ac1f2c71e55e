import { WorkbenchError } from '../../../core/errors';

/** Options of {@link searchPeaks}. */
export interface SearchPeaksOptions {
  /**
   * Expected peak FWHM in channels, constant or as a function of the channel (from a resolution
   * model, or estimated from the data by `findPeaks`). Must be finite and > 0 everywhere.
   */
  fwhm: number | ((channel: number) => number);
  /** Least significance −S/σ(S) of a candidate. Finite, > 0; default 3. */
  threshold?: number;
  /** Number of box smoothings z of the second difference (Mariscotti's z). Integer 1–10, default 5. */
  smoothingPasses?: number;
}

/** A peak candidate of {@link searchPeaks}. */
export interface PeakCandidate {
  /** Position (fractional channel), from a parabola through the significance around its maximum. */
  readonly channel: number;
  /** −S/σ(S) at the candidate: how many standard deviations the smoothed second difference dips. */
  readonly significance: number;
  /** The expected FWHM (channels) the filter was matched to here. */
  readonly fwhm: number;
}

/**
 * Second-difference peak search after Mariscotti (1967, Nucl. Instrum. Methods 50:309,
 * doi:10.1016/0029-554X(67)90058-4). The second difference (1, −2, 1) of the counts is smoothed
 * by `smoothingPasses` (z) running sums of w channels; the resulting kernel c sums to zero and has
 * no first moment, so a linear continuum gives S = 0 and a peak gives a negative dip. Poisson
 * variance propagates through the same kernel: σ²(S_i) = Σ c_k² · max(N_{i+k}, 1). Candidates are
 * local maxima of −S/σ(S) above `threshold`, refined by a parabola through the three channels.
 *
 * Width matching: the smoothed kernel has variance z(w² − 1)/12 (channels²), which equals the peak's
 * σ² for w ≈ √(1 + 12σ²/z); with z = 5 that is w ≈ 0.66·FWHM, Mariscotti's optimum (w ≈ 0.6 FWHM,
 * z = 5). w is rounded to an odd integer ≥ 1 per channel, so the filter follows a FWHM that grows
 * with the channel. Channels within half a kernel of either end are not searched. Candidates closer
 * than half a FWHM keep only the more significant one.
 *
 * @param counts - Counts per channel (≥ 0 expected; negative values are used as they are).
 * @returns Candidates in channel order.
 * @throws WorkbenchError `INVALID_OPTION` for an out-of-range option or a FWHM ≤ 0 / not finite;
 *   `INVALID_DATA` when a count is not a finite number.
 */
export function searchPeaks(counts: ArrayLike<number>, options: SearchPeaksOptions): PeakCandidate[] {
  const { threshold = 3, smoothingPasses = 5 } = options;
  if (!(threshold > 0 && Number.isFinite(threshold))) {
    throw new WorkbenchError('INVALID_OPTION', `searchPeaks: threshold must be a finite number > 0 (got ${threshold})`);
  }
  if (!(Number.isInteger(smoothingPasses) && smoothingPasses >= 1 && smoothingPasses <= 10)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `searchPeaks: smoothingPasses must be an integer from 1 to 10 (got ${smoothingPasses})`,
    );
  }
  const n = counts.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(counts[i] as number)) {
      throw new WorkbenchError('INVALID_DATA', `searchPeaks: the count at channel ${i} is not a finite number`);
    }
  }
  const fwhmAt = typeof options.fwhm === 'number' ? constant(options.fwhm) : options.fwhm;
  const fwhm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = fwhmAt(i);
    if (!(f > 0 && Number.isFinite(f))) {
      throw new WorkbenchError('INVALID_OPTION', `searchPeaks: fwhm must be finite and > 0 (got ${f} at channel ${i})`);
    }
    fwhm[i] = f;
  }
  const significance = filteredSignificance(counts, fwhm, smoothingPasses);
  return candidatesOf(significance, fwhm, threshold);
}

function constant(value: number): (channel: number) => number {
  return () => value;
}

/** Odd box width w ≥ 1 matched to a FWHM (channels) for z passes: w ≈ √(1 + 12σ²/z). */
function boxWidth(fwhm: number, passes: number): number {
  const sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
  const w = Math.sqrt(1 + (12 * sigma * sigma) / passes);
  return Math.max(1, 2 * Math.round((w - 1) / 2) + 1);
}

/** (1, −2, 1) convolved `passes` times with a box of `width` ones; length passes·(width − 1) + 3. */
function mariscottiKernel(width: number, passes: number): Float64Array {
  let kernel = new Float64Array([1, -2, 1]);
  for (let p = 0; p < passes; p++) {
    const next = new Float64Array(kernel.length + width - 1);
    for (let k = 0; k < kernel.length; k++) {
      const c = kernel[k] as number;
      if (c === 0) continue;
      for (let j = 0; j < width; j++) next[k + j] = (next[k + j] as number) + c;
    }
    kernel = next;
  }
  return kernel;
}

/** −S_i/σ(S_i) per channel (NaN where the kernel does not fit). */
function filteredSignificance(counts: ArrayLike<number>, fwhm: Float64Array, passes: number): Float64Array {
  const n = counts.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const kernels = new Map<number, Float64Array>();
  for (let i = 0; i < n; i++) {
    const width = boxWidth(fwhm[i] as number, passes);
    let kernel = kernels.get(width);
    if (kernel === undefined) {
      kernel = mariscottiKernel(width, passes);
      kernels.set(width, kernel);
    }
    const half = (kernel.length - 1) / 2;
    if (i - half < 0 || i + half >= n) continue;
    let s = 0;
    let v = 0;
    const offset = i - half;
    for (let k = 0; k < kernel.length; k++) {
      const c = kernel[k] as number;
      const y = counts[offset + k] as number;
      s += c * y;
      v += c * c * Math.max(y, 1);
    }
    out[i] = -s / Math.sqrt(v);
  }
  return out;
}

function candidatesOf(z: Float64Array, fwhm: Float64Array, threshold: number): PeakCandidate[] {
  const found: PeakCandidate[] = [];
  for (let i = 1; i < z.length - 1; i++) {
    const here = z[i] as number;
    const left = z[i - 1] as number;
    const right = z[i + 1] as number;
    if (!(here > threshold && here >= left && here > right)) continue;
    // Vertex of the parabola through (−1, left), (0, here), (1, right).
    const curvature = left - 2 * here + right;
    const shift = curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature)) : 0;
    const candidate = { channel: i + shift, significance: here, fwhm: fwhm[i] as number };
    const previous = found[found.length - 1];
    if (previous !== undefined && candidate.channel - previous.channel < 0.5 * candidate.fwhm) {
      if (candidate.significance > previous.significance) found[found.length - 1] = candidate;
      continue;
    }
    found.push(candidate);
  }
  return found;
}
