import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { companionOnGrid } from './companionOnGrid';
import { derivedSpectrum, maskedRanges, requireOptical, round } from './opticalSupport';

/** What {@link darkReferenceCorrection} returns as the spectrum's intensities. */
export type DarkReferenceOutput = 'counts' | 'transmittance' | 'reflectance' | 'absorbance';

/** Options of {@link darkReferenceCorrection}. */
export interface DarkReferenceOptions {
  /** The dark measurement (shutter closed): subtracted from the sample and the reference. */
  readonly dark?: Spectrum;
  /** The reference measurement (lamp through the blank, or the white standard). */
  readonly reference?: Spectrum;
  /** Default `counts` without a reference, `transmittance` with one. */
  readonly output?: DarkReferenceOutput;
  /**
   * Scale the dark to each spectrum's integration time (`meta.integrationTimeS`) when they differ,
   * and compare sample and reference per second. Default true.
   */
  readonly scaleIntegrationTime?: boolean;
  /** Detector maximum (counts, raw): points at or above it are flagged. Default `meta.detectorMaximumCounts`. */
  readonly detectorMaximum?: number;
}

/** The corrected spectrum, and which of its points came from saturated pixels. */
export interface DarkReferenceResult {
  readonly spectrum: Spectrum;
  /** 1 where the raw sample or reference reached the detector maximum (all 0 when it is unknown). */
  readonly saturated: Uint8Array;
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined;

/**
 * Dark and reference correction of a raw optical spectrum, as spectrometer software does it
 * (Ocean Optics "electric dark" and processed modes; AvaSoft's `(scope − dark)/(white − dark)·100`,
 * notes §4.4 [V]):
 * - `counts`: S − D;
 * - `transmittance` / `reflectance` (%): 100·(S − D)/(R − D), per second of integration when the
 *   times differ: 100·((S − D_S)/t_S)/((R − D_R)/t_R);
 * - `absorbance`: A = −log10 of that ratio (Beer–Lambert; the ratio as a fraction).
 * A dark measured at another integration time t_D is scaled by t/t_D (dark current grows ∝ t,
 * notes §3.5; a constant bias in the dark is scaled too, so a dark at the same time is better).
 * Dark and reference come onto the sample's grid by {@link companionOnGrid}. Where R − D ≤ 0 (no
 * light in the reference) or, for absorbance, the ratio ≤ 0, the result is NaN; their number is
 * `meta.undefinedPoints` (later steps refuse NaN: see `requireOptical`). Saturated raw points are
 * kept but flagged in the returned mask and in meta `saturatedPoints`, `saturatedRanges`.
 * Meta also: `darkCorrection` (the dark's name or `none`), `darkScale` (t/t_D), `reference`,
 * `intensityMode` (the output), `integrationTimeNote` when the times were not known.
 * @throws WorkbenchError INVALID_OPTION for a ratio output without a reference, neither a dark nor a
 *   reference, a companion that does not cover the sample ({@link companionOnGrid}), or a bad maximum.
 */
export function darkReferenceCorrection(sample: Spectrum, options: DarkReferenceOptions): DarkReferenceResult {
  requireOptical(sample, 'dark/reference correction');
  const { dark, reference } = options;
  const output = options.output ?? (reference === undefined ? 'counts' : 'transmittance');
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: sample.file });
  };
  if (output !== 'counts' && reference === undefined) fail(`${output} needs a reference spectrum`);
  if (dark === undefined && reference === undefined) fail('dark/reference correction needs a dark or a reference');
  const maximum = options.detectorMaximum ?? positive(sample.meta.detectorMaximumCounts);
  if (maximum !== undefined && !(maximum > 0)) fail(`the detector maximum must be > 0 (got ${maximum})`);
  const scale = options.scaleIntegrationTime !== false;
  const n = sample.y.values.length;
  const s = sample.y.values;
  const d = dark === undefined ? new Float64Array(n) : companionOnGrid(dark, sample, 'dark');
  const r =
    reference === undefined || output === 'counts' ? undefined : companionOnGrid(reference, sample, 'reference');
  const ts = positive(sample.meta.integrationTimeS);
  const td = dark === undefined ? undefined : positive(dark.meta.integrationTimeS);
  const tr = r === undefined ? undefined : positive(reference?.meta.integrationTimeS);
  const meta: SpectrumMeta = {
    darkCorrection: dark === undefined ? 'none' : dark.name,
    intensityMode: output,
  };
  const darkScaleFor = (t: number | undefined): number => (scale && t !== undefined && td !== undefined ? t / td : 1);
  const ds = darkScaleFor(ts);
  if (dark !== undefined) meta.darkScale = round(ds);
  const known = ts !== undefined && (dark === undefined || td !== undefined) && (r === undefined || tr !== undefined);
  if (!known) meta.integrationTimeNote = 'integration times not all known: taken as equal';
  const saturated = new Uint8Array(n);
  if (maximum !== undefined) {
    for (let i = 0; i < n; i++) {
      if ((s[i] as number) >= maximum || (r !== undefined && (r[i] as number) >= maximum)) saturated[i] = 1;
    }
  }
  const values = new Float64Array(n);
  let undefinedPoints = 0;
  if (r === undefined) {
    for (let i = 0; i < n; i++) values[i] = (s[i] as number) - ds * (d[i] as number);
  } else {
    meta.reference = reference?.name ?? '';
    const dr = darkScaleFor(tr);
    // per second when both times are known, else as measured
    const perSecond = scale && ts !== undefined && tr !== undefined ? tr / ts : 1;
    for (let i = 0; i < n; i++) {
      const below = (r[i] as number) - dr * (d[i] as number);
      const ratio = (perSecond * ((s[i] as number) - ds * (d[i] as number))) / below;
      let value = output === 'absorbance' ? -Math.log10(ratio) : 100 * ratio;
      if (!(below > 0) || (output === 'absorbance' && !(ratio > 0))) value = Number.NaN;
      if (Number.isNaN(value)) undefinedPoints++;
      values[i] = value;
    }
    if (perSecond !== 1) meta.referenceTimeRatio = round(perSecond);
    meta.undefinedPoints = undefinedPoints;
  }
  const count = saturated.reduce((sum, flag) => sum + flag, 0);
  if (maximum !== undefined) {
    meta.saturatedPoints = count;
    if (count > 0) meta.saturatedRanges = maskedRanges(sample, saturated);
  }
  const intensity =
    output === 'counts'
      ? {}
      : { unit: 'a.u.' as const, label: output === 'absorbance' ? 'Absorbance' : `${capitalised(output)} (%)` };
  const suffix = output === 'counts' ? 'dark corrected' : output;
  return { spectrum: derivedSpectrum(sample, values, suffix, meta, intensity), saturated };
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
