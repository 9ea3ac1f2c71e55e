/**
 * Datasets for training: plain typed arrays (structured-cloneable, transferable to a worker),
 * turned into tensors one batch at a time. A dataset has any number of named input fields (one
 * per model input, in the model's input order: e.g. a spectrum `[1, L, 1]` and a few scalars
 * `[3]`) and any number of target fields (one per model output).
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { createRandom } from './random';

/** One field of a dataset: `size` samples of shape `shape`, flattened row-major into `values`. */
export interface DatasetField {
  /** Name, e.g. `spectrum`, `peakCount` (for model cards and error messages). */
  readonly name: string;
  /** Shape of one sample, without the batch axis, e.g. `[1, 512, 1]` for the `[N, 1, L, C]` layout. */
  readonly shape: readonly number[];
  /** `size × product(shape)` values, sample after sample. */
  readonly values: Float32Array;
}

/** Samples for a model with `inputs.length` inputs and `targets.length` outputs. */
export interface Dataset {
  readonly inputs: readonly DatasetField[];
  readonly targets: readonly DatasetField[];
  /** Number of samples. */
  readonly size: number;
}

/** Parameter of a generator, for the model card: the range it is drawn from and its unit. */
export interface ParameterRange {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** How values are drawn, e.g. `uniform`, `log-uniform`, `uniform integer`. */
  readonly distribution: string;
  readonly description: string;
}

/** What a generator makes: JSON for the model card (`card.json`, training data section). */
export interface GeneratorDescription {
  readonly id: string;
  readonly description: string;
  readonly inputs: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly description: string;
  }[];
  readonly targets: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly description: string;
  }[];
  readonly parameters: Readonly<Record<string, ParameterRange>>;
}

/** A simulator of labelled samples. `generate(n, seed)` is a pure function of `n` and `seed`. */
export interface DataGenerator {
  readonly id: string;
  describe(): GeneratorDescription;
  generate(count: number, seed: number): Dataset;
}

/** Number of values of one sample of shape `shape`. */
export function sampleLength(shape: readonly number[]): number {
  return shape.reduce((product, n) => product * n, 1);
}

function checkFields(fields: readonly DatasetField[], kind: string, size: number): void {
  for (const field of fields) {
    if (!field.shape.every((n) => Number.isInteger(n) && n >= 1)) {
      throw new WorkbenchError('INVALID_OPTION', `${kind} '${field.name}': shape must be positive integers`);
    }
    const expected = size * sampleLength(field.shape);
    if (field.values.length !== expected) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `${kind} '${field.name}' has ${field.values.length} values, expected ${size} × [${field.shape.join(', ')}]`,
      );
    }
  }
}

/**
 * A checked dataset: at least one input, every field holding `size` samples of its shape.
 * Throws `WorkbenchError('INVALID_OPTION')` naming the field otherwise.
 */
export function createDataset(inputs: readonly DatasetField[], targets: readonly DatasetField[]): Dataset {
  const first = inputs[0];
  if (first === undefined) throw new WorkbenchError('INVALID_OPTION', 'inputs must hold at least one field');
  if (!first.shape.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `input '${first.name}': shape must be positive integers`);
  }
  const size = first.values.length / sampleLength(first.shape);
  if (!Number.isInteger(size)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `input '${first.name}' has ${first.values.length} values, not a multiple of [${first.shape.join(', ')}]`,
    );
  }
  checkFields(inputs, 'input', size);
  checkFields(targets, 'target', size);
  return { inputs, targets, size };
}

function gatherField(field: DatasetField, indices: ArrayLike<number>): DatasetField {
  const length = sampleLength(field.shape);
  const values = new Float32Array(indices.length * length);
  for (let i = 0; i < indices.length; i++) {
    const start = (indices[i] as number) * length;
    values.set(field.values.subarray(start, start + length), i * length);
  }
  return { name: field.name, shape: field.shape, values };
}

/** The samples at `indices`, in that order (copied). */
export function subsetDataset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] as number;
    if (!Number.isInteger(index) || index < 0 || index >= dataset.size) {
      throw new WorkbenchError('INVALID_OPTION', `indices[${i}] = ${index} is outside 0 … ${dataset.size - 1}`);
    }
  }
  return {
    inputs: dataset.inputs.map((field) => gatherField(field, indices)),
    targets: dataset.targets.map((field) => gatherField(field, indices)),
    size: indices.length,
  };
}

/** Fractions of a split; they must add up to 1. */
export interface SplitFractions {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export interface DatasetSplit {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
  /** Which samples of the original dataset went where (disjoint, together all of them). */
  readonly indices: { readonly train: Uint32Array; readonly validation: Uint32Array; readonly test: Uint32Array };
}

/**
 * Splits `dataset` at random into disjoint train / validation / test parts. The same `seed` and
 * size give the same split. Sizes: validation = round(f_v·n), test = round(f_t·n), train the rest.
 * Indices in each part are sorted ascending (the original order), so shuffling is left to training.
 */
export function splitDataset(dataset: Dataset, fractions: SplitFractions, seed: number): DatasetSplit {
  for (const key of ['train', 'validation', 'test'] as const) {
    const value = fractions[key];
    if (!(value >= 0 && value <= 1)) {
      throw new WorkbenchError('INVALID_OPTION', `fractions.${key} must be in [0, 1], got ${value}`);
    }
  }
  const total = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(total - 1) > 1e-9) {
    throw new WorkbenchError('INVALID_OPTION', `fractions must add up to 1, got ${total}`);
  }
  const n = dataset.size;
  const order = createRandom(seed).permutation(n);
  const validationSize = Math.round(fractions.validation * n);
  const testSize = Math.min(n - validationSize, Math.round(fractions.test * n));
  const part = (start: number, end: number) => order.slice(start, end).sort();
  const indices = {
    validation: part(0, validationSize),
    test: part(validationSize, validationSize + testSize),
    train: part(validationSize + testSize, n),
  };
  return {
    train: subsetDataset(dataset, indices.train),
    validation: subsetDataset(dataset, indices.validation),
    test: subsetDataset(dataset, indices.test),
    indices,
  };
}

/** One batch as tensors, owned by {@link batches}: valid until the iteration moves on. */
export interface Batch {
  /** One tensor `[b, ...shape]` per input field. */
  readonly inputs: tf.Tensor[];
  /** One tensor `[b, ...shape]` per target field. */
  readonly targets: tf.Tensor[];
  /** Number of samples in this batch (the last one may be smaller). */
  readonly size: number;
  /** 0-based index of the batch and the number of batches. */
  readonly index: number;
  readonly count: number;
}

export interface BatchOptions {
  /** Samples per batch (≥ 1). */
  readonly batchSize: number;
  /** Order in which to visit samples (e.g. a shuffled permutation); default 0 … size − 1. */
  readonly order?: ArrayLike<number>;
}

/** Number of batches of at most `batchSize` samples for `size` samples. */
export function batchCount(size: number, batchSize: number): number {
  return Math.ceil(size / batchSize);
}

function batchField(field: DatasetField, order: ArrayLike<number>, start: number, end: number): tf.Tensor {
  const length = sampleLength(field.shape);
  const values = new Float32Array((end - start) * length);
  for (let i = start; i < end; i++) {
    const from = (order[i] as number) * length;
    values.set(field.values.subarray(from, from + length), (i - start) * length);
  }
  return tf.tensor(values, [end - start, ...field.shape], 'float32');
}

/**
 * Iterates over `dataset` in batches, making the tensors of each batch just before yielding it
 * and disposing them when the loop moves on, breaks or throws: do not keep them (clone if you
 * must). Use in a `for … of` loop so that an early exit disposes the last batch too.
 */
export function* batches(dataset: Dataset, options: BatchOptions): Generator<Batch, void, undefined> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new WorkbenchError('INVALID_OPTION', `batchSize must be a positive integer, got ${batchSize}`);
  }
  const order = options.order ?? Uint32Array.from({ length: dataset.size }, (_, i) => i);
  if (order.length !== dataset.size) {
    throw new WorkbenchError('INVALID_OPTION', `order has ${order.length} indices, the dataset ${dataset.size}`);
  }
  const count = batchCount(dataset.size, batchSize);
  for (let index = 0; index < count; index++) {
    const start = index * batchSize;
    const end = Math.min(dataset.size, start + batchSize);
    const inputs = dataset.inputs.map((field) => batchField(field, order, start, end));
    const targets = dataset.targets.map((field) => batchField(field, order, start, end));
    try {
      yield { inputs, targets, size: end - start, index, count };
    } finally {
      tf.dispose([...inputs, ...targets]);
    }
  }
}
