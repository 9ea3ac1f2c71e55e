import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import type { ElementLineSet, EmissionCalibration, EmissionIdentification } from '../../workers/emissionMethods';

/** One element-identification run on a spectrum (the latest one per spectrum is kept). */
export interface EmissionRun {
  /** The spectrum analysed, by reference: a file loaded again under the same name makes the run stale. */
  readonly spectrum: Spectrum;
  readonly status: 'running' | 'done' | 'failed';
  readonly identification: EmissionIdentification | null;
  readonly error: ErrorInfo | null;
}

/** The latest calibration asked for: what was sent, and what came back. */
export interface EmissionCalibrationRun {
  readonly status: 'running' | 'done' | 'failed';
  readonly standardIds: readonly string[];
  readonly unknownIds: readonly string[];
  readonly result: EmissionCalibration | null;
  readonly error: ErrorInfo | null;
}

/**
 * The emission state of the app: identification runs, the elements whose library lines are drawn
 * (with their lines once loaded), and the calibration view. A store of its own beside the
 * workbench store (the emission client owns it), so the emission UI adds no slice to the shared
 * one; components read it with {@link useEmission}.
 */
export interface EmissionState {
  readonly runs: Readonly<Record<string, EmissionRun>>;
  /** Elements whose lines are drawn on the plot, in the order they were switched on. */
  readonly markers: readonly string[];
  /** Library lines per element (the whole library range), loaded on first use. */
  readonly lineSets: Readonly<Record<string, ElementLineSet>>;
  /** Draw markers at library λ + the axis offset found (true) or at library λ (false). */
  readonly markersFollowOffset: boolean;
  /** The elements of the line library, once loaded (for the marker picker). */
  readonly libraryElements: readonly string[] | null;
  readonly calibrationOpen: boolean;
  readonly calibration: EmissionCalibrationRun | null;
  setRun(spectrumId: string, run: EmissionRun): void;
  toggleMarker(element: string): void;
  setMarkers(elements: readonly string[]): void;
  addLineSets(sets: readonly ElementLineSet[]): void;
  setMarkersFollowOffset(follow: boolean): void;
  setLibraryElements(elements: readonly string[]): void;
  setCalibrationOpen(open: boolean): void;
  setCalibration(run: EmissionCalibrationRun | null): void;
}

/** A fresh emission store (each client makes its own; tests too). */
export function createEmissionStore() {
  return createStore<EmissionState>()((set) => ({
    runs: {},
    markers: [],
    lineSets: {},
    markersFollowOffset: true,
    libraryElements: null,
    calibrationOpen: false,
    calibration: null,
    setRun: (spectrumId, run) => set((s) => ({ runs: { ...s.runs, [spectrumId]: run } })),
    toggleMarker: (element) =>
      set((s) => ({
        markers: s.markers.includes(element) ? s.markers.filter((e) => e !== element) : [...s.markers, element],
      })),
    setMarkers: (elements) => set({ markers: [...new Set(elements)] }),
    addLineSets: (sets) =>
      set((s) => ({ lineSets: { ...s.lineSets, ...Object.fromEntries(sets.map((l) => [l.element, l])) } })),
    setMarkersFollowOffset: (markersFollowOffset) => set({ markersFollowOffset }),
    setLibraryElements: (libraryElements) => set({ libraryElements }),
    setCalibrationOpen: (calibrationOpen) => set({ calibrationOpen }),
    setCalibration: (calibration) => set({ calibration }),
  }));
}

export type EmissionStore = ReturnType<typeof createEmissionStore>;

/** The app's emission store (the page's emission client uses it). */
export const emissionStore = createEmissionStore();

/** React hook: read the emission state with a selector. */
export function useEmission<T>(selector: (state: EmissionState) => T): T {
  return useStore(emissionStore, selector);
}

/** A spectrum element identification can run on: emission (or generic) with a wavelength axis in nm. */
export function isIdentifiableEmission(spectrum: Spectrum | undefined): spectrum is Spectrum {
  return (
    spectrum !== undefined &&
    (spectrum.domain === 'emission' || spectrum.domain === 'generic') &&
    spectrum.x.unit === 'nm' &&
    spectrum.y.imaginary === undefined
  );
}

/** The finished identification of exactly this spectrum (not of an earlier file of the same name), or null. */
export function currentIdentification(
  runs: EmissionState['runs'],
  spectrum: Spectrum | undefined,
): EmissionIdentification | null {
  if (!spectrum) return null;
  const run = runs[spectrum.id];
  return run?.status === 'done' && run.spectrum === spectrum ? run.identification : null;
}
