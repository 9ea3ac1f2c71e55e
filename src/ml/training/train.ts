/**
 * The training loop: epochs of shuffled mini-batches through `model.trainOnBatch` (so any compiled
 * tfjs LayersModel works, multi-input and multi-output included), a validation pass after each
 * epoch, a learning-rate schedule, early stopping with best-weight restore, progress reports,
 * and cancellation between batches.
 *
 * Reproducible: the shuffle order comes from `seed`; with seeded weight initialisers, no dropout
 * (tfjs dropout draws unseeded noise) and the same backend, two runs give identical losses and
 * weights.
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { batches, type Dataset } from './dataset';
import {
  createLearningRateScheduler,
  getOptimizerLearningRate,
  type LearningRateSchedule,
  setOptimizerLearningRate,
} from './learningRate';
import { createRandom } from './random';
import { yieldToEventLoop } from './yieldToEventLoop';

/** A progress report. Epochs and batches are counted from 1 ("epoch 3 of 10"). */
export interface TrainProgress {
  /** `batch`: after each training batch; `epoch`: after each epoch's validation pass. */
  readonly phase: 'batch' | 'epoch';
  /** The epoch in progress, 1 … epochs. */
  readonly epoch: number;
  readonly epochs: number;
  /** Batches finished in this epoch, 1 … batches (= batches in the `epoch` phase). */
  readonly batch: number;
  readonly batches: number;
  /** Mean training loss of this epoch so far (weighted by batch size). */
  readonly loss: number;
  /** Validation loss of this epoch (`epoch` phase) or of the last finished epoch; null before. */
  readonly valLoss: number | null;
  /** The compiled metrics, mean over this epoch so far; in the `epoch` phase also `val_<name>`. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly learningRate: number;
  /** Since `train` was called. */
  readonly elapsedMs: number;
}

/** One finished epoch. */
export interface EpochLog {
  /** 1 … epochs. */
  readonly epoch: number;
  readonly loss: number;
  readonly valLoss: number;
  /** Training metrics and `val_<name>` validation metrics, as in {@link TrainProgress.metrics}. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly learningRate: number;
  readonly elapsedMs: number;
}

export interface TrainOptions {
  /** Maximum number of epochs (≥ 1). */
  readonly epochs: number;
  /** Samples per training batch (≥ 1). */
  readonly batchSize: number;
  /** Seed of the shuffle order (a new permutation every epoch, all drawn from this seed). */
  readonly seed: number;
  /** Shuffle the training set every epoch (default true). */
  readonly shuffle?: boolean;
  /** Samples per validation batch (default `batchSize`); only memory, not the result, depends on it. */
  readonly validationBatchSize?: number;
  /** Learning-rate schedule, applied before each epoch; default: leave the optimizer's rate as it is. */
  readonly learningRate?: LearningRateSchedule;
  /** Stop when the validation loss has not improved by more than `minDelta` (default 0) for `patience` epochs. */
  readonly earlyStopping?: { readonly patience: number; readonly minDelta?: number };
  /**
   * Leave the model with the weights of the best epoch ({@link TrainResult.bestEpoch}), however
   * training ends: completed, early stopping, cancelled or failed (default true). When no epoch
   * has finished yet, the model keeps its current weights.
   */
  readonly restoreBestWeights?: boolean;
  /** Called after every batch and every epoch; awaited when it returns a promise. */
  readonly onProgress?: (progress: TrainProgress) => void | Promise<void>;
  /** Checked between batches (after yielding to the event loop); abort → `WorkbenchError('CANCELLED')`. */
  readonly signal?: AbortSignal;
}

export interface TrainResult {
  readonly history: readonly EpochLog[];
  /**
   * The best epoch (1-based) and its validation loss: the last epoch that improved on the best
   * before it by more than `earlyStopping.minDelta` (default 0, so: the lowest validation loss,
   * the first on ties). 0 and NaN when no epoch had a finite validation loss.
   */
  readonly bestEpoch: number;
  readonly bestValLoss: number;
  /** Cancellation is not a result: it throws `WorkbenchError('CANCELLED')`. */
  readonly stoppedReason: 'completed' | 'early-stopping';
  readonly elapsedMs: number;
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_OPTION', message);
}

function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw invalid(`${name} must be a positive integer, got ${value}`);
}

function checkData(model: tf.LayersModel, dataset: Dataset, name: string): void {
  if (dataset.size < 1) throw invalid(`data.${name} is empty`);
  if (dataset.inputs.length !== model.inputs.length) {
    throw invalid(`data.${name} has ${dataset.inputs.length} input fields, the model ${model.inputs.length} inputs`);
  }
  if (dataset.targets.length !== model.outputs.length) {
    throw invalid(
      `data.${name} has ${dataset.targets.length} target fields, the model ${model.outputs.length} outputs`,
    );
  }
  dataset.inputs.forEach((field, i) => {
    const expected = model.inputs[i]?.shape.slice(1) ?? [];
    const fits = expected.length === field.shape.length && expected.every((n, k) => n === null || n === field.shape[k]);
    if (!fits) {
      const shape = expected.map((n) => n ?? '?').join(', ');
      throw invalid(`data.${name} input '${field.name}' has shape [${field.shape.join(', ')}], the model [${shape}]`);
    }
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'training was cancelled');
}

/** A single tensor for single-input (-output) models, the array otherwise. */
function unwrap(tensors: tf.Tensor[]): tf.Tensor | tf.Tensor[] {
  return tensors.length === 1 ? (tensors[0] as tf.Tensor) : tensors;
}

/** Sample-weighted means of the loss and the metrics, accumulated batch by batch. */
class RunningMeans {
  private readonly sums: Float64Array;
  private count = 0;
  constructor(private readonly names: readonly string[]) {
    this.sums = new Float64Array(names.length);
  }
  add(values: number | number[], size: number): void {
    const array = Array.isArray(values) ? values : [values];
    this.names.forEach((_, i) => {
      this.sums[i] = (this.sums[i] as number) + (array[i] ?? Number.NaN) * size;
    });
    this.count += size;
  }
  /** The mean loss and the other metrics keyed by name (`prefix` + name). */
  means(prefix = ''): { loss: number; metrics: Record<string, number> } {
    const mean = (i: number) => (this.sums[i] as number) / this.count;
    const metrics: Record<string, number> = {};
    this.names.forEach((name, i) => {
      if (i > 0) metrics[prefix + name] = mean(i);
    });
    return { loss: mean(0), metrics };
  }
}

async function validate(model: tf.LayersModel, dataset: Dataset, batchSize: number, signal?: AbortSignal) {
  const means = new RunningMeans(model.metricsNames);
  for (const batch of batches(dataset, { batchSize })) {
    const result = model.evaluate(unwrap(batch.inputs), unwrap(batch.targets), { batchSize: batch.size });
    const scalars = Array.isArray(result) ? result : [result];
    try {
      const values = await Promise.all(scalars.map(async (s) => (await s.data())[0] as number));
      means.add(values, batch.size);
    } finally {
      tf.dispose(scalars);
    }
    await yieldToEventLoop();
    throwIfAborted(signal);
  }
  return means.means('val_');
}

/**
 * Trains a compiled `model` on `data.train`, validating on `data.validation` after every epoch.
 * Throws `WorkbenchError('INVALID_OPTION')` for bad options or data that does not fit the model,
 * and `WorkbenchError('CANCELLED')` when `options.signal` aborts (checked between batches; the
 * model then holds the best weights so far, see {@link TrainOptions.restoreBestWeights}). Leaves
 * no tensors behind apart from the optimizer's own state (created at its first step).
 */
export async function train(
  model: tf.LayersModel,
  data: { readonly train: Dataset; readonly validation: Dataset },
  options: TrainOptions,
): Promise<TrainResult> {
  const { epochs, batchSize, seed, signal, onProgress } = options;
  checkPositiveInteger(epochs, 'epochs');
  checkPositiveInteger(batchSize, 'batchSize');
  const validationBatchSize = options.validationBatchSize ?? batchSize;
  checkPositiveInteger(validationBatchSize, 'validationBatchSize');
  const optimizer = model.optimizer as tf.Optimizer | undefined;
  if (optimizer === undefined) throw invalid('model must be compiled (model.compile) before training');
  checkData(model, data.train, 'train');
  checkData(model, data.validation, 'validation');
  const patience = options.earlyStopping?.patience;
  if (patience !== undefined) checkPositiveInteger(patience, 'earlyStopping.patience');
  const minDelta = options.earlyStopping?.minDelta ?? 0;
  if (!(minDelta >= 0)) throw invalid(`earlyStopping.minDelta must be ≥ 0, got ${minDelta}`);
  const scheduler = options.learningRate && createLearningRateScheduler(options.learningRate, epochs);
  const random = createRandom(seed);
  const restore = options.restoreBestWeights ?? true;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const batchesPerEpoch = Math.ceil(data.train.size / batchSize);
  const history: EpochLog[] = [];
  let best: { epoch: number; loss: number; weights: tf.Tensor[] } | undefined;
  let wait = 0;
  let stoppedReason: TrainResult['stoppedReason'] = 'completed';
  throwIfAborted(signal);
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (scheduler) setOptimizerLearningRate(optimizer, scheduler.rateFor(epoch - 1));
      const learningRate = getOptimizerLearningRate(optimizer);
      const order = options.shuffle === false ? undefined : random.permutation(data.train.size);
      const running = new RunningMeans(model.metricsNames);
      const previousValLoss = history.at(-1)?.valLoss ?? null;
      for (const batch of batches(data.train, order ? { batchSize, order } : { batchSize })) {
        running.add(await model.trainOnBatch(unwrap(batch.inputs), unwrap(batch.targets)), batch.size);
        const { loss, metrics } = running.means();
        const report = { epoch, epochs, batch: batch.index + 1, batches: batchesPerEpoch, loss, metrics };
        await onProgress?.({ phase: 'batch', ...report, valLoss: previousValLoss, learningRate, elapsedMs: elapsed() });
        await yieldToEventLoop();
        throwIfAborted(signal);
      }
      const validation = await validate(model, data.validation, validationBatchSize, signal);
      const { loss, metrics } = running.means();
      const log: EpochLog = {
        epoch,
        loss,
        valLoss: validation.loss,
        metrics: { ...metrics, ...validation.metrics },
        learningRate,
        elapsedMs: elapsed(),
      };
      history.push(log);
      scheduler?.observe(log.valLoss);
      // Improvement as in Keras' EarlyStopping: by more than minDelta (NaN never improves).
      if (best === undefined ? Number.isFinite(log.valLoss) : log.valLoss < best.loss - minDelta) {
        const weights = model.getWeights().map((w) => w.clone()); // getWeights hands out the variables
        if (best) tf.dispose(best.weights);
        best = { epoch, loss: log.valLoss, weights };
        wait = 0;
      } else {
        wait++;
      }
      const { valLoss, elapsedMs } = log;
      const counts = { epoch, epochs, batch: batchesPerEpoch, batches: batchesPerEpoch };
      await onProgress?.({ phase: 'epoch', ...counts, loss, valLoss, metrics: log.metrics, learningRate, elapsedMs });
      if (patience !== undefined && wait >= patience && epoch < epochs) {
        stoppedReason = 'early-stopping';
        break;
      }
      throwIfAborted(signal);
    }
  } finally {
    if (best) {
      // setWeights assigns (shares) the data, so the snapshot can be disposed right after.
      if (restore) model.setWeights(best.weights);
      tf.dispose(best.weights);
    }
  }
  return {
    history,
    bestEpoch: best?.epoch ?? 0,
    bestValLoss: best?.loss ?? Number.NaN,
    stoppedReason,
    elapsedMs: elapsed(),
  };
}
