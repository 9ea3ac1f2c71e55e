import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import type { WorkbenchState } from './workbenchStore';

export interface SmoothingSettings {
  readonly enabled: boolean;
  readonly windowLength: number;
  readonly polynomialOrder: number;
}

export interface ProcessingSlice {
  readonly smoothing: SmoothingSettings;
  /** Processed spectrum per input spectrum id, for the current settings. */
  readonly processed: Readonly<Record<string, Spectrum>>;
  /** Why the last processing run failed (e.g. a window longer than a spectrum), or null. Replaced by each run. */
  readonly processingError: ErrorInfo | null;
  setSmoothing(settings: Partial<SmoothingSettings>): void;
  setProcessed(results: readonly { inputId: string; result: Spectrum }[]): void;
  clearProcessed(): void;
  setProcessingError(error: ErrorInfo | null): void;
}

export const createProcessingSlice: StateCreator<WorkbenchState, [], [], ProcessingSlice> = (set) => ({
  smoothing: { enabled: true, windowLength: 11, polynomialOrder: 3 },
  processed: {},
  processingError: null,
  setSmoothing: (settings) => set((state) => ({ smoothing: { ...state.smoothing, ...settings } })),
  setProcessed: (results) =>
    set((state) => {
      const processed = { ...state.processed };
      for (const r of results) processed[r.inputId] = r.result;
      return { processed };
    }),
  clearProcessed: () => set({ processed: {} }),
  setProcessingError: (processingError) => set({ processingError }),
});
