import type { Spectrum } from '../../../core';
import { type FittedLine, fitVoigtRegion, type VoigtFitOptions } from './fitVoigtRegion';
import { requireOptical } from './opticalSupport';
import type { PickedPeak } from './pickPeaks';

/** A fitted line with the region it was fitted in (lines fitted together share `region`). */
export interface RegionLine extends FittedLine {
  readonly region: number;
  /** χ²_red of its region's fit (≈ 1 when σ were given and the model fits). */
  readonly reducedChiSquare: number;
}

/** Options of {@link fitPeaks}: those of the region fit, without `sigma` (taken from the spectrum). */
export interface FitPeaksOptions extends Omit<VoigtFitOptions, 'sigma'> {
  /** Peaks closer than this many times the sum of their FWHMs are fitted together. Default 1.5. */
  readonly blendFactor?: number;
  /** Half-width of a region beyond its outer peaks, in FWHMs of the widest peak. Default 3. */
  readonly margin?: number;
}

/**
 * Fits every picked peak with a Voigt ({@link fitVoigtRegion}): peaks whose centres are closer than
 * `blendFactor`·(FWHM₁ + FWHM₂) form one region (a multiplet, e.g. the Mn I triplet at 403 nm),
 * which reaches `margin` widest FWHMs beyond its outer peaks and is fitted with its own background.
 * σ of the intensities come from `spectrum.y.sigma` when present (absolute), otherwise from the
 * scatter about the fit. A region with too few points for its parameters keeps its peaks unfitted
 * (left out of the result). Sorted by x.
 */
export function fitPeaks(
  spectrum: Spectrum,
  peaks: readonly PickedPeak[],
  options: FitPeaksOptions = {},
): RegionLine[] {
  requireOptical(spectrum, 'peak fitting');
  const { blendFactor = 1.5, margin = 3, ...regionOptions } = options;
  const sorted = [...peaks].sort((a, b) => a.x - b.x);
  const groups: PickedPeak[][] = [];
  for (const peak of sorted) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group !== undefined && last !== undefined && peak.x - last.x < blendFactor * (peak.fwhm + last.fwhm)) {
      group.push(peak);
    } else groups.push([peak]);
  }
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const sigma = spectrum.y.sigma;
  const out: RegionLine[] = [];
  groups.forEach((group, region) => {
    const widest = Math.max(...group.map((p) => p.fwhm));
    const from = lowerIndex(x, (group[0] as PickedPeak).x - margin * widest);
    const to = lowerIndex(x, (group.at(-1) as PickedPeak).x + margin * widest);
    if (to - from + 1 < 4 * group.length + 3) return;
    const fit = fitVoigtRegion(
      x.subarray(from, to + 1),
      y.subarray(from, to + 1),
      group.map((p) => ({ x: p.x, height: p.height, fwhm: p.fwhm })),
      sigma === undefined ? regionOptions : { ...regionOptions, sigma: sigma.subarray(from, to + 1) },
    );
    for (const line of fit.lines) out.push({ ...line, region, reducedChiSquare: fit.reducedChiSquare });
  });
  return out.sort((a, b) => a.x - b.x);
}

/** Index of the last x ≤ value (0 below the axis, n − 1 above it). */
function lowerIndex(x: Float64Array, value: number): number {
  let lo = 0;
  let hi = x.length - 1;
  if (value <= (x[0] as number)) return 0;
  if (value >= (x[hi] as number)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= value) lo = mid;
    else hi = mid;
  }
  return lo;
}
