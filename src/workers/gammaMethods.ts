import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import type { GammaAnalysis, GammaAnalysisOptions } from '../domains/gamma/analyseGammaSpectrum';
import type { CnnNuclide, MethodComparison } from '../domains/gamma/identification/compareMethods';
import type { Nuclide } from '../domains/gamma/nuclides/nuclide';
import type { CalibrationPoint } from '../domains/gamma/processing/recalibrateFromPeaks';
import type { RoiCounts } from '../domains/gamma/processing/roiCounts';
import type { SumSpectraOptions } from '../domains/gamma/processing/sumSpectra';
import type { SpectrumPrediction } from '../ml/inference/predictSpectra';

interface GammaMethodsContext {
  readonly transfer: <T>(value: T, buffers: ArrayBuffer[]) => T;
  /** The model methods' predict (shipped models are loaded on first use and held). */
  readonly predict: (
    jobId: string,
    modelId: string,
    spectra: readonly Spectrum[],
    passes?: number,
  ) => Promise<Result<Result<SpectrumPrediction>[]>>;
}

/** Id of the shipped CNN nuclide identifier. */
export const GAMMA_CNN_MODEL_ID = 'gamma-nuclide-cnn';

/** Classical analysis and, when asked, the CNN beside it with where they agree. */
export interface GammaIdentification {
  readonly classical: GammaAnalysis;
  /** The CNN's probabilities (MC-dropout mean ± SD), or why it could not run (model missing, contract). */
  readonly cnn?: Result<{ readonly nuclides: readonly CnnNuclide[]; readonly passes: number }>;
  readonly agreement?: MethodComparison;
}

/** The new arrays of a spectrum made in the worker, to transfer rather than copy. */
function buffersOf(spectrum: Spectrum): ArrayBuffer[] {
  return [spectrum.x.values, spectrum.y.values, spectrum.y.sigma]
    .filter((array) => array !== undefined)
    .map((array) => array.buffer)
    .filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/**
 * The engine's gamma methods: classical analysis (peaks, background-peak correction, nuclide
 * identification), the processing the UI offers on gamma spectra (sum a time range, subtract a
 * background, recalibrate, ROI counts) and the nuclide library for line overlays. Every module is
 * imported on first use, so the worker loads gamma code only when a gamma spectrum is analysed.
 */
export function createGammaMethods({ transfer, predict }: GammaMethodsContext) {
  const withSpectrum = (result: Result<Spectrum>): Result<Spectrum> =>
    result.ok ? transfer(result, buffersOf(result.value)) : result;
  return {
    async analyseGamma(spectrum: Spectrum, options: GammaAnalysisOptions = {}): Promise<Result<GammaAnalysis>> {
      return attempt(async () => {
        const { analyseGammaSpectrum } = await import('../domains/gamma/analyseGammaSpectrum');
        return analyseGammaSpectrum(spectrum, options);
      }, spectrum.file);
    },

    /**
     * Classical identification and, with `cnn`, the shipped CNN on the same spectrum, compared
     * (the UI shows both where they disagree). A CNN that cannot run leaves the classical result intact.
     */
    async identifyGamma(
      jobId: string,
      spectrum: Spectrum,
      options: GammaAnalysisOptions & { readonly cnn?: boolean; readonly passes?: number } = {},
    ): Promise<Result<GammaIdentification>> {
      return attempt(async () => {
        const { analyseGammaSpectrum } = await import('../domains/gamma/analyseGammaSpectrum');
        const { cnn: withCnn, passes, ...analysisOptions } = options;
        const classical = analyseGammaSpectrum(spectrum, analysisOptions);
        if (!withCnn) return { classical };
        const predicted = await predict(jobId, GAMMA_CNN_MODEL_ID, [spectrum], passes);
        const first = predicted.ok ? predicted.value[0] : predicted;
        if (first === undefined || !first.ok) {
          const error = first?.error ?? { code: 'INTERNAL' as const, message: 'no prediction' };
          return { classical, cnn: { ok: false as const, error } };
        }
        const nuclides = first.value.values.map((v) => ({ nuclide: v.name, probability: v.mean, sd: v.sd }));
        const { compareMethods } = await import('../domains/gamma/identification/compareMethods');
        return {
          classical,
          cnn: { ok: true as const, value: { nuclides, passes: first.value.passes } },
          agreement: compareMethods(classical.identification, nuclides),
        };
      }, spectrum.file);
    },

    async sumGammaSpectra(spectra: readonly Spectrum[], options: SumSpectraOptions = {}): Promise<Result<Spectrum>> {
      const result = await attempt(async () => {
        const { sumSpectra } = await import('../domains/gamma/processing/sumSpectra');
        return sumSpectra(spectra, options);
      }, spectra[0]?.file);
      return withSpectrum(result);
    },

    async subtractGammaBackground(spectrum: Spectrum, background: Spectrum): Promise<Result<Spectrum>> {
      const result = await attempt(async () => {
        const { subtractBackground } = await import('../domains/gamma/processing/subtractBackground');
        return subtractBackground(spectrum, background);
      }, spectrum.file);
      return withSpectrum(result);
    },

    async recalibrateGamma(spectrum: Spectrum, points: readonly CalibrationPoint[]): Promise<Result<Spectrum>> {
      const result = await attempt(async () => {
        const { recalibrateFromPeaks } = await import('../domains/gamma/processing/recalibrateFromPeaks');
        return recalibrateFromPeaks(spectrum, points);
      }, spectrum.file);
      return withSpectrum(result);
    },

    async gammaRoi(spectrum: Spectrum, lowKeV: number, highKeV: number): Promise<Result<RoiCounts>> {
      return attempt(async () => {
        const { roiCounts } = await import('../domains/gamma/processing/roiCounts');
        return roiCounts(spectrum, lowKeV, highKeV);
      }, spectrum.file);
    },

    /** The nuclide library (names, categories, lines), for line overlays and pickers. */
    async nuclideLibrary(): Promise<readonly Nuclide[]> {
      const { nuclideLibrary } = await import('../domains/gamma/nuclides/nuclideLibrary');
      return nuclideLibrary();
    },
  };
}

export type GammaMethods = ReturnType<typeof createGammaMethods>;
