/**
 * Monte-Carlo dropout (Gal & Ghahramani 2016, "Dropout as a Bayesian approximation",
 * arXiv:1506.02142): dropout that can stay on at inference, so that repeated `model.predict` calls
 * sample the predictive distribution while BatchNorm keeps using its moving statistics.
 *
 * tfjs's own `dropout` layer only drops when called with `training: true`, and `model.predict`
 * never passes that; hence this custom layer and a module-level switch.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from './random';
import { requireRate } from './validate';

/** Base-layer arguments of tfjs (name, trainable, inputShape, …), as its `Layer` constructor takes them. */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
/** Keyword arguments of `Layer.call` (`training`, `mask`). */
export type LayerKwargs = Parameters<tf.layers.Layer['call']>[1];

let mcDropoutActive = false;

/**
 * Turns Monte-Carlo mode on or off for every {@link McDropout} (and {@link VaeSampling}) layer in
 * this JS realm (one worker, or one vitest file). On: they sample in `model.predict` too. Turn it
 * off in a `finally`, since it is global state.
 */
export function setMcDropoutActive(active: boolean): void {
  mcDropoutActive = active;
}

/** Whether Monte-Carlo mode is on (see {@link setMcDropoutActive}). */
export function isMcDropoutActive(): boolean {
  return mcDropoutActive;
}

/** True when a stochastic layer should sample: in training, or in Monte-Carlo mode. */
export function isSampling(kwargs: LayerKwargs): boolean {
  return kwargs?.training === true || mcDropoutActive;
}

/** Config of {@link McDropout}; plain JSON, stored in model.json. */
export interface McDropoutArgs extends BaseLayerArgs {
  /** Fraction of the inputs dropped, in [0, 1). The kept ones are scaled by 1 / (1 − rate). */
  rate: number;
  /**
   * Seed of the masks. Each call draws its mask from `seed` and the call count, so masks vary from
   * call to call but the sequence repeats for a fresh (or {@link McDropout.resetRandom}) layer.
   * Without a seed the masks come from `Math.random`.
   */
  seed?: number;
}

/**
 * Inverted dropout, active when called with `training: true` or while
 * {@link setMcDropoutActive}(true); the identity otherwise. Only standard ops (randomUniform, add,
 * floor, div, mul), so it runs on cpu, wasm, webgl and webgpu. An ONNX exporter maps it to Identity.
 */
export class McDropout extends tf.layers.Layer {
  static className = 'McDropout';
  readonly rate: number;
  readonly seed: number | undefined;
  private calls = 0;

  constructor(args: McDropoutArgs) {
    super(args);
    this.rate = requireRate('McDropout rate', args.rate);
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  /** Restarts the seeded mask sequence (reproducible MC runs and tests). */
  resetRandom(): void {
    this.calls = 0;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: LayerKwargs): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (input === undefined) throw new Error('McDropout expects one input tensor');
    if (this.rate === 0 || !isSampling(kwargs)) return input;
    const seed = this.seed === undefined ? undefined : deriveSeed(this.seed, this.calls);
    this.calls += 1;
    return tf.dropout(input, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), rate: this.rate };
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }
}

/** Convenience factory, like `tf.layers.dropout`. */
export function mcDropout(args: McDropoutArgs): McDropout {
  return new McDropout(args);
}
