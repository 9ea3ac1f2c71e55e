/**
 * The reparameterisation trick of a variational autoencoder (Kingma & Welling 2014, "Auto-Encoding
 * Variational Bayes", arXiv:1312.6114): z = μ + exp(½·logVar)·ε with ε ~ N(0, I), plus the
 * Kullback–Leibler term KL(N(μ, σ²) ‖ N(0, I)) added to the training loss.
 *
 * How the KL reaches `model.fit` (tfjs 4.22): `fit` adds `model.calculateLosses()` to the total loss
 * inside the gradient tape (training.js, "Add regularizer penalties"), and the model asks every layer
 * for its `calculateLosses()`. This layer keeps the μ and logVar of its last training-mode call and
 * returns the KL of them from `calculateLosses()`, once; gradients flow through the same tape. The
 * stock `layer.addLoss(fn)` cannot be used: it appends a closure per call (the list only grows) and a
 * closure over the tensors of an old step would read disposed tensors. `evaluate` does not add
 * layer losses, so its loss is the reconstruction term only.
 */
import * as tf from '@tensorflow/tfjs';
import { type BaseLayerArgs, isSampling, type LayerKwargs } from './mcDropout';
import { deriveSeed } from './random';
import { requireNonNegative } from './validate';

/** Config of {@link VaeSampling}; plain JSON, stored in model.json. */
export interface VaeSamplingArgs extends BaseLayerArgs {
  /**
   * Weight β of the KL term added to the training loss (β-VAE, Higgins et al. 2017); 0 disables it.
   * Default 1. `buildVae1d` sets 1 / (L·C) so that it matches a per-element mean-squared error.
   */
  klWeight?: number;
  /** Sample z also in `predict` (outside training and Monte-Carlo mode). Default false: z = μ. */
  sampleAtInference?: boolean;
  /** Seed of ε: call k draws from (seed, k). Without a seed ε comes from `Math.random`. */
  seed?: number;
}

/**
 * KL(N(μ, exp(logVar)) ‖ N(0, I)) = −½ Σⱼ (1 + logVarⱼ − μⱼ² − exp(logVarⱼ)), summed over the latent
 * axis (last), averaged over the batch; in nats. A scalar the caller owns.
 */
export function vaeKlDivergence(mu: tf.Tensor, logVar: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perSample = tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), -1).mul(0.5);
    return tf.mean(perSample) as tf.Scalar;
  });
}

/**
 * Inputs `[mu, logVar]`, both `[N, d]`; output z `[N, d]`. Samples when called with
 * `training: true`, in Monte-Carlo mode (`setMcDropoutActive(true)`) or with `sampleAtInference`;
 * returns μ otherwise, so that a plain `predict` is deterministic. An ONNX exporter maps it to
 * "output = first input".
 */
export class VaeSampling extends tf.layers.Layer {
  static className = 'VaeSampling';
  readonly klWeight: number;
  readonly sampleAtInference: boolean;
  readonly seed: number | undefined;
  private calls = 0;
  private pending: { mu: tf.Tensor; logVar: tf.Tensor } | undefined;

  constructor(args: VaeSamplingArgs = {}) {
    super(args);
    this.klWeight = requireNonNegative('VaeSampling klWeight', args.klWeight ?? 1);
    this.sampleAtInference = args.sampleAtInference ?? false;
    this.seed = args.seed;
  }

  /** Restarts the seeded ε sequence (reproducible runs and tests). */
  resetRandom(): void {
    this.calls = 0;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const first = inputShape[0];
    if (!Array.isArray(first)) throw new Error('VaeSampling expects two inputs, [mu, logVar]');
    return first;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: LayerKwargs): tf.Tensor {
    const [mu, logVar] = Array.isArray(inputs) ? inputs : [];
    if (mu === undefined || logVar === undefined) throw new Error('VaeSampling expects two inputs, [mu, logVar]');
    // Kept for calculateLosses(), which fit() calls later in the same gradient tape.
    this.pending = kwargs?.training === true && this.klWeight > 0 ? { mu, logVar } : undefined;
    if (!isSampling(kwargs) && !this.sampleAtInference) return mu;
    const seed = this.seed === undefined ? undefined : deriveSeed(this.seed, this.calls);
    this.calls += 1;
    return tf.tidy(() => {
      const epsilon = tf.randomNormal(mu.shape, 0, 1, 'float32', seed);
      return tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), epsilon));
    });
  }

  /** The weighted KL of the last training-mode call, once (see the file comment); else none. */
  override calculateLosses(): tf.Scalar[] {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined || pending.mu.isDisposed || pending.logVar.isDisposed) return [];
    return [tf.tidy(() => tf.mul(vaeKlDivergence(pending.mu, pending.logVar), this.klWeight) as tf.Scalar)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      klWeight: this.klWeight,
      sampleAtInference: this.sampleAtInference,
    };
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }
}
