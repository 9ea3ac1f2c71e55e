import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import type { GammaAnalysis, GammaAnalysisOptions } from '../domains/gamma/analyseGammaSpectrum';
import type { Nuclide } from '../domains/gamma/nuclides/nuclide';
import type { CalibrationPoint } from '../domains/gamma/processing/recalibrateFromPeaks';
import type { RoiCounts } from '../domains/gamma/processing/roiCounts';
import type { SumSpectraOptions } from '../domains/gamma/processing/sumSpectra';

interface GammaMethodsContext {
  readonly transfer: <T>(value: T, buffers: ArrayBuffer[]) => T;
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
export function createGammaMethods({ transfer }: GammaMethodsContext) {
  const withSpectrum = (result: Result<Spectrum>): Result<Spectrum> =>
    result.ok ? transfer(result, buffersOf(result.value)) : result;
  return {
    async analyseGamma(spectrum: Spectrum, options: GammaAnalysisOptions = {}): Promise<Result<GammaAnalysis>> {
      return attempt(async () => {
        const { analyseGammaSpectrum } = await import('../domains/gamma/analyseGammaSpectrum');
        return analyseGammaSpectrum(spectrum, options);
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
