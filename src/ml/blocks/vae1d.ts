/**
 * A 1D convolutional variational autoencoder (Kingma & Welling 2014, arXiv:1312.6114) on
 * `[N, 1, L, C]` spectra. Train the full model with `model.fit(x, x)` and an mse loss: the KL term is
 * added by its {@link VaeSampling} layer (see vaeSampling.ts for how, and why not `addLoss`).
 */
import * as tf from '@tensorflow/tfjs';
import {
  type Autoencoder1d,
  type Autoencoder1dConfig,
  decoderHead,
  encoderTrunk,
  resolveAutoencoderConfig,
} from './autoencoder1d';
import { spectrumInput } from './cnn1d';
import { seededKernel } from './convBlock';
import { SeedSequence } from './random';
import { latentLayerNames, splitVae1d } from './subModel';
import { VaeSampling } from './vaeSampling';
import { requireInteger } from './validate';

export interface Vae1dConfig extends Autoencoder1dConfig {
  /**
   * Weight β of the KL term (nats per sample) in the loss. Default 1 / (L·C): with an mse loss (mean
   * over the L·C values) this is the ELBO of a unit-variance Gaussian likelihood divided by L·C.
   */
  klWeight?: number;
  /** Sample z in plain `predict` too (default false: the full model reconstructs from μ). */
  sampleAtInference?: boolean;
}

/** The full VAE `[N, 1, L, C]` → `[N, 1, L, C]` alone (what `buildModel` returns). Uncompiled. */
export function buildVae1dModel(config: Vae1dConfig): tf.LayersModel {
  const c = resolveAutoencoderConfig(config);
  const klWeight = config.klWeight ?? 1 / (c.inputLength * c.inputChannels);
  const seeds = new SeedSequence(c.seed);
  const encoder = encoderTrunk(c, seeds);
  const dense = (name: string) =>
    tf.layers.dense({ units: c.latentSize, kernelInitializer: seededKernel(seeds.next()), name });
  const mean = dense(latentLayerNames.mean);
  const logVariance = dense(latentLayerNames.logVariance);
  const sampling = new VaeSampling({
    klWeight,
    sampleAtInference: config.sampleAtInference ?? false,
    seed: seeds.next(),
    name: latentLayerNames.sample,
  });
  const decoder = decoderHead(c, seeds);
  const input = spectrumInput(c.inputLength, c.inputChannels);
  const features = encoder(input);
  const z = sampling.apply([
    mean.apply(features),
    logVariance.apply(features),
  ] as tf.SymbolicTensor[]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: decoder(z), name: 'vae1d' });
}

/**
 * VAE with encoder (`[N, 1, L, C]` → `[μ, logVar]`) and decoder (`[N, d]` → `[N, 1, L, C]`)
 * sub-models sharing its weights. Dispose all three. For a loaded model use `splitVae1d`.
 */
export function buildVae1d(config: Vae1dConfig): Autoencoder1d {
  const model = buildVae1dModel(config);
  return { model, ...splitVae1d(model) };
}

/**
 * Generates `n` spectra: z ~ N(0, I) seeded with `seed`, decoded. Returns `[n, 1, L, C]`; the caller
 * owns the tensor.
 */
export function sampleVae(decoder: tf.LayersModel, n: number, seed: number): tf.Tensor {
  requireInteger('n', n);
  const latentSize = decoder.inputs[0]?.shape[1];
  if (typeof latentSize !== 'number') throw new Error('sampleVae: the decoder input must be [N, d]');
  return tf.tidy(() => decoder.predict(tf.randomNormal([n, latentSize], 0, 1, 'float32', seed)) as tf.Tensor);
}
