import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './workbenchStore';

export interface ViewSlice {
  /** Spectra drawn in the plot, in draw order. */
  readonly selectedIds: readonly string[];
  /** Visible x range of the plot, or null for the full range. */
  readonly xRange: readonly [number, number] | null;
  readonly showResidual: boolean;
  /** Logarithmic intensity axis (what gamma spectroscopists look at by default). */
  readonly logIntensity: boolean;
  toggleSelected(id: string): void;
  setXRange(range: readonly [number, number] | null): void;
  setShowResidual(show: boolean): void;
  setLogIntensity(log: boolean): void;
}

export const createViewSlice: StateCreator<WorkbenchState, [], [], ViewSlice> = (set) => ({
  selectedIds: [],
  xRange: null,
  showResidual: true,
  logIntensity: false,
  toggleSelected: (id) =>
    set((state) => ({
      selectedIds: state.selectedIds.includes(id)
        ? state.selectedIds.filter((s) => s !== id)
        : [...state.selectedIds, id],
    })),
  setXRange: (xRange) => set({ xRange }),
  setShowResidual: (showResidual) => set({ showResidual }),
  setLogIntensity: (logIntensity) => set({ logIntensity }),
});
