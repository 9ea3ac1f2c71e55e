import { WorkbenchError } from '../../../core/errors';
import type { Spectrum } from '../../../core/spectrum';
import { pickPeaks } from '../processing/pickPeaks';
import { type BaselineMethod, removeBaseline } from '../processing/removeBaseline';
import {
  type ElementIdentificationResult,
  type IdentifyElementsOptions,
  identifyElements,
  type ObservedPeak,
} from './identifyElements';

/** Settings of an element identification the user may change; the rest are the domain's defaults. */
export interface EmissionAnalysisOptions {
  /** Baseline removed before peak picking (default `airpls`); `none` picks on the raw intensities. */
  readonly baseline?: BaselineMethod | 'none';
  /** Least peak height in noise SDs (default 5, as `pickPeaks`). */
  readonly minSnr?: number;
  /** Only the strongest peaks take part (default 200: the identification README's Aalto setting). */
  readonly maxPeaks?: number;
  /** Peak intensity given to the scoring: net height (default) or net area. */
  readonly intensity?: 'height' | 'area';
  /** Identification settings passed on (`identifyElements`): candidates, temperature, offset search, cut. */
  readonly elements?: readonly string[];
  readonly temperatureK?: number;
  readonly minScore?: number;
  readonly maxOffsetNm?: number;
  readonly offsetNm?: number;
}

/** A picked peak as the UI and the CLI show it (axis units: nm as measured). */
export interface EmissionPeak {
  readonly wavelengthNm: number;
  readonly height: number;
  readonly area: number;
  readonly fwhmNm: number;
  readonly snr: number;
}

/** What {@link analyseEmissionSpectrum} found on one spectrum. */
export interface EmissionAnalysis {
  readonly spectrumId: string;
  /** Baseline method and parameters used, or `none`. */
  readonly baseline: string;
  readonly noiseSigma: number;
  /** The peaks given to the identification (its `peakIndex` and `unexplainedPeaks` index this list). */
  readonly peaks: readonly EmissionPeak[];
  /** Peaks above the SNR cut before the `maxPeaks` cut. */
  readonly peaksFound: number;
  /** Axis range of the spectrum (nm). */
  readonly rangeNm: readonly [number, number];
  /** Elements (accepted first), the axis offset (observed − library, nm) and the unexplained peaks. */
  readonly result: ElementIdentificationResult;
}

/** Stops a job between stages when its signal was aborted. */
function checkCancelled(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'element identification was cancelled', { file });
}

/**
 * Element identification of one emission spectrum, the classical way: baseline removal
 * (`processing/removeBaseline`, airPLS by default), peak picking (`processing/pickPeaks`, net
 * heights and areas), the strongest `maxPeaks` peaks matched against the shipped line library by
 * `identification/identifyElements` (LTE-weighted expected lines, a constant axis offset, greedy
 * explaining away; see its README for the scoring and its measured limits). A spectrum without a
 * peak above the cut gives an empty result, not an error. `signal` is checked between the stages.
 * @throws WorkbenchError INVALID_OPTION for a spectrum that is not optical or whose axis is not in
 *   nm (Raman shifts in cm⁻¹ carry no element lines), or for bad options; CANCELLED.
 */
export function analyseEmissionSpectrum(
  spectrum: Spectrum,
  options: EmissionAnalysisOptions = {},
  signal?: AbortSignal,
): EmissionAnalysis {
  const file = spectrum.file;
  if (spectrum.x.unit !== 'nm') {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `element identification needs a wavelength axis in nm; this spectrum's axis is in ${spectrum.x.unit}`,
      { file },
    );
  }
  const { baseline = 'airpls', minSnr = 5, maxPeaks = 200, intensity = 'height' } = options;
  if (!(Number.isInteger(maxPeaks) && maxPeaks >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `maxPeaks must be an integer ≥ 1 (got ${maxPeaks})`, { file });
  }
  const x = spectrum.x.values;
  const rangeNm: [number, number] = [x[0] as number, x[x.length - 1] as number];
  checkCancelled(signal, file);
  const corrected = baseline === 'none' ? null : removeBaseline(spectrum, { method: baseline });
  checkCancelled(signal, file);
  const picked = pickPeaks(corrected?.spectrum ?? spectrum, { minSnr });
  checkCancelled(signal, file);
  const strongest = picked.peaks
    .filter((p) => (intensity === 'area' ? p.area : p.height) > 0 && p.x > 0)
    .sort((a, b) => b.height - a.height)
    .slice(0, maxPeaks)
    .sort((a, b) => a.x - b.x);
  const peaks: EmissionPeak[] = strongest.map((p) => ({
    wavelengthNm: p.x,
    height: p.height,
    area: p.area,
    fwhmNm: p.fwhm,
    snr: p.snr,
  }));
  const observed: ObservedPeak[] = peaks.map((p) => ({
    wavelengthNm: p.wavelengthNm,
    intensity: intensity === 'area' ? p.area : p.height,
    fwhmNm: p.fwhmNm,
  }));
  const identifyOptions: IdentifyElementsOptions = {
    ...(options.elements === undefined ? {} : { elements: options.elements }),
    ...(options.temperatureK === undefined ? {} : { temperatureK: options.temperatureK }),
    ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
    ...(options.maxOffsetNm === undefined ? {} : { maxOffsetNm: options.maxOffsetNm }),
    ...(options.offsetNm === undefined ? {} : { offsetNm: options.offsetNm }),
  };
  let result: ElementIdentificationResult;
  try {
    result =
      observed.length > 0
        ? identifyElements(observed, identifyOptions)
        : { offsetNm: 0, elements: [], unexplainedPeaks: peaks.map((_, i) => i) };
  } catch (error) {
    if (error instanceof WorkbenchError && error.file === undefined) {
      throw new WorkbenchError(error.code, error.message, { file, cause: error });
    }
    throw error;
  }
  const parameters = corrected?.spectrum.meta['baseline.parameters'];
  return {
    spectrumId: spectrum.id,
    baseline: baseline === 'none' ? 'none' : `${baseline}${parameters === undefined ? '' : ` (${String(parameters)})`}`,
    noiseSigma: picked.noiseSigma,
    peaks,
    peaksFound: picked.peaks.length,
    rangeNm,
    result,
  };
}
