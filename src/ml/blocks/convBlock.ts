/**
 * Layer-applying blocks on the `[N, 1, L, C]` layout (NHWC with H = 1; browser-notes.md §1.1): each
 * takes a plain config and returns `(x: SymbolicTensor) => SymbolicTensor`, built from standard tfjs
 * layers (plus {@link McDropout}) so that an ONNX exporter can map them.
 */
import * as tf from '@tensorflow/tfjs';
import { McDropout } from './mcDropout';
import { deriveSeed } from './random';
import {
  type BlockActivation,
  blockActivations,
  type DownsampleMode,
  defaultSeed,
  downsampleModes,
  type HeadKind,
  headKinds,
  type UpsampleMode,
  upsampleModes,
} from './types';
import { layerName, requireInteger, requireOneOf, requireRate } from './validate';

/** A block: applies its layers to a symbolic tensor. */
export type Block = (x: tf.SymbolicTensor) => tf.SymbolicTensor;

/** Seeded Glorot-uniform kernels (Glorot & Bengio 2010), the Keras default. */
export function seededKernel(seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed });
}

/** Channel count (last axis) of a symbolic tensor. */
export function channelsOf(x: tf.SymbolicTensor): number {
  const channels = x.shape[x.shape.length - 1];
  if (channels == null) throw new Error(`the channel axis of ${x.name} has no fixed size`);
  return channels;
}

/** McDropout after a block, or nothing when `rate` is 0. */
export function dropoutBlock(rate: number, seed: number, name?: string, option = 'dropoutRate'): Block {
  requireRate(option, rate);
  if (rate === 0) return (x) => x;
  return (x) => new McDropout({ rate, seed, ...(name === undefined ? {} : { name }) }).apply(x) as tf.SymbolicTensor;
}

export interface ConvBlockConfig {
  /** Output channels. */
  filters: number;
  /** Kernel length along L, in bins (default 5). */
  kernelSize?: number;
  /** Dilation along L, in bins (default 1). */
  dilation?: number;
  /** Batch normalisation between conv and activation (default true; the conv then has no bias). */
  batchNorm?: boolean;
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** McDropout rate after the activation, in [0, 1) (default 0: no dropout layer). */
  dropoutRate?: number;
  /** Seed of the kernel and the dropout masks (default 1). */
  seed?: number;
  /** Prefix of the layer names (`<name>_conv`, `_bn`, `_act`, `_drop`); default: tfjs names. */
  name?: string;
}

/**
 * conv2d [1,k] 'same' → optional batchNormalization → activation → optional McDropout. Keeps L.
 * Like every block, it checks its config when called, before any layer exists.
 */
export function convBlock(config: ConvBlockConfig): Block {
  const { filters, kernelSize = 5, dilation = 1, batchNorm = true, activation = 'relu' } = config;
  const { dropoutRate = 0, seed = defaultSeed, name } = config;
  requireInteger('filters', filters);
  requireInteger('kernelSize', kernelSize);
  requireInteger('dilation', dilation);
  requireOneOf('activation', activation, blockActivations);
  const dropout = dropoutBlock(dropoutRate, deriveSeed(seed, 1), layerName(name, 'drop').name);
  return (x) => {
    let y = tf.layers
      .conv2d({
        filters,
        kernelSize: [1, kernelSize],
        dilationRate: [1, dilation],
        padding: 'same',
        useBias: !batchNorm,
        activation: batchNorm ? 'linear' : activation,
        kernelInitializer: seededKernel(deriveSeed(seed, 0)),
        ...layerName(name, 'conv'),
      })
      .apply(x) as tf.SymbolicTensor;
    if (batchNorm) {
      y = tf.layers.batchNormalization({ ...layerName(name, 'bn') }).apply(y) as tf.SymbolicTensor;
      y = tf.layers.activation({ activation, ...layerName(name, 'act') }).apply(y) as tf.SymbolicTensor;
    }
    return dropout(y);
  };
}

export interface DownsampleConfig {
  /** Default 'maxPool'. */
  mode?: DownsampleMode;
  /** Output channels of 'stridedConv' (default: the input's); pooling keeps the channels. */
  filters?: number;
  /** Seed of the strided conv's kernel (default 1). */
  seed?: number;
  /** Layer name prefix (`<name>_pool` or `<name>_conv`). */
  name?: string;
}

/** Halves L (floor for pooling, ceil for the strided conv on odd L). */
export function downsample(config: DownsampleConfig = {}): Block {
  const { mode = 'maxPool', seed = defaultSeed, name } = config;
  requireOneOf('downsample', mode, downsampleModes);
  if (config.filters !== undefined) requireInteger('filters', config.filters);
  return (x) => {
    if (mode === 'maxPool' || mode === 'averagePool') {
      const args = {
        poolSize: [1, 2] as [number, number],
        strides: [1, 2] as [number, number],
        ...layerName(name, 'pool'),
      };
      const layer = mode === 'maxPool' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
      return layer.apply(x) as tf.SymbolicTensor;
    }
    const filters = requireInteger('filters', config.filters ?? channelsOf(x));
    return tf.layers
      .conv2d({
        filters,
        kernelSize: [1, 3],
        strides: [1, 2],
        padding: 'same',
        kernelInitializer: seededKernel(seed),
        ...layerName(name, 'conv'),
      })
      .apply(x) as tf.SymbolicTensor;
  };
}

export interface UpsampleConfig {
  /** Default 'transposedConv'. */
  mode?: UpsampleMode;
  /** Output channels of 'transposedConv' (default: the input's); upSampling keeps the channels. */
  filters?: number;
  /** Seed of the transposed conv's kernel (default 1). */
  seed?: number;
  /** Layer name prefix (`<name>_up` or `<name>_tconv`). */
  name?: string;
}

/** Doubles L: upSampling2d [1,2] (nearest) or conv2dTranspose kernel [1,2] stride [1,2]. */
export function upsample(config: UpsampleConfig = {}): Block {
  const { mode = 'transposedConv', seed = defaultSeed, name } = config;
  requireOneOf('upsample', mode, upsampleModes);
  if (config.filters !== undefined) requireInteger('filters', config.filters);
  return (x) => {
    if (mode === 'upSampling') {
      return tf.layers.upSampling2d({ size: [1, 2], ...layerName(name, 'up') }).apply(x) as tf.SymbolicTensor;
    }
    const filters = requireInteger('filters', config.filters ?? channelsOf(x));
    return tf.layers
      .conv2dTranspose({
        filters,
        kernelSize: [1, 2],
        strides: [1, 2],
        padding: 'same',
        kernelInitializer: seededKernel(seed),
        ...layerName(name, 'tconv'),
      })
      .apply(x) as tf.SymbolicTensor;
  };
}

export interface DenseBlockConfig {
  units: number;
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** Batch normalisation between dense and activation (default false). */
  batchNorm?: boolean;
  /** McDropout rate after the activation (default 0). */
  dropoutRate?: number;
  seed?: number;
  /** Layer name prefix (`<name>_dense`, `_bn`, `_act`, `_drop`). */
  name?: string;
}

/** dense → optional batchNormalization → activation → optional McDropout, on `[N, P]` (or `[N, T, P]`). */
export function denseBlock(config: DenseBlockConfig): Block {
  const { units, activation = 'relu', batchNorm = false, dropoutRate = 0, seed = defaultSeed, name } = config;
  requireInteger('units', units);
  requireOneOf('activation', activation, blockActivations);
  const dropout = dropoutBlock(dropoutRate, deriveSeed(seed, 1), layerName(name, 'drop').name);
  return (x) => {
    let y = tf.layers
      .dense({
        units,
        useBias: !batchNorm,
        activation: batchNorm ? 'linear' : activation,
        kernelInitializer: seededKernel(deriveSeed(seed, 0)),
        ...layerName(name, 'dense'),
      })
      .apply(x) as tf.SymbolicTensor;
    if (batchNorm) {
      y = tf.layers.batchNormalization({ ...layerName(name, 'bn') }).apply(y) as tf.SymbolicTensor;
      y = tf.layers.activation({ activation, ...layerName(name, 'act') }).apply(y) as tf.SymbolicTensor;
    }
    return dropout(y);
  };
}

export interface HeadConfig {
  head: HeadKind;
  /** Number of classes (classifier, ≥ 2), labels (multiLabel) or regressed values (regressor). */
  outputs: number;
}

/** The output dense layer of a head, on the last axis: softmax, sigmoid or linear. */
export function headBlock(config: HeadConfig & { seed: number; name?: string }): Block {
  const { head, outputs, seed, name = 'head' } = config;
  requireOneOf('head', head, headKinds);
  requireInteger('outputs', outputs, head === 'classifier' ? 2 : 1);
  const activation = head === 'classifier' ? 'softmax' : head === 'multiLabel' ? 'sigmoid' : 'linear';
  return (x) =>
    tf.layers
      .dense({ units: outputs, activation, kernelInitializer: seededKernel(seed), name })
      .apply(x) as tf.SymbolicTensor;
}
