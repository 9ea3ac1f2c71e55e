/** A 1D CNN classifier/regressor on `[N, 1, L, C]` spectra. */
import * as tf from '@tensorflow/tfjs';
import { type Block, convBlock, denseBlock, downsample, type HeadConfig, headBlock } from './convBlock';
import { SeedSequence } from './random';
import { type BlockActivation, type DownsampleMode, defaultSeed } from './types';
import { requireInteger, requireIntegers, requireOneOf, requireRate } from './validate';

/** The convolutional trunk, shared with the spectrum branch of `buildTwoHeaded`. */
export interface CnnTrunkConfig {
  /** Channels per stage; each stage = `convsPerStage` conv blocks then one downsample (default [16, 32, 64]). */
  filters?: number[];
  /** Kernel length along L, in bins (default 7). */
  kernelSize?: number;
  /** Conv blocks per stage (default 1). */
  convsPerStage?: number;
  /** Default true. */
  batchNorm?: boolean;
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** Default 'maxPool'. */
  downsample?: DownsampleMode;
  /** McDropout rate after every conv block (default 0). */
  convDropoutRate?: number;
  /** From feature maps to a vector: 'globalAverage' (any L) or 'flatten' (fixed L; default 'globalAverage'). */
  pooling?: 'globalAverage' | 'flatten';
}

export interface Cnn1dConfig extends CnnTrunkConfig, HeadConfig {
  /** Spectrum length L, in bins (≥ 2^stages). */
  inputLength: number;
  /** Channels C per bin (default 1). */
  inputChannels?: number;
  /** Hidden dense layers between the trunk and the head (default [64]); they use the trunk's `activation`. */
  denseUnits?: number[];
  /** McDropout rate after every hidden dense layer (default 0.2). */
  denseDropoutRate?: number;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

/** The trunk as a block: stages of conv blocks + downsample, then pooling to `[N, F]`. Checks the config first. */
export function cnnTrunk(config: CnnTrunkConfig, seeds: SeedSequence, prefix: string): Block {
  const { filters = [16, 32, 64], kernelSize = 7, convsPerStage = 1, batchNorm = true, activation = 'relu' } = config;
  const { downsample: mode = 'maxPool', convDropoutRate = 0, pooling = 'globalAverage' } = config;
  requireIntegers('filters', filters, 1);
  requireInteger('convsPerStage', convsPerStage);
  requireRate('convDropoutRate', convDropoutRate);
  requireOneOf('pooling', pooling, ['globalAverage', 'flatten']);
  const stages = filters.map((stageFilters, stage) => {
    const convs = Array.from({ length: convsPerStage }, (_, i) => {
      const block = { filters: stageFilters, kernelSize, batchNorm, activation, dropoutRate: convDropoutRate };
      return convBlock({ ...block, seed: seeds.next(), name: `${prefix}${stage}_${i}` });
    });
    return [...convs, downsample({ mode, filters: stageFilters, seed: seeds.next(), name: `${prefix}${stage}_down` })];
  });
  return (x) => {
    const y = stages.flat().reduce((t, block) => block(t), x);
    const flat =
      pooling === 'flatten'
        ? tf.layers.flatten({ name: `${prefix}_flatten` })
        : tf.layers.globalAveragePooling2d({ name: `${prefix}_gap` });
    return flat.apply(y) as tf.SymbolicTensor;
  };
}

/** Input layer of a spectrum, `[N, 1, L, C]`. */
export function spectrumInput(inputLength: number, inputChannels: number, name = 'spectrum'): tf.SymbolicTensor {
  requireInteger('inputLength', inputLength);
  requireInteger('inputChannels', inputChannels);
  return tf.input({ shape: [1, inputLength, inputChannels], name });
}

/**
 * Conv trunk → hidden dense blocks (with McDropout) → head. Input `[N, 1, L, C]`; output `[N, outputs]`
 * (softmax, sigmoid or linear). Uncompiled; the caller owns it (`model.dispose()`).
 */
export function buildCnn1d(config: Cnn1dConfig): tf.LayersModel {
  const { inputLength, inputChannels = 1, denseUnits = [64], denseDropoutRate = 0.2, seed = defaultSeed } = config;
  const { activation = 'relu' } = config;
  const stages = (config.filters ?? [16, 32, 64]).length;
  requireInteger('inputLength', inputLength, 2 ** stages);
  requireIntegers('denseUnits', denseUnits);
  const seeds = new SeedSequence(seed);
  // Blocks first (each checks its config), layers after: a bad option fails before any weight exists.
  const trunk = cnnTrunk(config, seeds, 'conv');
  requireRate('denseDropoutRate', denseDropoutRate);
  const dense = denseUnits.map((units, i) =>
    denseBlock({ units, activation, dropoutRate: denseDropoutRate, seed: seeds.next(), name: `dense${i}` }),
  );
  const head = headBlock({ head: config.head, outputs: config.outputs, seed: seeds.next() });
  const input = spectrumInput(inputLength, inputChannels);
  const output = head(dense.reduce((t, block) => block(t), trunk(input)));
  return tf.model({ inputs: input, outputs: output, name: 'cnn1d' });
}
