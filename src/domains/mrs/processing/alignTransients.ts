import { type Spectrum, WorkbenchError } from '../../../core';
import { type ComplexArrays, fftAnyLength } from '../../../numeric/fftAnyLength';
import { spectralRegistration } from './spectralRegistration';
import { complexMean, complexMedian, fidOf, ppmBins, sharedAcquisition, withFid } from './transientData';

/** Options of {@link alignTransients}. */
export interface AlignTransientsOptions {
  /** Target: per-point `median` (default, robust to outliers), `mean`, or a given FID of the same length. */
  readonly reference?: 'median' | 'mean' | ComplexArrays;
  /** Length of the FID start that is fitted, s. Default 0.2 (Near et al. 2015). */
  readonly fitTimeS?: number;
  /** Fit only this band (ppm): both FIDs are band-limited by a DFT mask first. Default: no restriction. */
  readonly ppmRange?: readonly [number, number];
  /**
   * Most passes. After the first the target of each transient is the mean of the other aligned
   * transients (unless a reference was given); passes stop when no shift or phase moves by more
   * than 5 % of the median uncertainty (at least 0.001 Hz / 0.01°). Default 10.
   */
  readonly iterations?: number;
  /** Frequency search range of the start grid, ±Hz. Default 20. */
  readonly maxShiftHz?: number;
}

/** What {@link alignTransients} found. */
export interface AlignTransientsResult {
  /** Aligned transients, meta `alignedShiftHz`, `alignedPhaseDeg`. */
  readonly spectra: Spectrum[];
  /** Frequency shift applied to each transient, Hz (FID × e^{2πi·f·t}: + moves lines to lower ppm). */
  readonly shiftsHz: Float64Array;
  /** Zero-order phase applied, degrees (FID × e^{iφ}). */
  readonly phasesDeg: Float64Array;
  /** 1-σ uncertainty of each shift (Hz) and phase (°), from the fit's covariance scaled by its reduced χ². */
  readonly shiftSdHz: Float64Array;
  readonly phaseSdDeg: Float64Array;
  /** The mean of the aligned transients (the target of a further pass), or the given reference. */
  readonly reference: ComplexArrays;
  /** Passes run. */
  readonly passes: number;
}

/**
 * Frequency-and-phase alignment of the transients of one acquisition by spectral registration
 * (Near et al., MRM 73:44, 2015; FSL-MRS `align`, Osprey `op_alignAverages`): each transient x is
 * fitted to a target r over the first `fitTimeS` of the FID by least squares in the time domain,
 * min Σ_t |r(t) − x(t)·e^{i(2π·f·t + φ)}|². The phase is eliminated in closed form and the shift
 * maximises |Σ_t r(t)·conj(x(t))·e^{−2πi·f·t}|: a grid of 1/(10·fitTimeS) (0.5 Hz) over
 * ±`maxShiftHz` (so shifts beyond the basin of plain SR are caught), then Newton steps
 * (`spectralRegistration.ts`). With `ppmRange` both FIDs are first band-limited (DFT, zero outside
 * the band, inverse DFT): the frequency-restricted variant that ignores residual water and lipids.
 *
 * The target starts as the per-point median of the transients (or their mean, or a given FID).
 * A target made of misaligned transients is blurred and pulls every estimate towards the middle,
 * so later passes align each transient to the mean of the *other* aligned transients (leaving
 * itself out removes the pull of its own noise) until the estimates settle (`iterations`); the
 * mean shift and phase of the set stay those of the first pass (the frame of the median
 * transient), otherwise the whole set drifts slowly from pass to pass. Passes after the second
 * search ±1 Hz around the last estimate only. All transients must share points and dwell time;
 * meta, axis and everything else are kept.
 *
 * Accuracy (tests, NAA/Cr/Cho 5 Hz lines, 32 transients, ±5 Hz, ±30°): at the Cramér–Rao bound —
 * MAE 0.16 / 0.09 / 0.07 / 0.05 Hz and 2.2 / 1.3 / 1.0 / 0.7° at single-transient SNR 10 / 15 /
 * 20 / 30 (NAA height over spectral noise SD). Cost: 64 × 2048 points, 4 passes ≈ 60–80 ms
 * (whole FID), ≈ 150–200 ms band-limited.
 * @throws WorkbenchError INVALID_OPTION for bad options, INVALID_DATA for mismatched transients.
 */
export function alignTransients(
  spectra: readonly Spectrum[],
  options: AlignTransientsOptions = {},
): AlignTransientsResult {
  const acquisition = sharedAcquisition(spectra, 'alignment');
  const n = acquisition.points;
  const fitTime = options.fitTimeS ?? 0.2;
  const iterations = options.iterations ?? 10;
  const maxShift = options.maxShiftHz ?? 20;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `alignTransients: ${message}`);
  };
  if (!(fitTime > 0)) fail(`fitTimeS must be > 0 s (got ${fitTime})`);
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 100))
    fail(`iterations must be an integer in 1…100 (got ${iterations})`);
  if (!(maxShift >= 0 && Number.isFinite(maxShift))) fail(`maxShiftHz must be ≥ 0 (got ${maxShift})`);
  const given = typeof options.reference === 'object' ? options.reference : undefined;
  if (given !== undefined && (given.re.length !== n || given.im.length !== n))
    fail(`the reference FID must have ${n} points (got ${given.re.length})`);
  const m = Math.min(n, Math.max(4, Math.round(fitTime / acquisition.dwellTimeS)));
  const band = options.ppmRange === undefined ? undefined : ppmBins(n, acquisition, options.ppmRange);
  if (band !== undefined && !band.includes(1)) fail(`ppmRange ${options.ppmRange?.join('–')} holds no point`);
  const prepare = (fid: ComplexArrays) => bandLimit(fid, band, m);
  const fids = spectra.map(fidOf);
  const fitted = fids.map(prepare);
  let reference = given ?? (options.reference === 'mean' ? complexMean(fids) : complexMedian(fids));
  const count = spectra.length;
  const shifts = new Float64Array(count);
  const phases = new Float64Array(count);
  const shiftSd = new Float64Array(count);
  const phaseSd = new Float64Array(count);
  let aligned: ComplexArrays[] = fids;
  let passes = 0;
  let frameShift = 0;
  let framePhase = 0;
  for (let pass = 0; pass < iterations; pass++) {
    passes += 1;
    // first pass: one target for all; later: the mean of the other aligned transients (no self-bias)
    const shared = pass === 0 ? prepare(reference) : undefined;
    const total = pass === 0 ? undefined : sumOf(aligned.map((fid) => prepare(fid)));
    const previous = { shifts: Float64Array.from(shifts), phases: Float64Array.from(phases) };
    fitted.forEach((fid, k) => {
      const target = shared ?? leaveOneOut(total as ComplexArrays, prepare(aligned[k] as ComplexArrays), count);
      // full search in the first two passes; then ±1 Hz around the last estimate
      const fit = spectralRegistration(
        fid,
        target,
        acquisition.dwellTimeS,
        maxShift,
        pass < 2 ? undefined : (shifts[k] as number),
      );
      shifts[k] = fit.shiftHz;
      phases[k] = fit.phaseRad;
      shiftSd[k] = fit.shiftSdHz;
      phaseSd[k] = fit.phaseSdRad;
    });
    // The set as a whole may turn and slide from pass to pass (the targets are made of the aligned
    // transients themselves): pin its mean shift and mean phase to those of the first pass.
    const meanShift = shifts.reduce((a, b) => a + b, 0) / count;
    const meanPhase = Math.atan2(
      phases.reduce((a, b) => a + Math.sin(b), 0),
      phases.reduce((a, b) => a + Math.cos(b), 0),
    );
    if (pass === 0) {
      frameShift = meanShift;
      framePhase = meanPhase;
    } else {
      for (let k = 0; k < count; k++) {
        shifts[k] = (shifts[k] as number) - meanShift + frameShift;
        phases[k] = wrap((phases[k] as number) - meanPhase + framePhase);
      }
    }
    aligned = fids.map((fid, k) => rotate(fid, shifts[k] as number, phases[k] as number, acquisition.dwellTimeS));
    if (given !== undefined || count < 2) break;
    reference = complexMean(aligned);
    // settled: no estimate moved by more than 0.001 Hz / 0.01° or 5 % of its typical uncertainty
    const sorted = (values: Float64Array) => Float64Array.from(values).sort()[count >> 1] as number;
    const shiftTolerance = Math.max(0.001, 0.05 * sorted(shiftSd));
    const phaseTolerance = Math.max((0.01 * Math.PI) / 180, 0.05 * sorted(phaseSd));
    let settled = pass > 0;
    for (let k = 0; k < count && settled; k++) {
      settled =
        Math.abs((shifts[k] as number) - (previous.shifts[k] as number)) <= shiftTolerance &&
        Math.abs(wrap((phases[k] as number) - (previous.phases[k] as number))) <= phaseTolerance;
    }
    if (settled) break;
  }
  const degrees = (radians: number) => (radians * 180) / Math.PI;
  const out = spectra.map((spectrum, k) =>
    withFid(
      spectrum,
      aligned[k] as ComplexArrays,
      { alignedShiftHz: shifts[k] as number, alignedPhaseDeg: degrees(phases[k] as number), alignmentPasses: passes },
      'aligned',
    ),
  );
  return {
    spectra: out,
    shiftsHz: shifts,
    phasesDeg: phases.map(degrees),
    shiftSdHz: shiftSd,
    phaseSdDeg: phaseSd.map(degrees),
    reference,
    passes,
  };
}

/** Sum of several FIDs. */
function sumOf(fids: readonly ComplexArrays[]): ComplexArrays {
  const mean = complexMean(fids);
  return { re: mean.re.map((v) => v * fids.length), im: mean.im.map((v) => v * fids.length) };
}

/** (total − own)/(count − 1): the mean of the others. */
function leaveOneOut(total: ComplexArrays, own: ComplexArrays, count: number): ComplexArrays {
  return {
    re: total.re.map((v, t) => (v - (own.re[t] as number)) / (count - 1)),
    im: total.im.map((v, t) => (v - (own.im[t] as number)) / (count - 1)),
  };
}

function wrap(angle: number): number {
  return Math.atan2(Math.sin(angle), Math.cos(angle));
}

/** The first m points of an FID, band-limited first when a DFT mask is given. */
function bandLimit(fid: ComplexArrays, band: Uint8Array | undefined, m: number): ComplexArrays {
  if (band === undefined) return { re: fid.re.slice(0, m), im: fid.im.slice(0, m) };
  const spectrum = fftAnyLength(fid.re, fid.im);
  for (let k = 0; k < band.length; k++) {
    if (band[k] === 0) {
      spectrum.re[k] = 0;
      spectrum.im[k] = 0;
    }
  }
  const back = fftAnyLength(spectrum.re, spectrum.im, true);
  return { re: back.re.slice(0, m), im: back.im.slice(0, m) };
}

/** x(t)·e^{i(2π·f·t + φ)}. */
function rotate(fid: ComplexArrays, shiftHz: number, phaseRad: number, dwell: number): ComplexArrays {
  const n = fid.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const angle = 2 * Math.PI * shiftHz * t * dwell + phaseRad;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const xr = fid.re[t] as number;
    const xi = fid.im[t] as number;
    re[t] = xr * c - xi * s;
    im[t] = xr * s + xi * c;
  }
  return { re, im };
}
