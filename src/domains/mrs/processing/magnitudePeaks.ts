import { parabolicVertex } from '../../../numeric/parabolicVertex';
import type { PpmSpectrum } from './spectralTransform';

/** A local maximum of the magnitude spectrum. */
export interface MagnitudePeak {
  /** Index of the highest point (into the ascending-ppm arrays). */
  readonly index: number;
  /** Position refined by a parabola through the three top points, ppm. */
  readonly ppm: number;
  /** |S| at the top point. */
  readonly height: number;
  /**
   * Half width at half height of |S|, ppm (mean of the sides that fall below half height inside
   * the spectrum; NaN when neither does). For a Lorentzian, |S| is √3 times wider than the absorption line.
   */
  readonly halfWidthPpm: number;
}

/** Options of {@link magnitudePeaks}. */
export interface MagnitudePeakOptions {
  /** Keep peaks at least this fraction of the tallest one in the window (default 0.1). */
  readonly minFraction?: number;
  /** Keep at most this many, tallest first (default 8). */
  readonly maxPeaks?: number;
  /** Drop a peak closer than this to a taller kept one, ppm (default 0). */
  readonly minSeparationPpm?: number;
}

/**
 * Local maxima of |S| with lowPpm ≤ ppm ≤ highPpm, tallest first: a point higher than its left
 * neighbour and not lower than its right one. Magnitude, so the answer does not depend on the phase.
 */
export function magnitudePeaks(
  view: PpmSpectrum,
  lowPpm: number,
  highPpm: number,
  options: MagnitudePeakOptions = {},
): MagnitudePeak[] {
  const { minFraction = 0.1, maxPeaks = 8, minSeparationPpm = 0 } = options;
  const n = view.ppm.length;
  const magnitude = new Float64Array(n);
  for (let k = 0; k < n; k++) magnitude[k] = Math.hypot(view.re[k] as number, view.im[k] as number);
  const candidates: MagnitudePeak[] = [];
  for (let k = 1; k < n - 1; k++) {
    const p = view.ppm[k] as number;
    if (p < lowPpm || p > highPpm) continue;
    const m = magnitude[k] as number;
    if (!(m > (magnitude[k - 1] as number) && m >= (magnitude[k + 1] as number))) continue;
    const { offset } = parabolicVertex(magnitude[k - 1] as number, m, magnitude[k + 1] as number);
    const step = offset >= 0 ? (view.ppm[k + 1] as number) - p : p - (view.ppm[k - 1] as number);
    candidates.push({ index: k, ppm: p + offset * step, height: m, halfWidthPpm: halfWidth(view.ppm, magnitude, k) });
  }
  candidates.sort((a, b) => b.height - a.height);
  const tallest = candidates[0]?.height ?? 0;
  const kept: MagnitudePeak[] = [];
  for (const peak of candidates) {
    if (kept.length >= maxPeaks || peak.height < minFraction * tallest) break;
    if (kept.every((other) => Math.abs(other.ppm - peak.ppm) >= minSeparationPpm)) kept.push(peak);
  }
  return kept;
}

/** Half width at half height of the peak at index k, ppm (linear interpolation on each side). */
function halfWidth(ppm: Float64Array, magnitude: Float64Array, k: number): number {
  const half = (magnitude[k] as number) / 2;
  const sides: number[] = [];
  for (const direction of [-1, 1]) {
    let j = k;
    while (j + direction >= 0 && j + direction < ppm.length && (magnitude[j] as number) > half) {
      const next = magnitude[j + direction] as number;
      if (next > (magnitude[j] as number)) break; // climbing a neighbour: not this peak's flank
      j += direction;
    }
    const here = magnitude[j] as number;
    if (here > half || j === k) continue;
    const previous = magnitude[j - direction] as number;
    const fraction = (previous - half) / (previous - here);
    const at = (ppm[j - direction] as number) + fraction * ((ppm[j] as number) - (ppm[j - direction] as number));
    sides.push(Math.abs(at - (ppm[k] as number)));
  }
  return sides.length === 0 ? Number.NaN : sides.reduce((a, b) => a + b, 0) / sides.length;
}
