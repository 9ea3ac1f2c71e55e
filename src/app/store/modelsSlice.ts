import type { StateCreator } from 'zustand';
import type { ErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { SpectrumPrediction } from '../../ml/inference/predictSpectra';
import type { ModelCard } from '../../ml/registry/modelCard';
import type { WorkbenchState } from './workbenchStore';

export interface PredictionRun {
  readonly modelId: string;
  readonly passes: number;
  /** The spectra the run was asked for, in the order of `results`. */
  readonly spectrumIds: readonly string[];
  readonly results: readonly Result<SpectrumPrediction>[];
}

export interface ModelsSlice {
  readonly models: readonly ModelCard[];
  readonly modelsError: ErrorInfo | null;
  readonly activeModelId: string | null;
  /** Card shown in the card dialog, or null. */
  readonly cardOpenId: string | null;
  /** Monte-Carlo passes per prediction (default 30). */
  readonly passes: number;
  readonly lastRun: PredictionRun | null;
  /** The user's labels by spectrum id: `[class index]` for classifiers, one value per output for regressors. */
  readonly labels: Readonly<Record<string, readonly number[]>>;
  /** What the last fine-tuning did (shown under the models), or null. */
  readonly fineTuneReport: string | null;
  setLabel(spectrumId: string, target: readonly number[] | null): void;
  setFineTuneReport(report: string | null): void;
  setModels(models: readonly ModelCard[], error?: ErrorInfo | null): void;
  setActiveModel(id: string | null): void;
  openCard(id: string | null): void;
  setPasses(passes: number): void;
  setLastRun(run: PredictionRun | null): void;
}

export const createModelsSlice: StateCreator<WorkbenchState, [], [], ModelsSlice> = (set) => ({
  models: [],
  modelsError: null,
  activeModelId: null,
  cardOpenId: null,
  passes: 30,
  lastRun: null,
  labels: {},
  fineTuneReport: null,
  setLabel: (spectrumId, target) =>
    set((state) => {
      const labels = { ...state.labels };
      if (target === null) delete labels[spectrumId];
      else labels[spectrumId] = target;
      return { labels };
    }),
  setFineTuneReport: (fineTuneReport) => set({ fineTuneReport }),
  setModels: (models, modelsError = null) =>
    set((state) => ({
      models,
      modelsError,
      activeModelId: models.some((m) => m.id === state.activeModelId) ? state.activeModelId : (models[0]?.id ?? null),
    })),
  setActiveModel: (activeModelId) => set({ activeModelId }),
  openCard: (cardOpenId) => set({ cardOpenId }),
  setPasses: (passes) => set({ passes }),
  setLastRun: (lastRun) => set({ lastRun }),
});
