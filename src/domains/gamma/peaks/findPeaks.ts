import type { Spectrum } from '../../../core';
import { WorkbenchError } from '../../../core/errors';
import { estimateResolution } from './estimateResolution';
import { fitPeakRegion, type PeakRegionFit } from './fitPeakRegion';
import type { GammaPeak } from './gammaPeak';
import { type PeakCandidate, searchPeaks } from './searchPeaks';

/** Options of {@link findPeaks}. */
export interface FindPeaksOptions {
  /** Least significance, both of a search candidate (−S/σ) and of a fitted net area (area/σ). > 0, default 3. */
  threshold?: number;
  /**
   * Detector resolution: FWHM (keV) at an energy (keV); for a spectrum without energy axis both
   * are in channels. Default: estimated from the spectrum ({@link estimateResolution}).
   */
  fwhmAt?: (energyKeV: number) => number;
  /** Keep at most this many peaks, the most significant. Integer ≥ 1, default: all. */
  maxPeaks?: number;
}

/** Candidates closer than this many FWHM are fitted together. */
const GROUP_FWHM = 3;
/** A region reaches this many FWHM beyond its outer peaks … */
const REACH_FWHM = 3;
/** … but stops this many FWHM short of the nearest peak of the next region. */
const CLEARANCE_FWHM = 1.5;
const MAX_MULTIPLET = 6;
/** Allowed fitted FWHM relative to the resolution model; a peak whose width ends on a bound is dropped. */
const WIDTH_RANGE = [0.5, 2.5] as const;

/**
 * Finds and fits the peaks of a gamma spectrum: {@link searchPeaks} (Mariscotti second difference
 * matched to the resolution) → candidates closer than 3 FWHM grouped into multiplets (at most 6) →
 * each region ±3 FWHM around its outer peaks, clipped to the spectrum and to 1.5 FWHM short of the
 * next region's peak → {@link fitPeakRegion} (linear continuum, smoothed step, shared width that
 * follows the resolution, Poisson weights) → peaks dropped when their net area is less than
 * `threshold` σ, their centroid ended on the region edge, or their width on its bound (0.5× or
 * 2.5× the model: not a peak of this detector); a multiplet that lost peaks is refitted once
 * without them. A multiplet whose shared width ends on its bound, or that keeps no peak, is split
 * at its widest gap and each half fitted on its own (recursively): on a scintillator the detector
 * threshold, an x-ray cluster, a 60 keV photopeak and scatter humps fall into one group that no
 * single width fits (RadiaCode trinitite: the Am-241 peak was lost with its group).
 *
 * Energies: the x axis values are the channels' energies, so a fractional channel's energy is the
 * linear interpolation of x. Only when `spectrum.x.unit === 'keV'`; otherwise every `…KeV` field
 * of the result holds channel numbers (centroid = fractional channel, FWHM in channels) and
 * `fwhmAt` works in channels. Without `fwhmAt` the resolution is estimated from the spectrum's
 * strongest isolated peaks as FWHM = √(a + b·E) (see {@link estimateResolution}); with one usable
 * peak it is a constant width in channels, and with none the search scale (2–50 channels) at which
 * the most significant candidate appeared (5 channels when there is no candidate at all).
 *
 * @returns Peaks sorted by energy; `regionId` is the index of the peak's region among all candidate
 *   regions from low to high energy (peaks fitted together share it; ids of regions that kept no
 *   peak are skipped).
 * @throws WorkbenchError `INVALID_DATA` (with the spectrum's file) for a count that is not a
 *   finite number; `INVALID_OPTION` for an out-of-range option or a `fwhmAt` that returns a
 *   FWHM ≤ 0 or not finite.
 */
export function findPeaks(spectrum: Spectrum, options: FindPeaksOptions = {}): GammaPeak[] {
  const { threshold = 3, maxPeaks } = options;
  const counts = spectrum.y.values;
  const n = counts.length;
  if (!(threshold > 0 && Number.isFinite(threshold))) {
    throw new WorkbenchError('INVALID_OPTION', `findPeaks: threshold must be a finite number > 0 (got ${threshold})`);
  }
  if (maxPeaks !== undefined && !(Number.isInteger(maxPeaks) && maxPeaks >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `findPeaks: maxPeaks must be an integer ≥ 1 (got ${maxPeaks})`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(counts[i] as number)) {
      throw new WorkbenchError('INVALID_DATA', `findPeaks: the count at channel ${i} is not a finite number`, {
        file: spectrum.file,
      });
    }
  }
  if (n < 16) return [];
  const axis = spectrum.x.unit === 'keV' ? spectrum.x.values : Float64Array.from({ length: n }, (_, i) => i);
  const valueAt = (c: number): number => {
    const i = Math.min(n - 2, Math.max(0, Math.floor(c)));
    return (axis[i] as number) + (c - i) * ((axis[i + 1] as number) - (axis[i] as number));
  };
  const fwhmAt = options.fwhmAt ?? estimateResolution(counts, axis).fwhmAt;
  const fwhmChannels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dispersion =
      ((axis[Math.min(i + 1, n - 1)] as number) - (axis[Math.max(i - 1, 0)] as number)) / (i > 0 && i < n - 1 ? 2 : 1);
    const f = fwhmAt(axis[i] as number);
    if (!(f > 0 && Number.isFinite(f))) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `findPeaks: fwhmAt must return a finite FWHM > 0 (got ${f} at ${axis[i]})`,
      );
    }
    fwhmChannels[i] = f / dispersion;
  }
  const fwhm = (c: number): number => fwhmChannels[Math.min(n - 1, Math.max(0, Math.round(c)))] as number;

  const candidates = searchPeaks(counts, { fwhm, threshold });
  const groups = groupCandidates(candidates, fwhm);
  const peaks: GammaPeak[] = [];
  /** Fits candidates[first..last] as one region; a multiplet with no peak of the expected shape is split. */
  const fitGroup = (first: number, last: number, regionId: number): void => {
    const previous = candidates[first - 1];
    const next = candidates[last + 1];
    const low = candidates[first] as PeakCandidate;
    const high = candidates[last] as PeakCandidate;
    let start = Math.max(0, low.channel - REACH_FWHM * fwhm(low.channel));
    let end = Math.min(n - 1, high.channel + REACH_FWHM * fwhm(high.channel));
    // Clear of the neighbours by 1.5 FWHM, or by half the gap for the halves of a split multiplet.
    if (previous !== undefined) {
      const gap = low.channel - previous.channel;
      start = Math.max(start, previous.channel + Math.min(CLEARANCE_FWHM * fwhm(previous.channel), gap / 2));
    }
    if (next !== undefined) {
      const gap = next.channel - high.channel;
      end = Math.min(end, next.channel - Math.min(CLEARANCE_FWHM * fwhm(next.channel), gap / 2));
    }
    const region = { start: Math.ceil(start), end: Math.floor(end) };
    let centroids = candidates.slice(first, last + 1).map((c) => c.channel);
    // A multiplet that lost peaks is refitted once without them.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (region.end - region.start + 1 <= 4 + 2 * centroids.length + 2) {
        splitOrDrop();
        return;
      }
      const fit = fitPeakRegion(counts, {
        ...region,
        centroids,
        fwhm,
        energyAt: valueAt,
        regionId,
        widthRange: WIDTH_RANGE,
      });
      const kept = fit.peaks.filter((peak) => keep(peak, fit, threshold));
      if (kept.length === 0 || (fit.widthOnBound && centroids.length > 1)) {
        splitOrDrop();
        return;
      }
      if (attempt === 1 || kept.length === fit.peaks.length) {
        peaks.push(...kept);
        return;
      }
      centroids = kept.map((peak) => peak.centroidChannel);
    }

    /**
     * One shared width cannot describe every candidate (e.g. x-ray clusters, a detector threshold
     * and a photopeak close together on a scintillator): fit the two halves either side of the
     * widest gap (in FWHM) separately, each with the other's nearest candidate as its neighbour.
     */
    function splitOrDrop(): void {
      if (first === last) return;
      let cut = first;
      let widest = -1;
      for (let k = first; k < last; k++) {
        const a = candidates[k] as PeakCandidate;
        const b = candidates[k + 1] as PeakCandidate;
        const gap = (b.channel - a.channel) / fwhm((a.channel + b.channel) / 2);
        if (gap > widest) {
          widest = gap;
          cut = k;
        }
      }
      fitGroup(first, cut, regionId);
      fitGroup(cut + 1, last, regionId);
    }
  };
  let index = 0;
  groups.forEach((group, g) => {
    fitGroup(index, index + group.length - 1, g);
    index += group.length;
  });
  const chosen =
    maxPeaks === undefined ? peaks : [...peaks].sort((p, q) => q.significance - p.significance).slice(0, maxPeaks);
  return chosen.sort((p, q) => p.centroidKeV - q.centroidKeV);
}

/** Sorted candidates in runs whose neighbours are closer than {@link GROUP_FWHM} FWHM (at most {@link MAX_MULTIPLET}). */
function groupCandidates(candidates: readonly PeakCandidate[], fwhm: (c: number) => number): PeakCandidate[][] {
  const groups: PeakCandidate[][] = [];
  let current: PeakCandidate[] = [];
  for (const candidate of candidates) {
    const last = current.at(-1);
    const close =
      last !== undefined &&
      candidate.channel - last.channel < GROUP_FWHM * fwhm((candidate.channel + last.channel) / 2);
    if (close && current.length < MAX_MULTIPLET) {
      current.push(candidate);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [candidate];
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function keep(peak: GammaPeak, fit: PeakRegionFit, threshold: number): boolean {
  const c = peak.centroidChannel;
  return peak.significance >= threshold && c > fit.start + 0.5 && c < fit.end - 0.5 && !fit.widthOnBound;
}
