import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../core/errors';
import type { SpectralDomain, Spectrum } from '../../core/spectrum';
import type { WorkbenchState } from './workbenchStore';

/** A file that loaded: its format and the spectra it held. */
export interface LoadedFile {
  readonly file: string;
  readonly format: string;
  readonly domain: SpectralDomain;
  readonly spectrumIds: readonly string[];
}

/** A problem shown to the user, with an id so it can be dismissed. */
export interface Problem extends ErrorInfo {
  readonly id: number;
}

export interface SpectraSlice {
  readonly files: readonly LoadedFile[];
  /** Spectra by id. Big arrays are kept by reference, never copied into React state. */
  readonly spectra: Readonly<Record<string, Spectrum>>;
  /** Ids in load order. */
  readonly spectrumOrder: readonly string[];
  readonly problems: readonly Problem[];
  /** Adds a parsed file; a file of the same name replaces the earlier one. */
  addFile(file: LoadedFile, spectra: readonly Spectrum[]): void;
  removeFile(file: string): void;
  reportProblem(problem: ErrorInfo): void;
  dismissProblem(id: number): void;
}

let problemCounter = 0;

export const createSpectraSlice: StateCreator<WorkbenchState, [], [], SpectraSlice> = (set) => ({
  files: [],
  spectra: {},
  spectrumOrder: [],
  problems: [],
  addFile: (file, spectra) =>
    set((state) => {
      const replaced = state.files.find((f) => f.file === file.file);
      const drop = new Set(replaced?.spectrumIds ?? []);
      const kept = Object.fromEntries(Object.entries(state.spectra).filter(([id]) => !drop.has(id)));
      for (const s of spectra) kept[s.id] = s;
      const order = state.spectrumOrder.filter((id) => !drop.has(id)).concat(spectra.map((s) => s.id));
      const selected = state.selectedIds.filter((id) => !drop.has(id));
      return {
        files: [...state.files.filter((f) => f.file !== file.file), file],
        spectra: kept,
        spectrumOrder: order,
        selectedIds: selected.length > 0 || spectra.length === 0 ? selected : [(spectra[0] as Spectrum).id],
      };
    }),
  removeFile: (name) =>
    set((state) => {
      const file = state.files.find((f) => f.file === name);
      if (!file) return {};
      const drop = new Set(file.spectrumIds);
      return {
        files: state.files.filter((f) => f.file !== name),
        spectra: Object.fromEntries(Object.entries(state.spectra).filter(([id]) => !drop.has(id))),
        spectrumOrder: state.spectrumOrder.filter((id) => !drop.has(id)),
        selectedIds: state.selectedIds.filter((id) => !drop.has(id)),
        processed: Object.fromEntries(Object.entries(state.processed).filter(([id]) => !drop.has(id))),
      };
    }),
  reportProblem: (problem) => set((state) => ({ problems: [...state.problems, { ...problem, id: ++problemCounter }] })),
  dismissProblem: (id) => set((state) => ({ problems: state.problems.filter((p) => p.id !== id) })),
});
