import { type GSDPeak, gsd } from 'ml-gsd';
import { type Spectrum, WorkbenchError } from '../../../core';
import { parabolicVertex } from '../../../numeric/parabolicVertex';
import { noiseSigma } from './noiseSigma';
import { requireOptical } from './opticalSupport';

/** Options of {@link pickPeaks}. */
export interface PickPeaksOptions {
  /** Least net height, in noise SDs. Default 5. */
  readonly minSnr?: number;
  /** Least FWHM, in points (a 1-point spike measures ≈ 1). Default 1.5. */
  readonly minFwhmPoints?: number;
  /** Savitzky–Golay window (points, odd ≥ 5) of ml-gsd's derivatives. Default 7. */
  readonly smoothingWindow?: number;
  /** Keep only the strongest peaks (by net height). Default: all. */
  readonly maxPeaks?: number;
  /** Noise SD of the intensities; default {@link noiseSigma} of the spectrum. */
  readonly noiseSigma?: number;
}

/** A peak as picked: no model fitted, everything measured on the data. */
export interface PickedPeak {
  /** Position (x units): vertex of a parabola through the top three points (of ln y when all > 0). */
  readonly x: number;
  /** Height above the local base line (a straight line between the valleys on either side). */
  readonly height: number;
  /** Full width at half the net height (x units), interpolated; twice the half width of the clean side when one side is blended. */
  readonly fwhm: number;
  /** Net area (y units × x units): trapezoid sum of (y − base) between the valleys. */
  readonly area: number;
  /** Net height / noise SD. */
  readonly snr: number;
  /** Index of the highest point, and the valleys bounding the peak. */
  readonly index: number;
  readonly fromIndex: number;
  readonly toIndex: number;
}

/** The peaks found and the noise level they were judged against. */
export interface PickPeaksResult {
  readonly peaks: PickedPeak[];
  readonly noiseSigma: number;
}

/**
 * Peak picking for emission, Raman and UV-Vis spectra: candidates from ml-gsd's `gsd` (global
 * spectral deconvolution: minima of the Savitzky–Golay second derivative, so shoulders of blended
 * lines are found too), then measured on the data: each candidate's valleys are the lowest points
 * towards its neighbours (at most 6 gsd widths away), the base line joins them, and height, FWHM
 * and area are net of it, so a moderate baseline need not be removed first. Kept: net height ≥
 * `minSnr`·σ (σ from {@link noiseSigma}) and FWHM ≥ `minFwhmPoints` (drops cosmic-ray spikes). gsd's
 * own noise threshold (median + 1.5 SD of y) is turned off: on a spectrum with a sloping baseline
 * it drops every line on the low side. Sorted by x.
 * @throws WorkbenchError INVALID_OPTION for bad options or a non-optical spectrum; INVALID_DATA for NaN.
 */
export function pickPeaks(spectrum: Spectrum, options: PickPeaksOptions = {}): PickPeaksResult {
  requireOptical(spectrum, 'peak picking');
  const { minSnr = 5, minFwhmPoints = 1.5, smoothingWindow = 7, maxPeaks = Number.POSITIVE_INFINITY } = options;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `peak picking: ${message}`, { file: spectrum.file });
  };
  if (!(minSnr >= 0)) fail(`minSnr must be ≥ 0 (got ${minSnr})`);
  if (!(minFwhmPoints >= 0)) fail(`minFwhmPoints must be ≥ 0 (got ${minFwhmPoints})`);
  if (!(Number.isInteger(smoothingWindow) && smoothingWindow >= 5 && smoothingWindow % 2 === 1)) {
    fail(`smoothingWindow must be an odd integer ≥ 5 (got ${smoothingWindow})`);
  }
  if (!(maxPeaks >= 1)) fail(`maxPeaks must be ≥ 1 (got ${maxPeaks})`);
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const n = y.length;
  const sigma = options.noiseSigma ?? noiseSigma(y);
  if (n < smoothingWindow) return { peaks: [], noiseSigma: sigma };
  const candidates = gsd(
    { x, y },
    {
      sgOptions: { windowSize: smoothingWindow, polynomial: 3 },
      noiseLevel: Number.NEGATIVE_INFINITY,
      minMaxRatio: 0,
      peakDetectionAlgorithm: 'second',
    },
  );
  const tops = candidates.map((c) => ({ index: localTop(y, c.index), widthPoints: widthInPoints(c) }));
  const peaks: PickedPeak[] = [];
  tops.forEach((top, k) => {
    const span = Math.max(3, Math.ceil(6 * top.widthPoints));
    const previous = k > 0 ? (tops[k - 1]?.index as number) : 0;
    const next = k + 1 < tops.length ? (tops[k + 1]?.index as number) : n - 1;
    const peak = measurePeak(x, y, top.index, Math.max(previous, top.index - span), Math.min(next, top.index + span));
    if (peak === undefined) return;
    const step = Math.abs(
      ((x[peak.toIndex] as number) - (x[peak.fromIndex] as number)) / (peak.toIndex - peak.fromIndex),
    );
    const snr = sigma > 0 ? peak.height / sigma : Number.POSITIVE_INFINITY;
    if (snr >= minSnr && peak.fwhm >= minFwhmPoints * step) peaks.push({ ...peak, snr });
  });
  const unique = peaks.filter((peak, k) => k === 0 || peak.index !== peaks[k - 1]?.index);
  const kept = unique.length > maxPeaks ? [...unique].sort((a, b) => b.height - a.height).slice(0, maxPeaks) : unique;
  return { peaks: kept.sort((a, b) => a.x - b.x), noiseSigma: sigma };
}

/** The highest point within 2 points of `index` (gsd's index sits where the second derivative is lowest). */
function localTop(y: Float64Array, index: number): number {
  let best = index;
  for (let j = Math.max(0, index - 2); j <= Math.min(y.length - 1, index + 2); j++) {
    if ((y[j] as number) > (y[best] as number)) best = j;
  }
  return best;
}

/** Distance between a gsd candidate's inflection points, in points (≥ 1). */
function widthInPoints(candidate: GSDPeak): number {
  return Math.max(1, candidate.inflectionPoints.to.index - candidate.inflectionPoints.from.index);
}

/** Valleys, base line, net height, FWHM and area of the peak whose top is `top`, within [low, high]. */
function measurePeak(
  x: Float64Array,
  y: Float64Array,
  top: number,
  low: number,
  high: number,
): Omit<PickedPeak, 'snr'> | undefined {
  if (top <= 0 || top >= y.length - 1) return undefined;
  let from = top;
  for (let j = low; j < top; j++) if ((y[j] as number) < (y[from] as number)) from = j;
  let to = top;
  for (let j = high; j > top; j--) if ((y[j] as number) < (y[to] as number)) to = j;
  if (from === top || to === top) return undefined;
  const x0 = x[from] as number;
  const slope = ((y[to] as number) - (y[from] as number)) / ((x[to] as number) - x0);
  const base = (j: number): number => (y[from] as number) + slope * ((x[j] as number) - x0);
  const net = (j: number): number => (y[j] as number) - base(j);
  const [before, middle, after] = [net(top - 1), net(top), net(top + 1)];
  const logs = before > 0 && after > 0 && middle > 0;
  const vertex = logs
    ? parabolicVertex(Math.log(before), Math.log(middle), Math.log(after))
    : parabolicVertex(before, middle, after);
  const side =
    vertex.offset >= 0 ? (x[top + 1] as number) - (x[top] as number) : (x[top] as number) - (x[top - 1] as number);
  const position = (x[top] as number) + vertex.offset * side;
  const height = logs ? Math.exp(vertex.value) : vertex.value;
  if (!(height > 0)) return undefined;
  const crossing = (direction: -1 | 1): number | undefined => {
    for (let j = top; j !== (direction < 0 ? from : to); j += direction) {
      const a = net(j);
      const b = net(j + direction);
      if (b <= height / 2) {
        const xa = x[j] as number;
        const xb = x[j + direction] as number;
        return Math.abs(xa + ((a - height / 2) / (a - b)) * (xb - xa) - position);
      }
    }
    return undefined;
  };
  const left = crossing(-1);
  const right = crossing(1);
  const fwhm = left !== undefined && right !== undefined ? left + right : 2 * (left ?? right ?? Number.NaN);
  if (!Number.isFinite(fwhm)) return undefined;
  let area = 0;
  for (let j = from; j < to; j++) area += ((net(j) + net(j + 1)) / 2) * ((x[j + 1] as number) - (x[j] as number));
  return { x: position, height, fwhm, area, index: top, fromIndex: from, toIndex: to };
}
