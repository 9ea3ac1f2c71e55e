import { type Spectrum, WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { acquisitionOf, fidOf, withFid } from './transientData';

/** Options of {@link eddyCurrentCorrection}. */
export interface EddyCurrentOptions {
  /**
   * Trust the water phase while |water(t)| ≥ this many noise SDs; later points (and points beyond
   * the water FID) use a straight line fitted to the trusted phase's last quarter (weights |water|²).
   * Default 5; 0 gives Klose's plain point-by-point correction everywhere (noise phase included).
   */
  readonly minimumSnr?: number;
}

/** What {@link eddyCurrentCorrection} did. */
export interface EddyCurrentResult {
  /** Corrected metabolite FIDs (meta `eddyCurrentCorrection: 'klose'`, `eddyCurrentReference`, `eddyCurrentTrustedS`). */
  readonly spectra: Spectrum[];
  /** The water reference corrected by its own phase (real and positive while trusted). */
  readonly water: Spectrum;
  /** The phase removed at every metabolite point, rad (unwrapped, extrapolated past the trusted span). */
  readonly phaseRad: Float64Array;
  /** Number of water points whose phase was used as measured. */
  readonly trustedPoints: number;
}

/**
 * Eddy-current correction by the water reference (Klose, MRM 14:26, 1990; FSL-MRS `ecc`, Osprey
 * `op_eccKlose`): eddy currents add the same time-varying phase φ(t) to the water and the
 * metabolite FIDs of an acquisition, so the metabolite FID is multiplied point by point by
 * e^{−iφ_w(t)}, φ_w the unwrapped phase of the (unsuppressed, coil-combined, averaged) water FID.
 * Where the water FID has decayed into the noise its phase is noise, so past the first point with
 * |water| < `minimumSnr`·σ (σ per component from first differences of the water's last 10 %) the
 * phase is continued by a weighted straight line (its slope is the water's frequency).
 *
 * Side effects inherent to the method: the water's own frequency offset and zero-order phase are
 * removed too (water lands at the centre ppm, in absorption), so reference the ppm axis after ECC.
 * @throws WorkbenchError INVALID_DATA when dwell times differ or the water FID is empty of signal,
 *   INVALID_OPTION for a bad option.
 */
export function eddyCurrentCorrection(
  spectra: readonly Spectrum[],
  water: Spectrum,
  options: EddyCurrentOptions = {},
): EddyCurrentResult {
  const minimumSnr = options.minimumSnr ?? 5;
  if (!(minimumSnr >= 0 && Number.isFinite(minimumSnr))) {
    throw new WorkbenchError('INVALID_OPTION', `eddyCurrentCorrection: minimumSnr must be ≥ 0 (got ${minimumSnr})`);
  }
  const waterAcquisition = acquisitionOf(water);
  for (const spectrum of spectra) {
    const dwell = acquisitionOf(spectrum).dwellTimeS;
    if (Math.abs(dwell - waterAcquisition.dwellTimeS) > 1e-9 * dwell) {
      throw new WorkbenchError(
        'INVALID_DATA',
        `eddy-current correction: ${spectrum.name} has dwell ${dwell} s, the water reference ${waterAcquisition.dwellTimeS} s`,
        { file: spectrum.file },
      );
    }
  }
  const w = fidOf(water);
  const nWater = w.re.length;
  const longest = Math.max(nWater, ...spectra.map((s) => s.y.values.length));
  const { phase, trusted } = waterPhase(w, minimumSnr, longest, water);
  const rotate = (fid: ComplexArrays): ComplexArrays => {
    const n = fid.re.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const c = Math.cos(phase[t] as number);
      const s = -Math.sin(phase[t] as number);
      re[t] = (fid.re[t] as number) * c - (fid.im[t] as number) * s;
      im[t] = (fid.re[t] as number) * s + (fid.im[t] as number) * c;
    }
    return { re, im };
  };
  const meta = {
    eddyCurrentCorrection: 'klose',
    eddyCurrentReference: water.name,
    eddyCurrentTrustedS: trusted * waterAcquisition.dwellTimeS,
  };
  return {
    spectra: spectra.map((spectrum) => withFid(spectrum, rotate(fidOf(spectrum)), meta, 'ECC')),
    water: withFid(water, rotate(w), meta, 'ECC'),
    phaseRad: phase.slice(0, Math.max(...spectra.map((s) => s.y.values.length), 0)),
    trustedPoints: trusted,
  };
}

/** Unwrapped water phase for `length` points: measured while trusted, a weighted line after. */
function waterPhase(w: ComplexArrays, minimumSnr: number, length: number, water: Spectrum) {
  const n = w.re.length;
  const tailStart = Math.floor(0.9 * n);
  let sum = 0;
  for (let t = tailStart; t < n - 1; t++) {
    sum += ((w.re[t + 1] as number) - (w.re[t] as number)) ** 2 + ((w.im[t + 1] as number) - (w.im[t] as number)) ** 2;
  }
  const sigma = Math.sqrt(sum / Math.max(1, n - 1 - tailStart) / 4); // var(Δ) = 2σ² per component, two components
  let trusted = n;
  for (let t = 0; t < n; t++) {
    if (Math.hypot(w.re[t] as number, w.im[t] as number) < minimumSnr * sigma) {
      trusted = t;
      break;
    }
  }
  if (trusted < 2) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `eddy-current correction: ${water.name} has no water signal above the noise`,
      {
        file: water.file,
      },
    );
  }
  const phase = new Float64Array(length);
  let previous = 0;
  for (let t = 0; t < trusted; t++) {
    let angle = Math.atan2(w.im[t] as number, w.re[t] as number);
    angle += 2 * Math.PI * Math.round((previous - angle) / (2 * Math.PI));
    phase[t] = angle;
    previous = angle;
  }
  if (trusted < length) {
    // weighted least-squares line through the last quarter of the trusted span
    const from = Math.floor(0.75 * trusted);
    let sw = 0;
    let st = 0;
    let sp = 0;
    let stt = 0;
    let stp = 0;
    for (let t = from; t < trusted; t++) {
      const weight = (w.re[t] as number) ** 2 + (w.im[t] as number) ** 2;
      sw += weight;
      st += weight * t;
      sp += weight * (phase[t] as number);
      stt += weight * t * t;
      stp += weight * t * (phase[t] as number);
    }
    const det = sw * stt - st * st;
    const slope = det > 0 ? (sw * stp - st * sp) / det : 0;
    const last = phase[trusted - 1] as number;
    for (let t = trusted; t < length; t++) phase[t] = last + slope * (t - trusted + 1);
  }
  return { phase, trusted };
}
