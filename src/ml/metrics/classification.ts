/**
 * Classification metrics on integer labels (any ArrayLike: Int32Array, number[], Float32Array of
 * whole numbers). Arguments are (truth, predicted), as in scikit-learn.
 */
import { checkLabels, checkLength, checkPositiveInteger, invalid } from './guards';

export interface ClassCountOptions {
  /** Number of classes; default: largest label in truth or predicted + 1. */
  readonly classCount?: number;
}

function resolveClassCount(truth: ArrayLike<number>, predicted: ArrayLike<number>, options: ClassCountOptions): number {
  if (options.classCount !== undefined) {
    checkPositiveInteger(options.classCount, 'classCount');
    return options.classCount;
  }
  let max = 0;
  for (let i = 0; i < truth.length; i++) max = Math.max(max, truth[i] as number);
  for (let i = 0; i < predicted.length; i++) max = Math.max(max, predicted[i] as number);
  return Number.isInteger(max) ? max + 1 : 1;
}

function checkPair(truth: ArrayLike<number>, predicted: ArrayLike<number>, classCount: number): void {
  checkLabels(truth, classCount, 'truth');
  checkLength(predicted, truth.length, 'predicted', 'truth');
  checkLabels(predicted, classCount, 'predicted');
}

/** Fraction of samples with predicted = truth, in [0, 1]. */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(truth, predicted, Number.POSITIVE_INFINITY);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / truth.length;
}

/** Counts of (truth, predicted) pairs: row = true class, column = predicted class, row-major. */
export interface ConfusionMatrix {
  readonly classCount: number;
  /** `classCount × classCount` counts; `counts[t * classCount + p]`. */
  readonly counts: Uint32Array;
}

export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: ClassCountOptions = {},
): ConfusionMatrix {
  const classCount = resolveClassCount(truth, predicted, options);
  checkPair(truth, predicted, classCount);
  const counts = new Uint32Array(classCount * classCount);
  for (let i = 0; i < truth.length; i++) {
    const cell = (truth[i] as number) * classCount + (predicted[i] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return { classCount, counts };
}

/** Per-class scores; a ratio with a zero denominator is 0 (scikit-learn's `zero_division=0`). */
export interface ClassificationScores {
  readonly classCount: number;
  /** TP / (TP + FP) per class. */
  readonly precision: Float64Array;
  /** TP / (TP + FN) per class. */
  readonly recall: Float64Array;
  /** 2·TP / (2·TP + FP + FN) per class (the harmonic mean of precision and recall). */
  readonly f1: Float64Array;
  /** Number of samples of each true class. */
  readonly support: Uint32Array;
  /** Unweighted mean of `f1` over all `classCount` classes. */
  readonly macroF1: number;
  readonly accuracy: number;
}

export function classificationScores(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: ClassCountOptions = {},
): ClassificationScores {
  const { classCount, counts } = confusionMatrix(truth, predicted, options);
  const precision = new Float64Array(classCount);
  const recall = new Float64Array(classCount);
  const f1 = new Float64Array(classCount);
  const support = new Uint32Array(classCount);
  let correct = 0;
  for (let k = 0; k < classCount; k++) {
    let predictedK = 0;
    let trueK = 0;
    for (let j = 0; j < classCount; j++) {
      predictedK += counts[j * classCount + k] as number;
      trueK += counts[k * classCount + j] as number;
    }
    const tp = counts[k * classCount + k] as number;
    correct += tp;
    support[k] = trueK;
    precision[k] = predictedK === 0 ? 0 : tp / predictedK;
    recall[k] = trueK === 0 ? 0 : tp / trueK;
    f1[k] = predictedK + trueK === 0 ? 0 : (2 * tp) / (predictedK + trueK);
  }
  const macroF1 = f1.reduce((sum, v) => sum + v, 0) / classCount;
  return { classCount, precision, recall, f1, support, macroF1, accuracy: correct / truth.length };
}

/** Macro-averaged F1: the mean of the per-class F1 scores (see {@link classificationScores}). */
export function macroF1(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: ClassCountOptions = {},
): number {
  return classificationScores(truth, predicted, options).macroF1;
}

/**
 * Index of the largest value in each row of `width` values (the first one on ties): turns
 * softmax outputs or one-hot targets (`await tensor.data()`) into labels.
 */
export function argmaxRows(values: ArrayLike<number>, width: number): Int32Array {
  checkPositiveInteger(width, 'width');
  if (values.length % width !== 0) throw invalid(`values has ${values.length} entries, not a multiple of ${width}`);
  const labels = new Int32Array(values.length / width);
  for (let row = 0; row < labels.length; row++) {
    let best = 0;
    for (let k = 1; k < width; k++) {
      if ((values[row * width + k] as number) > (values[row * width + best] as number)) best = k;
    }
    labels[row] = best;
  }
  return labels;
}
