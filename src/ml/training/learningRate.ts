/**
 * Learning-rate schedules, applied between epochs, and reading / writing the learning rate of a
 * tfjs 4.22 optimizer.
 *
 * How the rate is set in tfjs 4.22: every optimizer keeps it in a `learningRate` field (typed
 * `protected`). Adam, Adamax, Adagrad, Adadelta and RMSProp read that field at every
 * `applyGradients`, so assigning it takes effect at the next step; the moment estimates are kept.
 * SGD and Momentum cache `−learningRate` in a scalar tensor, so for them the public
 * `setLearningRate()` must be used (it swaps the cached tensor, no leak).
 * {@link setOptimizerLearningRate} does the right thing for each.
 */
import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';

/** A schedule; `initial` is the rate of epoch 0. */
export type LearningRateSchedule =
  /** The same rate every epoch. */
  | { readonly kind: 'constant'; readonly initial: number }
  /** initial · factor^⌊epoch / everyEpochs⌋. */
  | { readonly kind: 'step'; readonly initial: number; readonly factor: number; readonly everyEpochs: number }
  /**
   * Cosine annealing (Loshchilov & Hutter 2017, arXiv:1608.03983, without restarts):
   * minimum + (initial − minimum)·(1 + cos(π·epoch / periodEpochs)) / 2; periodEpochs defaults to
   * the number of epochs, minimum to 0; constant at `minimum` after the period.
   */
  | { readonly kind: 'cosine'; readonly initial: number; readonly minimum?: number; readonly periodEpochs?: number }
  /**
   * Keras' ReduceLROnPlateau: when the validation loss has not improved by more than `minDelta`
   * for `patience` epochs, multiply the rate by `factor` (not below `minimum`, default 0) and wait
   * `patience` epochs again.
   */
  | {
      readonly kind: 'reduceOnPlateau';
      readonly initial: number;
      readonly factor: number;
      readonly patience: number;
      readonly minDelta?: number;
      readonly minimum?: number;
    };

/** The rate of each epoch; `observe` feeds back the validation loss of the epoch just finished. */
export interface LearningRateScheduler {
  rateFor(epoch: number): number;
  observe(validationLoss: number): void;
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_OPTION', message);
}

function checkSchedule(schedule: LearningRateSchedule): void {
  if (!(schedule.initial > 0) || !Number.isFinite(schedule.initial)) {
    throw invalid(`learningRate.initial must be a positive number, got ${schedule.initial}`);
  }
  if (schedule.kind === 'step' || schedule.kind === 'reduceOnPlateau') {
    if (!(schedule.factor > 0 && schedule.factor <= 1)) {
      throw invalid(`learningRate.factor must be in (0, 1], got ${schedule.factor}`);
    }
  }
  if (schedule.kind === 'step' && !(Number.isInteger(schedule.everyEpochs) && schedule.everyEpochs >= 1)) {
    throw invalid(`learningRate.everyEpochs must be a positive integer, got ${schedule.everyEpochs}`);
  }
  if (schedule.kind === 'reduceOnPlateau' && !(Number.isInteger(schedule.patience) && schedule.patience >= 1)) {
    throw invalid(`learningRate.patience must be a positive integer, got ${schedule.patience}`);
  }
  if (schedule.kind === 'cosine' || schedule.kind === 'reduceOnPlateau') {
    const minimum = schedule.minimum ?? 0;
    if (!(minimum >= 0 && minimum <= schedule.initial)) {
      throw invalid(`learningRate.minimum must be in [0, initial], got ${minimum}`);
    }
  }
  if (schedule.kind === 'cosine' && schedule.periodEpochs !== undefined) {
    if (!(Number.isInteger(schedule.periodEpochs) && schedule.periodEpochs >= 1)) {
      throw invalid(`learningRate.periodEpochs must be a positive integer, got ${schedule.periodEpochs}`);
    }
  }
}

/**
 * A scheduler for `schedule` over a run of `epochs` epochs. Throws
 * `WorkbenchError('INVALID_OPTION')` naming the field for an invalid schedule.
 */
export function createLearningRateScheduler(schedule: LearningRateSchedule, epochs: number): LearningRateScheduler {
  checkSchedule(schedule);
  switch (schedule.kind) {
    case 'constant':
      return { rateFor: () => schedule.initial, observe: () => {} };
    case 'step':
      return {
        rateFor: (epoch) => schedule.initial * schedule.factor ** Math.floor(epoch / schedule.everyEpochs),
        observe: () => {},
      };
    case 'cosine': {
      const minimum = schedule.minimum ?? 0;
      const period = schedule.periodEpochs ?? epochs;
      return {
        rateFor: (epoch) =>
          minimum + ((schedule.initial - minimum) * (1 + Math.cos((Math.PI * Math.min(epoch, period)) / period))) / 2,
        observe: () => {},
      };
    }
    case 'reduceOnPlateau': {
      const minimum = schedule.minimum ?? 0;
      const minDelta = schedule.minDelta ?? 0;
      let rate = schedule.initial;
      let best = Number.POSITIVE_INFINITY;
      let wait = 0;
      return {
        rateFor: () => rate,
        observe(validationLoss) {
          if (validationLoss < best - minDelta) {
            best = validationLoss;
            wait = 0;
          } else if (++wait >= schedule.patience) {
            rate = Math.max(minimum, rate * schedule.factor);
            wait = 0;
          }
        },
      };
    }
    default: {
      const exhaustive: never = schedule;
      return exhaustive;
    }
  }
}

/** The optimizer fields read and written here (see the file comment). */
interface LearningRateFields {
  learningRate?: unknown;
  setLearningRate?: unknown;
}

/** The current learning rate of `optimizer` (any tfjs 4.22 optimizer). */
export function getOptimizerLearningRate(optimizer: tf.Optimizer): number {
  const rate = (optimizer as unknown as LearningRateFields).learningRate;
  if (typeof rate !== 'number') {
    throw invalid(`optimizer ${optimizer.getClassName()} has no numeric learningRate field`);
  }
  return rate;
}

/** Sets the learning rate of `optimizer` for the following steps (see the file comment). */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, rate: number): void {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw invalid(`learning rate must be a finite number ≥ 0, got ${rate}`);
  const fields = optimizer as unknown as LearningRateFields;
  getOptimizerLearningRate(optimizer);
  if (typeof fields.setLearningRate === 'function') {
    (fields.setLearningRate as (rate: number) => void).call(optimizer, rate);
  } else {
    fields.learningRate = rate;
  }
}
