import { type Spectrum, WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { complexMedian, fidOf, medianOf, ppmBins, sharedAcquisition, spectrumOfFid, withFid } from './transientData';

/** Options of {@link rejectOutliers}. */
export interface RejectOutliersOptions {
  /** Band (ppm) where transients are compared. Default [0.2, 4.2] (the metabolite window FSL-MRS uses). */
  readonly ppmRange?: readonly [number, number];
  /**
   * k of the cut-off median + k·s (s the robust SD of the residuals). Default 4: on clean simulated
   * transients (SNR 15, 60 × 32) k = 3 / 3.5 / 4 rejected 4 / 2 / 1 of 1920; corrupted ones sit
   * tens of SDs above.
   */
  readonly threshold?: number;
  /** Passes: each recomputes the median transient from the transients kept so far. Default 2. */
  readonly iterations?: number;
}

/** What {@link rejectOutliers} decided. */
export interface RejectOutliersResult {
  /** Transients kept, meta `outlierResidual` (relative residual) added. */
  readonly kept: Spectrum[];
  /** Transients rejected, meta `outlierResidual` and `rejectedAsOutlier: true`. */
  readonly rejected: Spectrum[];
  /** Positions in the input. */
  readonly keptIndices: number[];
  readonly rejectedIndices: number[];
  /** Residual of each transient: Σ_band |S_k − S_median|² / Σ_band |S_median|² (last pass). */
  readonly residuals: Float64Array;
  /** The cut-off of the last pass (same units as `residuals`). */
  readonly cutoff: number;
}

/**
 * Rejects corrupted transients (motion, lipid contamination, spikes) of one acquisition, like
 * FSL-MRS `unlike` (whose rule is ‖S_k − S_median‖ outside mean ± 1.96·SD, two-sided, 2 passes;
 * ours is one-sided and robust): the residual of
 * each transient is its spectral distance to the per-point median transient over `ppmRange`,
 * Σ|S_k − S_med|² / Σ|S_med|² (DFT bins in the band). Transients whose residual exceeds
 * median + k·s, s = max(1.4826·MAD, median/√B) over all residuals, are rejected: a robust k-σ
 * rule (1.4826·MAD estimates the SD of normally distributed residuals, and a few outliers barely
 * move median and MAD), with the SD never taken below that of pure noise (B DFT bins in the band,
 * each |ΔS|² exponential, so the residual of a clean transient has CV 1/√B; with 32 transients
 * the MAD alone is uncertain by ±25 % and lets clean transients go);
 * the median transient is recomputed from the kept ones and the test repeated (`iterations`).
 * Run it after alignment: a frequency drift is an outlier too otherwise. At least half the
 * transients are always kept (the cut-off never falls below the median residual).
 * @throws WorkbenchError INVALID_OPTION for bad options or fewer than 3 transients.
 */
export function rejectOutliers(
  spectra: readonly Spectrum[],
  options: RejectOutliersOptions = {},
): RejectOutliersResult {
  const acquisition = sharedAcquisition(spectra, 'outlier rejection');
  const k = options.threshold ?? 4;
  const iterations = options.iterations ?? 2;
  const range = options.ppmRange ?? [0.2, 4.2];
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `rejectOutliers: ${message}`);
  };
  if (spectra.length < 3) fail(`needs at least 3 transients (got ${spectra.length})`);
  if (!(k > 0 && Number.isFinite(k))) fail(`threshold must be > 0 (got ${k})`);
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 10))
    fail(`iterations must be an integer in 1…10 (got ${iterations})`);
  const band = ppmBins(acquisition.points, acquisition, range);
  const bins: number[] = [];
  band.forEach((inside, q) => {
    if (inside === 1) bins.push(q);
  });
  if (bins.length === 0) fail(`ppmRange ${range.join('–')} holds no point`);
  // spectra restricted to the band: the comparison happens there only
  const spectraInBand: ComplexArrays[] = spectra.map((spectrum) => {
    const full = spectrumOfFid(fidOf(spectrum));
    return {
      re: Float64Array.from(bins, (q) => full.re[q] as number),
      im: Float64Array.from(bins, (q) => full.im[q] as number),
    };
  });
  let keep = spectra.map(() => true);
  const residuals = new Float64Array(spectra.length);
  let cutoff = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < iterations; pass++) {
    const median = complexMedian(spectraInBand.filter((_, i) => keep[i]));
    let power = 0;
    for (let q = 0; q < bins.length; q++) power += (median.re[q] as number) ** 2 + (median.im[q] as number) ** 2;
    spectraInBand.forEach((s, i) => {
      let sum = 0;
      for (let q = 0; q < bins.length; q++) {
        sum +=
          ((s.re[q] as number) - (median.re[q] as number)) ** 2 + ((s.im[q] as number) - (median.im[q] as number)) ** 2;
      }
      residuals[i] = power > 0 ? sum / power : sum;
    });
    const centre = medianOf(residuals);
    // the spread never below that of pure noise: a sum of B exponential |ΔS|² terms has CV 1/√B
    const spread = Math.max(
      1.4826 * medianOf(residuals.map((r) => Math.abs(r - centre))),
      centre / Math.sqrt(bins.length),
    );
    cutoff = centre + k * spread;
    const next = Array.from(residuals, (r) => r <= cutoff);
    const unchanged = next.every((value, i) => value === keep[i]);
    keep = next;
    if (unchanged && pass > 0) break;
  }
  const kept: Spectrum[] = [];
  const rejected: Spectrum[] = [];
  const keptIndices: number[] = [];
  const rejectedIndices: number[] = [];
  spectra.forEach((spectrum, i) => {
    const residual = residuals[i] as number;
    if (keep[i]) {
      kept.push(withMeta(spectrum, { outlierResidual: residual }));
      keptIndices.push(i);
    } else {
      rejected.push(withMeta(spectrum, { outlierResidual: residual, rejectedAsOutlier: true }));
      rejectedIndices.push(i);
    }
  });
  return { kept, rejected, keptIndices, rejectedIndices, residuals, cutoff };
}

function withMeta(spectrum: Spectrum, meta: Record<string, number | boolean>): Spectrum {
  return { ...withFid(spectrum, fidOf(spectrum), meta, ''), id: spectrum.id, name: spectrum.name };
}
