import { type Spectrum, WorkbenchError } from '../../../core';
import { pickPeaks } from './pickPeaks';

/** An observed peak paired with the reference line it is taken to be (axis units). */
export interface LineMatch {
  readonly observed: number;
  readonly reference: number;
}

/** Options of {@link findWavelengthShift}. */
export interface WavelengthShiftOptions {
  /** Largest offset searched, ± (x units). Default 1. */
  readonly maxShift?: number;
  /** How many of the strongest peaks take part. Default 20. */
  readonly strongest?: number;
  /** Largest |peak + shift − line| of a match (x units). Default 2 median axis steps. */
  readonly tolerance?: number;
  /** Fewest matches accepted. Default 3 (two chance coincidences happen: Aalto Sn gave +1.0 nm from 2). */
  readonly minMatches?: number;
  /** Peaks already picked (x and height); default `pickPeaks` at SNR ≥ 10. */
  readonly peaks?: readonly { readonly x: number; readonly height: number }[];
}

/** The offset to add to the axis, its uncertainty and the pairs it rests on. */
export interface WavelengthShift {
  /** Correction to add to every x (reference − observed), x units. */
  readonly shift: number;
  /** SD of the matched differences / √matches (NaN for a single match). */
  readonly sigma: number;
  readonly matches: LineMatch[];
}

/**
 * Finds a constant offset of the x axis against a reference line list: the strongest picked peaks
 * are cross-correlated with the lines (score(δ) = Σ_peaks max_lines exp(−½((x_p + δ − λ)/s)²),
 * s = tolerance/2, δ on a grid of s/5 over ±maxShift: every peak counts once, so one saturated
 * line cannot outvote the rest), the best δ pairs each line with its nearest peak within the
 * tolerance, and the shift is the mean of reference − observed over the pairs, refined once. Ties
 * go to the smaller |δ|. Made for spectra whose axis is offset as a whole (the Aalto LIBS library,
 * +0.04…+0.15 nm per the notes §3.5; a spectrometer after a temperature drift); a scale error
 * shows as a spread of the pairs (`sigma`) and wants `calibrateWavelength`.
 * @throws WorkbenchError INVALID_OPTION for bad options, no line in range, or fewer matches than
 *   `minMatches` (the message names what was found).
 */
export function findWavelengthShift(
  spectrum: Spectrum,
  lines: readonly number[],
  options: WavelengthShiftOptions = {},
): WavelengthShift {
  const x = spectrum.x.values;
  const n = x.length;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `wavelength shift: ${message}`, { file: spectrum.file });
  };
  const { maxShift = 1, strongest = 20, minMatches = 3 } = options;
  const tolerance = options.tolerance ?? 2 * medianStep(x);
  if (!(maxShift > 0)) fail(`maxShift must be > 0 (got ${maxShift})`);
  if (!(tolerance > 0)) fail(`tolerance must be > 0 (got ${tolerance})`);
  if (!(Number.isInteger(strongest) && strongest >= 1)) fail(`strongest must be an integer ≥ 1 (got ${strongest})`);
  if (!(Number.isInteger(minMatches) && minMatches >= 1)) fail(`minMatches must be an integer ≥ 1 (got ${minMatches})`);
  const low = (x[0] as number) - maxShift;
  const high = (x[n - 1] as number) + maxShift;
  const inRange = [...lines].filter((line) => line >= low && line <= high).sort((a, b) => a - b);
  if (inRange.length === 0) fail(`no reference line lies within ${low.toFixed(2)}–${high.toFixed(2)}`);
  const picked = options.peaks ?? pickPeaks(spectrum, { minSnr: 10 }).peaks;
  const peaks = [...picked]
    .sort((a, b) => b.height - a.height)
    .slice(0, strongest)
    .map((p) => p.x);
  const s = tolerance / 2;
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const steps = Math.ceil(maxShift / (s / 5));
  for (let k = -steps; k <= steps; k++) {
    const delta = (k / steps) * maxShift;
    let score = 0;
    for (const p of peaks) {
      const d = nearest(inRange, p + delta) - (p + delta);
      score += Math.exp(-0.5 * (d / s) ** 2);
    }
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && Math.abs(delta) < Math.abs(best))) {
      best = delta;
      bestScore = score;
    }
  }
  let matches = matchLines(peaks, inRange, best, tolerance);
  if (matches.length > 0) matches = matchLines(peaks, inRange, meanDifference(matches), tolerance);
  if (matches.length < minMatches) {
    fail(
      `only ${matches.length} of the ${peaks.length} strongest peaks lie within ${tolerance.toPrecision(3)} of a ` +
        `reference line after the best offset (${best.toPrecision(3)}); ${minMatches} are needed: choose a list ` +
        'of lines this spectrum shows, or widen maxShift or the tolerance',
    );
  }
  const shift = meanDifference(matches);
  let squares = 0;
  for (const m of matches) squares += (m.reference - m.observed - shift) ** 2;
  const sigma = matches.length > 1 ? Math.sqrt(squares / (matches.length - 1) / matches.length) : Number.NaN;
  return { shift, sigma, matches };
}

/** Each line paired with its nearest peak within the tolerance after `delta` (a peak used once). */
function matchLines(peaks: readonly number[], lines: readonly number[], delta: number, tolerance: number): LineMatch[] {
  const candidates: { observed: number; reference: number; distance: number }[] = [];
  for (const observed of peaks) {
    const reference = nearest(lines, observed + delta);
    const distance = Math.abs(reference - observed - delta);
    if (distance <= tolerance) candidates.push({ observed, reference, distance });
  }
  candidates.sort((a, b) => a.distance - b.distance);
  const usedLines = new Set<number>();
  const matches: LineMatch[] = [];
  for (const c of candidates) {
    if (usedLines.has(c.reference)) continue;
    usedLines.add(c.reference);
    matches.push({ observed: c.observed, reference: c.reference });
  }
  return matches.sort((a, b) => a.reference - b.reference);
}

const meanDifference = (matches: readonly LineMatch[]): number =>
  matches.reduce((sum, m) => sum + m.reference - m.observed, 0) / matches.length;

/** The value of the ascending, non-empty `sorted` closest to `value`. */
function nearest(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid;
    else hi = mid;
  }
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return Math.abs(value - a) <= Math.abs(b - value) ? a : b;
}

/** Median spacing of an ascending axis (1 for fewer than 2 points). */
export function medianStep(x: Float64Array): number {
  if (x.length < 2) return 1;
  const steps = Float64Array.from({ length: x.length - 1 }, (_, i) => (x[i + 1] as number) - (x[i] as number)).sort();
  return steps[steps.length >> 1] as number;
}
