/** Argument checks shared by the metrics; all throw `WorkbenchError('INVALID_OPTION')` naming the argument. */
import { WorkbenchError } from '../../core/errors';

export function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_OPTION', message);
}

/** `values` is not empty and every value is finite. */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) throw invalid(`${name} is empty`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw invalid(`${name}[${i}] is not a finite number: ${values[i]}`);
  }
}

/** `values` has `length` entries. */
export function checkLength(values: ArrayLike<number>, length: number, name: string, reference: string): void {
  if (values.length !== length) {
    throw invalid(`${name} has ${values.length} values, ${reference} ${length}`);
  }
}

/** A positive integer option. */
export function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw invalid(`${name} must be a positive integer, got ${value}`);
}

/** Every label is an integer in [0, classCount). */
export function checkLabels(labels: ArrayLike<number>, classCount: number, name: string): void {
  if (labels.length === 0) throw invalid(`${name} is empty`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw invalid(`${name}[${i}] = ${label} is not a class label in 0 … ${classCount - 1}`);
    }
  }
}

/** Tolerance on the sum of a row of probabilities (float32 softmax outputs sum to 1 ± ~1e-7). */
export const probabilitySumTolerance = 1e-3;

/**
 * `probabilities` holds rows of `classCount` values in [0, 1], each row summing to 1 within
 * {@link probabilitySumTolerance}.
 */
export function checkProbabilities(probabilities: ArrayLike<number>, classCount: number, name: string): void {
  checkPositiveInteger(classCount, 'classCount');
  if (probabilities.length === 0) throw invalid(`${name} is empty`);
  if (probabilities.length % classCount !== 0) {
    throw invalid(`${name} has ${probabilities.length} values, not a multiple of classCount ${classCount}`);
  }
  for (let row = 0; row < probabilities.length / classCount; row++) {
    let sum = 0;
    for (let k = 0; k < classCount; k++) {
      const p = probabilities[row * classCount + k] as number;
      if (!(p >= 0 && p <= 1)) throw invalid(`${name}[${row * classCount + k}] = ${p} is not a probability`);
      sum += p;
    }
    if (Math.abs(sum - 1) > probabilitySumTolerance) {
      throw invalid(`${name} row ${row} sums to ${sum}, expected 1 (± ${probabilitySumTolerance})`);
    }
  }
}
