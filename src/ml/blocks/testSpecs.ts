/**
 * Tiny specs of every architecture and deterministic batches for them, shared by the blocks tests
 * (and handy for smoke tests elsewhere). Shapes are small so that the cpu backend trains them fast.
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchitectureSpec } from './buildModel';
import { mulberry32 } from './random';

/** Spectrum length of the tiny specs, in bins. */
export const tinyLength = 32;

/** One tiny spec per architecture (and per head / cell variant), keyed by a test label. */
export const tinySpecs = {
  cnn1dClassifier: {
    kind: 'cnn1d',
    inputLength: tinyLength,
    filters: [4, 8],
    kernelSize: 5,
    denseUnits: [8],
    denseDropoutRate: 0.2,
    head: 'classifier',
    outputs: 3,
    seed: 11,
  },
  cnn1dRegressor: {
    kind: 'cnn1d',
    inputLength: tinyLength,
    inputChannels: 2,
    filters: [4],
    downsample: 'stridedConv',
    pooling: 'flatten',
    convDropoutRate: 0.1,
    denseUnits: [],
    head: 'regressor',
    outputs: 2,
    seed: 12,
  },
  unet1d: {
    kind: 'unet1d',
    inputLength: tinyLength,
    depth: 2,
    baseFilters: 4,
    convsPerLevel: 1,
    dropoutRate: 0.1,
    seed: 13,
  },
  unet1dUpSampling: {
    kind: 'unet1d',
    inputLength: tinyLength,
    outputChannels: 2,
    depth: 1,
    baseFilters: 4,
    upsample: 'upSampling',
    downsample: 'averagePool',
    batchNorm: false,
    seed: 14,
  },
  autoencoder1d: { kind: 'autoencoder1d', inputLength: tinyLength, filters: [4, 8], latentSize: 4, seed: 15 },
  vae1d: { kind: 'vae1d', inputLength: tinyLength, filters: [4, 8], latentSize: 3, seed: 16 },
  twoHeaded: {
    kind: 'twoHeaded',
    inputLength: tinyLength,
    parameterCount: 3,
    spectrum: { filters: [4, 8], kernelSize: 5 },
    parameterUnits: [8],
    headUnits: [8],
    head: 'regressor',
    outputs: 2,
    seed: 17,
  },
  sequenceLstm: { kind: 'sequence', timeSteps: 6, features: 3, units: [8], head: 'classifier', outputs: 3, seed: 18 },
  sequenceGru: {
    kind: 'sequence',
    timeSteps: 6,
    features: 3,
    cell: 'gru',
    units: [8, 8],
    mode: 'manyToMany',
    dropoutRate: 0.1,
    head: 'regressor',
    outputs: 2,
    seed: 19,
  },
  mlp: { kind: 'mlp', inputSize: 5, units: [8, 8], batchNorm: true, head: 'multiLabel', outputs: 4, seed: 20 },
} satisfies Record<string, ArchitectureSpec>;

export type TinySpecName = keyof typeof tinySpecs;

/** Uniform values on [-1, 1) from mulberry32(seed). */
function uniformTensor(shape: number[], seed: number): tf.Tensor {
  const next = mulberry32(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => (2 * next()) / 2 ** 32 - 1),
    shape,
  );
}

/** Deterministic inputs for `model` (one tensor per model input, batch `batch`); the caller owns them. */
export function inputsFor(model: tf.LayersModel, batch: number, seed = 5): tf.Tensor[] {
  return model.inputs.map((input, i) => {
    const shape = input.shape.map((n, axis) => (axis === 0 ? batch : (n ?? 6)));
    return uniformTensor(shape, seed + i);
  });
}

/** Deterministic targets matching the output of `model` and its head; the caller owns them. */
export function targetsFor(model: tf.LayersModel, spec: ArchitectureSpec, batch: number, seed = 9): tf.Tensor {
  const output = model.outputs[0];
  if (output === undefined) throw new Error('model has no output');
  const shape = output.shape.map((n, axis) => (axis === 0 ? batch : (n ?? 6)));
  const head = 'head' in spec ? spec.head : 'regressor';
  if (head === 'regressor') return uniformTensor(shape, seed);
  const classes = shape[shape.length - 1] ?? 1;
  const next = mulberry32(seed);
  const labels = Array.from({ length: shape.reduce((a, b) => a * b, 1) / classes }, () => next() % classes);
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat();
    return (head === 'multiLabel' ? tf.sub(1, oneHot) : oneHot).reshape(shape);
  });
}

/** The loss that fits a spec's head. */
export function lossFor(spec: ArchitectureSpec): string {
  const head = 'head' in spec ? spec.head : 'regressor';
  return head === 'classifier'
    ? 'categoricalCrossentropy'
    : head === 'multiLabel'
      ? 'binaryCrossentropy'
      : 'meanSquaredError';
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

/** Runs `model.predict` and reads every output (copied), leaving no tensor behind. */
export async function predictData(model: tf.LayersModel, inputs: tf.Tensor[]): Promise<Float32Array[]> {
  const outputs = tf.tidy(() => {
    const out = model.predict(inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs);
    return Array.isArray(out) ? out : [out];
  });
  try {
    return await Promise.all(outputs.map(async (t) => new Float32Array(await t.data<'float32'>())));
  } finally {
    tf.dispose(outputs);
  }
}
