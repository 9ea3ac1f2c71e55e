/** A 1D convolutional autoencoder on `[N, 1, L, C]` spectra, with its encoder and decoder as sub-models. */
import * as tf from '@tensorflow/tfjs';
import { spectrumInput } from './cnn1d';
import { type Block, convBlock, downsample, seededKernel, upsample } from './convBlock';
import { SeedSequence } from './random';
import { type EncoderDecoder, latentLayerNames, splitAutoencoder1d } from './subModel';
import { type BlockActivation, blockActivations, type DownsampleMode, defaultSeed, type UpsampleMode } from './types';
import { requireDivisibleLength, requireInteger, requireIntegers, requireOneOf, requireRate } from './validate';

export interface Autoencoder1dConfig {
  /** Spectrum length L, in bins; must be divisible by 2^stages (checked). */
  inputLength: number;
  /** Channels C per bin (default 1). */
  inputChannels?: number;
  /** Size d of the latent vector (default 16). */
  latentSize?: number;
  /** Channels per stage; each stage halves L in the encoder and doubles it in the decoder (default [16, 32, 64]). */
  filters?: number[];
  /** Kernel length along L, in bins (default 5). */
  kernelSize?: number;
  /** Default true. */
  batchNorm?: boolean;
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** Default 'maxPool'. */
  downsample?: DownsampleMode;
  /** Default 'transposedConv'. */
  upsample?: UpsampleMode;
  /** McDropout rate after every conv block (default 0). */
  dropoutRate?: number;
  /** Activation of the decoder's final conv [1,1] (default 'linear'). */
  outputActivation?: BlockActivation;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

type Resolved = Required<Autoencoder1dConfig>;

export function resolveAutoencoderConfig(config: Autoencoder1dConfig): Resolved {
  const resolved: Resolved = {
    inputChannels: 1,
    latentSize: 16,
    filters: [16, 32, 64],
    kernelSize: 5,
    batchNorm: true,
    activation: 'relu',
    downsample: 'maxPool',
    upsample: 'transposedConv',
    dropoutRate: 0,
    outputActivation: 'linear',
    seed: defaultSeed,
    ...config,
  };
  requireIntegers('filters', resolved.filters, 1);
  requireInteger('latentSize', resolved.latentSize);
  requireInteger('inputChannels', resolved.inputChannels);
  requireRate('dropoutRate', resolved.dropoutRate);
  requireDivisibleLength('inputLength', resolved.inputLength, resolved.filters.length);
  return resolved;
}

/** Encoder trunk as a block: per stage conv block + downsample, then flatten to `[N, L/2^S · F_last]`. */
export function encoderTrunk(c: Resolved, seeds: SeedSequence): Block {
  const blocks = c.filters.flatMap((filters, stage) => {
    const block = { filters, kernelSize: c.kernelSize, batchNorm: c.batchNorm, activation: c.activation };
    return [
      convBlock({ ...block, dropoutRate: c.dropoutRate, seed: seeds.next(), name: `encoder${stage}` }),
      downsample({ mode: c.downsample, seed: seeds.next(), name: `encoder${stage}` }),
    ];
  });
  const flatten = tf.layers.flatten({ name: 'encoder_flatten' });
  return (x) => flatten.apply(blocks.reduce((t, block) => block(t), x)) as tf.SymbolicTensor;
}

/** Decoder as a block: dense → reshape to `[N, 1, L/2^S, F_last]` → per stage upsample + conv block → conv [1,1] to C. */
export function decoderHead(c: Resolved, seeds: SeedSequence): Block {
  requireOneOf('outputActivation', c.outputActivation, blockActivations);
  const stages = c.filters.length;
  const innerLength = c.inputLength / 2 ** stages;
  const innerFilters = c.filters[stages - 1] ?? 1;
  const dense = tf.layers.dense({
    units: innerLength * innerFilters,
    activation: c.activation,
    kernelInitializer: seededKernel(seeds.next()),
    name: 'decoder_dense',
  });
  const reshape = tf.layers.reshape({ targetShape: [1, innerLength, innerFilters], name: 'decoder_reshape' });
  const blocks = c.filters
    .map((filters, stage) => {
      const block = { filters, kernelSize: c.kernelSize, batchNorm: c.batchNorm, activation: c.activation };
      return [
        upsample({ mode: c.upsample, filters, seed: seeds.next(), name: `decoder${stage}` }),
        convBlock({ ...block, dropoutRate: c.dropoutRate, seed: seeds.next(), name: `decoder${stage}` }),
      ];
    })
    .reverse()
    .flat();
  const output = tf.layers.conv2d({
    filters: c.inputChannels,
    kernelSize: [1, 1],
    activation: c.outputActivation,
    kernelInitializer: seededKernel(seeds.next()),
    name: 'decoder_output',
  });
  return (z) => {
    const y = reshape.apply(dense.apply(z)) as tf.SymbolicTensor;
    return output.apply(blocks.reduce((t, block) => block(t), y)) as tf.SymbolicTensor;
  };
}

/** The full autoencoder `[N, 1, L, C]` → `[N, 1, L, C]` alone (what `buildModel` returns). Uncompiled. */
export function buildAutoencoder1dModel(config: Autoencoder1dConfig): tf.LayersModel {
  const c = resolveAutoencoderConfig(config);
  const seeds = new SeedSequence(c.seed);
  const encoder = encoderTrunk(c, seeds);
  const latent = tf.layers.dense({
    units: c.latentSize,
    kernelInitializer: seededKernel(seeds.next()),
    name: latentLayerNames.latent,
  });
  const decoder = decoderHead(c, seeds);
  const input = spectrumInput(c.inputLength, c.inputChannels);
  const output = decoder(latent.apply(encoder(input)) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: output, name: 'autoencoder1d' });
}

/** The full model plus its encoder (`[N, 1, L, C]` → `[N, d]`) and decoder (`[N, d]` → `[N, 1, L, C]`). */
export interface Autoencoder1d extends EncoderDecoder {
  readonly model: tf.LayersModel;
}

/**
 * Autoencoder with encoder and decoder sub-models sharing its weights (train `model`, use the parts).
 * Dispose all three. For a loaded model use {@link splitAutoencoder1d}.
 */
export function buildAutoencoder1d(config: Autoencoder1dConfig): Autoencoder1d {
  const model = buildAutoencoder1dModel(config);
  return { model, ...splitAutoencoder1d(model) };
}
