/** A 1D U-Net (Ronneberger et al. 2015, arXiv:1505.04597) on `[N, 1, L, C]` spectra: spectrum in, spectrum out. */
import * as tf from '@tensorflow/tfjs';
import { spectrumInput } from './cnn1d';
import { type Block, convBlock, downsample, seededKernel, upsample } from './convBlock';
import { SeedSequence } from './random';
import { type BlockActivation, blockActivations, type DownsampleMode, defaultSeed, type UpsampleMode } from './types';
import { requireDivisibleLength, requireInteger, requireOneOf, requireRate } from './validate';

export interface UNet1dConfig {
  /** Spectrum length L, in bins; must be divisible by 2^depth (checked, with the nearest valid lengths). */
  inputLength: number;
  /** Channels C per input bin (default 1). */
  inputChannels?: number;
  /** Channels per output bin (default 1). */
  outputChannels?: number;
  /** Number of halvings of L (default 3). */
  depth?: number;
  /** Channels at the first level, doubled at each level down (default 16). */
  baseFilters?: number;
  /** Kernel length along L, in bins (default 5). */
  kernelSize?: number;
  /** Conv blocks per level (default 2). */
  convsPerLevel?: number;
  /** Default true. */
  batchNorm?: boolean;
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** Default 'maxPool'. */
  downsample?: DownsampleMode;
  /** Default 'transposedConv'. */
  upsample?: UpsampleMode;
  /** McDropout rate after the bottleneck conv blocks (default 0). */
  dropoutRate?: number;
  /** Activation of the final conv [1,1] (default 'linear'). */
  outputActivation?: BlockActivation;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

/**
 * Encoder levels (conv blocks, keep the skip, downsample) → bottleneck → decoder levels (upsample,
 * concatenate the skip, conv blocks) → conv [1,1] to `outputChannels`. Input `[N, 1, L, C]`,
 * output `[N, 1, L, outputChannels]`. Uncompiled; the caller owns it.
 */
export function buildUNet1d(config: UNet1dConfig): tf.LayersModel {
  const { inputLength, inputChannels = 1, outputChannels = 1, depth = 3, baseFilters = 16 } = config;
  const { kernelSize = 5, convsPerLevel = 2, batchNorm = true, activation = 'relu', dropoutRate = 0 } = config;
  const { downsample: downMode = 'maxPool', upsample: upMode = 'transposedConv' } = config;
  const { outputActivation = 'linear', seed = defaultSeed } = config;
  requireInteger('depth', depth);
  requireInteger('baseFilters', baseFilters);
  requireInteger('convsPerLevel', convsPerLevel);
  requireInteger('outputChannels', outputChannels);
  requireRate('dropoutRate', dropoutRate);
  requireDivisibleLength('inputLength', inputLength, depth);
  requireOneOf('outputActivation', outputActivation, blockActivations);
  const seeds = new SeedSequence(seed);
  // Blocks first (each checks its config), layers after: a bad option fails before any weight exists.
  const convs = (filters: number, name: string, rate = 0): Block[] =>
    Array.from({ length: convsPerLevel }, (_, i) => {
      const block = { filters, kernelSize, batchNorm, activation, dropoutRate: rate, name: `${name}_${i}` };
      return convBlock({ ...block, seed: seeds.next() });
    });
  const chain = (blocks: Block[], x: tf.SymbolicTensor) => blocks.reduce((t, block) => block(t), x);
  const down = Array.from({ length: depth }, (_, level) => ({
    convs: convs(baseFilters * 2 ** level, `down${level}`),
    pool: downsample({ mode: downMode, seed: seeds.next(), name: `down${level}` }),
  }));
  const bottleneck = convs(baseFilters * 2 ** depth, 'bottleneck', dropoutRate);
  const up = Array.from({ length: depth }, (_, level) => {
    const filters = baseFilters * 2 ** level;
    return {
      up: upsample({ mode: upMode, filters, seed: seeds.next(), name: `up${level}` }),
      convs: convs(filters, `up${level}`),
    };
  });
  const input = spectrumInput(inputLength, inputChannels);
  const skips: tf.SymbolicTensor[] = [];
  let y = input;
  for (const level of down) {
    y = chain(level.convs, y);
    skips.push(y);
    y = level.pool(y);
  }
  y = chain(bottleneck, y);
  for (let level = depth - 1; level >= 0; level--) {
    const blocks = up[level];
    const skip = skips[level];
    if (blocks === undefined || skip === undefined) throw new Error(`missing decoder level ${level}`);
    y = tf.layers.concatenate({ axis: -1, name: `up${level}_concat` }).apply([blocks.up(y), skip]) as tf.SymbolicTensor;
    y = chain(blocks.convs, y);
  }
  const output = tf.layers
    .conv2d({
      filters: outputChannels,
      kernelSize: [1, 1],
      activation: outputActivation,
      kernelInitializer: seededKernel(seeds.next()),
      name: 'output',
    })
    .apply(y) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'unet1d' });
}
