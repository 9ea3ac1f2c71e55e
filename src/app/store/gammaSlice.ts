import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import type { GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';
import type { MethodComparison } from '../../domains/gamma/identification/compareMethods';
import type { Nuclide } from '../../domains/gamma/nuclides/nuclide';
import type { GammaIdentification } from '../../workers/gammaMethods';
import type { WorkbenchState } from './workbenchStore';

/** One nuclide-identification run on a spectrum (the latest one per spectrum is kept). */
export interface GammaRun {
  /** The spectrum analysed, by reference: a file loaded again under the same name makes the run stale. */
  readonly spectrum: Spectrum;
  readonly backgroundId: string | null;
  readonly status: 'running' | 'done' | 'failed';
  readonly analysis: GammaAnalysis | null;
  readonly error: ErrorInfo | null;
  /** The CNN identifier beside the classical result (absent: not run, e.g. no CNN model shipped). */
  readonly cnn?: GammaIdentification['cnn'];
  readonly agreement?: MethodComparison;
}

export interface GammaSlice {
  /** Latest identification run per spectrum id. */
  readonly gammaRuns: Readonly<Record<string, GammaRun>>;
  /** The background the user chose per spectrum id (null: none); absent → {@link defaultBackgroundId}. */
  readonly backgroundChoice: Readonly<Record<string, string | null>>;
  /** Nuclides whose library lines are drawn on the plot, in the order they were switched on. */
  readonly lineOverlays: readonly string[];
  /** The engine's nuclide library by name, once loaded (for line overlays). */
  readonly nuclides: Readonly<Record<string, Nuclide>> | null;
  /** Draw the chosen background, scaled by live time, as a dashed trace. */
  readonly showBackgroundTrace: boolean;
  /** The user switched the log scale: gamma files no longer switch it on. */
  readonly logIntensityTouched: boolean;
  /** Spectra made in the app (sums of a time range), shown under their file. */
  readonly derivedIds: readonly string[];
  setGammaRun(spectrumId: string, run: GammaRun): void;
  setBackgroundChoice(spectrumId: string, backgroundId: string | null): void;
  toggleLineOverlay(nuclide: string): void;
  setNuclideLibrary(nuclides: readonly Nuclide[]): void;
  setShowBackgroundTrace(show: boolean): void;
  /** The log-scale toggle as the user clicks it (the choice sticks). */
  setLogIntensityByUser(log: boolean): void;
  /** Gamma spectra are read on a log scale: switches it on unless the user chose otherwise. */
  applyGammaLogDefault(): void;
  /** Adds a spectrum made from `file`'s spectra under that file, and selects it alone. */
  addDerivedSpectrum(file: string, spectrum: Spectrum): void;
}

/** A spectrum the gamma analysis can run on: a gamma spectrum with an energy (keV) axis. */
export function isAnalysableGamma(spectrum: Spectrum | undefined): spectrum is Spectrum {
  return spectrum !== undefined && spectrum.domain === 'gamma' && spectrum.x.unit === 'keV';
}

/**
 * The background preselected for a spectrum: a spectrum of the same file whose
 * `meta.measurementClass` is `Background` (RadiaCode XML with its background, N42 background
 * measurements), or null.
 */
export function defaultBackgroundId(
  state: Pick<WorkbenchState, 'files' | 'spectra'>,
  spectrumId: string,
): string | null {
  const spectrum = state.spectra[spectrumId];
  if (!spectrum || spectrum.meta.measurementClass === 'Background') return null;
  const file = state.files.find((f) => f.file === spectrum.file);
  const id = file?.spectrumIds.find(
    (other) =>
      other !== spectrumId &&
      state.spectra[other]?.meta.measurementClass === 'Background' &&
      isAnalysableGamma(state.spectra[other]),
  );
  return id ?? null;
}

/** The background in use for a spectrum: the user's choice when it still exists, else the default. */
export function backgroundIdFor(
  state: Pick<WorkbenchState, 'files' | 'spectra' | 'backgroundChoice'>,
  spectrumId: string,
): string | null {
  if (spectrumId in state.backgroundChoice) {
    const chosen = state.backgroundChoice[spectrumId] ?? null;
    return chosen !== null && state.spectra[chosen] ? chosen : null;
  }
  return defaultBackgroundId(state, spectrumId);
}

export const createGammaSlice: StateCreator<WorkbenchState, [], [], GammaSlice> = (set) => ({
  gammaRuns: {},
  backgroundChoice: {},
  lineOverlays: [],
  nuclides: null,
  showBackgroundTrace: true,
  logIntensityTouched: false,
  derivedIds: [],
  setGammaRun: (spectrumId, run) => set((state) => ({ gammaRuns: { ...state.gammaRuns, [spectrumId]: run } })),
  setBackgroundChoice: (spectrumId, backgroundId) =>
    set((state) => ({ backgroundChoice: { ...state.backgroundChoice, [spectrumId]: backgroundId } })),
  toggleLineOverlay: (nuclide) =>
    set((state) => ({
      lineOverlays: state.lineOverlays.includes(nuclide)
        ? state.lineOverlays.filter((n) => n !== nuclide)
        : [...state.lineOverlays, nuclide],
    })),
  setNuclideLibrary: (nuclides) => set({ nuclides: Object.fromEntries(nuclides.map((n) => [n.name, n])) }),
  setShowBackgroundTrace: (showBackgroundTrace) => set({ showBackgroundTrace }),
  setLogIntensityByUser: (logIntensity) => set({ logIntensity, logIntensityTouched: true }),
  applyGammaLogDefault: () => set((state) => (state.logIntensityTouched ? {} : { logIntensity: true })),
  addDerivedSpectrum: (file, spectrum) =>
    set((state) => {
      const owner = state.files.find((f) => f.file === file);
      if (!owner) return {};
      const id = spectrum.id;
      const known = owner.spectrumIds.includes(id);
      return {
        files: state.files.map((f) => (f === owner && !known ? { ...f, spectrumIds: [...f.spectrumIds, id] } : f)),
        spectra: { ...state.spectra, [id]: spectrum },
        spectrumOrder: known ? state.spectrumOrder : [...state.spectrumOrder, id],
        selectedIds: [id],
        derivedIds: state.derivedIds.includes(id) ? state.derivedIds : [...state.derivedIds, id],
      };
    }),
});
