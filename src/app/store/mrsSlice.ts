import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../core/errors';
import type { MrsQuantifyView } from '../../workers/mrsMethods';
import type { MrsTransientView } from '../../workers/mrsTransientView';
import { defaultShownComponents } from '../plot/buildMrsFitFigure';
import type { WorkbenchState } from './workbenchStore';

/** The latest MRS quantification: what was fitted with what, and its result or error. */
export interface MrsQuantifyRun {
  readonly status: 'running' | 'done' | 'failed';
  readonly dataFile: string;
  readonly waterFile: string | null;
  readonly basisFiles: readonly string[];
  readonly result: MrsQuantifyView | null;
  readonly error: ErrorInfo | null;
}

/** The latest transient view (one file's transients before and after alignment), or its error. */
export interface MrsTransientsRun {
  readonly status: 'running' | 'done' | 'failed';
  readonly file: string;
  readonly result: MrsTransientView | null;
  readonly error: ErrorInfo | null;
}

/** Which part of a complex ppm spectrum the viewer draws. */
export type ComplexPart = 'real' | 'imaginary' | 'magnitude';

export interface MrsSlice {
  readonly mrsQuantify: MrsQuantifyRun | null;
  /** Fit components drawn in the fit plot; null: the default set of the result ({@link defaultShownComponents}). */
  readonly mrsShownComponents: readonly string[] | null;
  /** Part of complex ppm spectra (MRS) drawn in the viewer. */
  readonly mrsComplexPart: ComplexPart;
  /** The transient view shown in the main column (null: none). */
  readonly mrsTransients: MrsTransientsRun | null;
  /** Sets the run; a new result shows its default components again. */
  setMrsQuantify(run: MrsQuantifyRun | null): void;
  /** Shows or hides one fit component. */
  toggleMrsComponent(name: string): void;
  /** Shows exactly these components (null: the default set). */
  setMrsShownComponents(names: readonly string[] | null): void;
  setMrsComplexPart(part: ComplexPart): void;
  setMrsTransients(run: MrsTransientsRun | null): void;
}

/** The components drawn now: the user's choice, else the result's default set. */
export function shownMrsComponents(state: Pick<WorkbenchState, 'mrsQuantify' | 'mrsShownComponents'>): string[] {
  const fit = state.mrsQuantify?.result?.fit;
  if (!fit) return [];
  return state.mrsShownComponents === null ? defaultShownComponents(fit) : [...state.mrsShownComponents];
}

export const createMrsSlice: StateCreator<WorkbenchState, [], [], MrsSlice> = (set) => ({
  mrsQuantify: null,
  mrsShownComponents: null,
  mrsComplexPart: 'real',
  mrsTransients: null,
  setMrsQuantify: (run) =>
    set((state) => ({
      mrsQuantify: run,
      mrsShownComponents: run?.result && run.result !== state.mrsQuantify?.result ? null : state.mrsShownComponents,
    })),
  toggleMrsComponent: (name) =>
    set((state) => {
      const shown = shownMrsComponents(state);
      return {
        mrsShownComponents: shown.includes(name) ? shown.filter((n) => n !== name) : [...shown, name],
      };
    }),
  setMrsShownComponents: (names) => set({ mrsShownComponents: names === null ? null : [...names] }),
  setMrsComplexPart: (mrsComplexPart) => set({ mrsComplexPart }),
  setMrsTransients: (mrsTransients) => set({ mrsTransients }),
});
