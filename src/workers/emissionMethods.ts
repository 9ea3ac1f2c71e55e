import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import type {
  EmissionAnalysis as EmissionIdentification,
  EmissionAnalysisOptions as EmissionIdentifyOptions,
} from '../domains/emission/identification/analyseEmissionSpectrum';
import type { CalibrationStandard, EmissionCalibration, EmissionCalibrationOptions } from './emissionCalibration';
import type { CalibrationLine } from './emissionLineSignal';
import type { ElementLineSet } from './emissionLines';

export type {
  EmissionAnalysis as EmissionIdentification,
  EmissionAnalysisOptions as EmissionIdentifyOptions,
  EmissionPeak,
} from '../domains/emission/identification/analyseEmissionSpectrum';
export type { CalibrationStandard, EmissionCalibration, EmissionCalibrationOptions } from './emissionCalibration';
export type { CalibrationLine, LineSignal } from './emissionLineSignal';
export type { ElementLineMarker, ElementLineSet } from './emissionLines';

interface EmissionMethodsContext {
  /** Registers a cancellable job (the engine's `withJob`). */
  readonly withJob: <T>(jobId: string, run: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

/**
 * The engine's emission methods (atomic emission: LIBS, spark, liquid-discharge AES), classical
 * only; every module is imported on first use, so the worker loads emission code only when asked.
 * - `identifyEmission`: baseline, peaks and element identification of one spectrum
 *   (`domains/emission/identification/analyseEmissionSpectrum`, which the CLI runs too).
 * - `emissionLines` / `emissionElements`: the line library for markers and pickers.
 * - `calibrateEmission`: net line signals of standards and unknowns, the calibration curve with its
 *   bands, each unknown's concentration ± U with its budget (`emissionCalibration.ts`).
 *
 * Extension points for the networks (`domains/emission/models/`, trained apart): a
 * `quantifyEmission(jobId, modelId, spectra, params)` beside `calibrateEmission` will go through
 * the model methods' `predict` (as `identifyGamma` does with the CNN) and return concentrations with
 * their MC-dropout SD in the same `UnknownResult`-like rows; an anomaly monitor over a time series
 * will take the loaded frames of one file. Neither exists yet.
 */
export function createEmissionMethods({ withJob }: EmissionMethodsContext) {
  return {
    /**
     * Element identification of one emission spectrum (nm axis). Errors: `INVALID_OPTION` (not an
     * optical spectrum, axis not in nm, bad options), `INVALID_DATA` (non-finite intensities),
     * `CANCELLED` (between baseline, peaks and identification).
     */
    async identifyEmission(
      jobId: string,
      spectrum: Spectrum,
      options: EmissionIdentifyOptions = {},
    ): Promise<Result<EmissionIdentification>> {
      return attempt(
        () =>
          withJob(jobId, async (signal) => {
            const { analyseEmissionSpectrum } = await import(
              '../domains/emission/identification/analyseEmissionSpectrum'
            );
            return analyseEmissionSpectrum(spectrum, options, signal);
          }),
        spectrum.file,
      );
    },

    /** Library lines of `elements` in `rangeNm` (all when left out) with relative LTE intensities, for markers. */
    async emissionLines(
      elements: readonly string[],
      rangeNm?: readonly [number, number],
    ): Promise<Result<ElementLineSet[]>> {
      return attempt(async () => {
        const { emissionLineSets } = await import('./emissionLines');
        return emissionLineSets(elements, rangeNm);
      });
    },

    /** The elements of the shipped line library. */
    async emissionElements(): Promise<Result<string[]>> {
      return attempt(async () => {
        const { emissionLibraryElements } = await import('./emissionLines');
        return emissionLibraryElements();
      });
    },

    /**
     * Calibration of one line from standards, and the unknowns read back with uncertainty. Errors:
     * `INVALID_DATA` (too few standards or concentrations, a flat curve), `INVALID_OPTION` (a window
     * outside a spectrum), `CANCELLED`.
     */
    async calibrateEmission(
      jobId: string,
      standards: readonly CalibrationStandard[],
      line: CalibrationLine,
      unknowns: readonly Spectrum[],
      options: EmissionCalibrationOptions = {},
    ): Promise<Result<EmissionCalibration>> {
      return attempt(() =>
        withJob(jobId, async (signal) => {
          const { calibrateEmissionLine } = await import('./emissionCalibration');
          return calibrateEmissionLine(standards, line, unknowns, options, signal);
        }),
      );
    },
  };
}

export type EmissionMethods = ReturnType<typeof createEmissionMethods>;
