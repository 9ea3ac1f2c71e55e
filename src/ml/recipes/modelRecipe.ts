import type { SpectralDomain, Spectrum } from '../../core/spectrum';
import type { ArchitectureSpec } from '../blocks/buildModel';
import type { InputContract, ModelTask, OutputSpec } from '../registry/modelCard';
import type { DataGenerator } from '../training/dataset';
import type { TrainOptions } from '../training/train';

/**
 * Everything needed to train a shipped model again from nothing: the simulator, the split, the
 * architecture, the optimiser and schedule, and what the card says. `npm run train -- <id>` runs
 * it; the card's numbers are measured by that run, and a test re-measures the headline.
 */
export interface ModelRecipe {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly task: ModelTask;
  readonly domain: SpectralDomain | 'any';
  readonly architecture: ArchitectureSpec;
  readonly generator: DataGenerator;
  /** Samples in each split; all drawn from `seed`. */
  readonly sizes: { readonly train: number; readonly validation: number; readonly test: number };
  readonly seed: number;
  readonly input: InputContract;
  readonly outputs: readonly OutputSpec[];
  readonly loss: 'categoricalCrossentropy' | 'binaryCrossentropy' | 'meanSquaredError';
  readonly learningRate: number;
  readonly train: Omit<TrainOptions, 'seed' | 'onProgress' | 'signal'>;
  /**
   * Further held-out sets measured like the test set, each from its own generator and seed (e.g.
   * "≥ 5000 net counts" for a headline stated at those conditions). Their metrics are named
   * `<name>: <metric>`; the headline may be one of them.
   */
  readonly extraTestSets?: readonly ExtraTestSet[];
  /** Metric the card stands by, and how far a re-measurement may differ. */
  readonly headline: { readonly name: string; readonly tolerance: number };
  /** Monte-Carlo passes used to measure the metrics and the calibration. */
  readonly passes: number;
  /**
   * Real spectra (repository paths of committed fixtures) to run after training, with what is
   * known about them; the predictions go into the card's `metrics.real` as measured.
   */
  readonly realData?: readonly { readonly path: string; readonly note: string }[];
  /**
   * What a classical method says of a real spectrum, written beside the model's prediction in the
   * card (e.g. the library identification of a gamma spectrum); `file` holds every spectrum of the
   * file, so a background measurement inside it can be used.
   */
  readonly describeRealSpectrum?: (spectrum: Spectrum, file: readonly Spectrum[]) => string;
  /** Where the model fails, written by people who looked; measured failures are added by the run. */
  readonly limitations: readonly string[];
}

/** A held-out set beside the main test split (see {@link ModelRecipe.extraTestSets}). */
export interface ExtraTestSet {
  /** Short name, prefixed to its metric names. */
  readonly name: string;
  readonly description: string;
  readonly generator: DataGenerator;
  readonly size: number;
}
