/**
 * A cheaper training-mode batch normalization for tfjs-layers' `BatchNormalization` layer.
 *
 * In training, the stock layer normalises with `tf.moments` + `tf.batchNorm` and lets autodiff
 * differentiate through the moments: about 20–27 full-size kernels per layer in the backward pass
 * (Mul, Sub, Sum, Mean, Tile...). {@link installFastBatchNormTraining} patches the layer class's
 * `call` so that, in training mode with the channels on the last axis, the same forward runs inside
 * a `tf.customGrad` whose gradient is the closed form over the reduction axes (every axis but the
 * last), with xhat = (x − μ)/σ, σ = sqrt(var + ε), N = elements per channel:
 *
 *   dβ = Σ dy,   dγ = Σ dy·xhat,   dx = (γ/σ)·(dy − dβ/N − xhat·dγ/N)
 *
 * On 'wasm' the forward is two passes over the heap (per-channel sums of x and x² about a shift,
 * added up in float64, then y = (x − μ)·γ/σ + β), which replace `tf.moments` + `tf.batchNorm`, and
 * so is the gradient (per-channel sums of dy and dy·(x − μ), then dx as a per-channel affine map of
 * dy and x), with μ and 1/σ kept in float64 from the forward: WebAssembly SIMD loops, or JavaScript
 * where those do not load or the channels are not a multiple of 4 (`batchNormPassesWasm.ts`). The
 * results differ from stock only in rounding. Elsewhere the forward output and the moments are computed exactly as the stock
 * `call` does, and the gradient is 7 full-size tf ops (xhat and the two affine maps are single
 * `BatchNorm` kernels). The moving-mean/variance updates are the stock ones, fed the batch mean and
 * biased variance (as `tf.moments` gives them), on every backend. Every other case (inference, another axis, no gamma or no beta, rank other than
 * 2–4) goes to the stock `call`. The class, its name and serialisation are untouched.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { batchNormForwardWasm, batchNormGradWasm, smallValues } from './batchNormPassesWasm';

/** The parts of tfjs-layers' `BatchNormalization` (not exported as a type) that the patch uses. */
interface LayerVariableLike {
  read(): tf.Tensor;
  write(value: tf.Tensor): unknown;
}

interface BatchNormalizationLike {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: LayerVariableLike | null;
  beta?: LayerVariableLike | null;
  movingMean: LayerVariableLike;
  movingVariance: LayerVariableLike;
}

type CallFunction = (
  this: BatchNormalizationLike,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: tf.NamedAttrMap,
) => tf.Tensor;

interface BatchNormalizationPrototype {
  call: CallFunction;
}

/** Marks a patched `call`; holds the stock one. */
const stockCalls = new WeakMap<CallFunction, CallFunction>();

let prototypeCache: BatchNormalizationPrototype | undefined;

function batchNormalizationPrototype(): BatchNormalizationPrototype {
  // tfjs-layers does not export the class; a throw-away instance gives it. Not built, so it holds no
  // weights; named, so that it does not take a number from the automatic layer names.
  prototypeCache ??= Object.getPrototypeOf(
    tf.layers.batchNormalization({ name: 'fast_batch_norm_training_probe' }),
  ) as BatchNormalizationPrototype;
  return prototypeCache;
}

/** The only input tensor of a layer call, or undefined (the stock call then raises its own error). */
function singleInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | undefined {
  if (Array.isArray(inputs)) return inputs.length === 1 ? inputs[0] : undefined;
  return inputs;
}

/**
 * Training-mode batch normalization over every axis but the last with the closed-form gradient.
 * Returns the normalised output and the batch mean and variance (which the caller owns).
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
): { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const channels = x.shape[x.rank - 1] ?? 1;
  const count = x.size / channels;
  let mean: tf.Tensor | undefined;
  let variance: tf.Tensor | undefined;
  const normalize = tf.customGrad((...args: unknown[]) => {
    const [input, g, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    if (tf.getBackend() === 'wasm' && input.dtype === 'float32' && g.dtype === 'float32' && b.dtype === 'float32') {
      // JS passes over the heap; μ and 1/σ stay in float64 for the gradient.
      const forward = batchNormForwardWasm(input, g, b, epsilon);
      mean = tf.keep(forward.mean);
      variance = tf.keep(forward.variance);
      save([input, g]);
      return {
        value: forward.output,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [savedX, savedGamma] = saved as [tf.Tensor, tf.Tensor];
          return batchNormGradWasm(dy, savedX, savedGamma, forward);
        },
      };
    }
    // As the stock layer: moments, then batchNorm with the same arguments (same forward values).
    const moments = tf.moments(input, axes);
    mean = tf.keep(moments.mean);
    variance = tf.keep(moments.variance);
    save([input, g, moments.mean, moments.variance]);
    return {
      value: tf.batchNorm(input, moments.mean, moments.variance, b, g, epsilon),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedX, savedGamma, mu, v] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        if (tf.getBackend() === 'wasm' && dy.dtype === 'float32' && savedX.dtype === 'float32') {
          const backend = tf.backend() as unknown as BackendWasm;
          const invStd = smallValues(backend, v).map((value) => 1 / Math.sqrt(value + epsilon));
          return batchNormGradWasm(dy, savedX, savedGamma, { mu: smallValues(backend, mu), invStd });
        }
        const xhat = tf.batchNorm(savedX, mu, v, undefined, undefined, epsilon);
        const dBeta = tf.sum(dy, axes);
        const dGamma = tf.sum(tf.mul(dy, xhat), axes);
        const scale = tf.mul(savedGamma, tf.rsqrt(tf.add(v, epsilon))); // γ/σ
        // (γ/σ)·(dy − dβ/N): a BatchNorm with variance 0 and ε 1 (rsqrt(1) = 1 exactly).
        const centred = tf.batchNorm(dy, tf.div(dBeta, count), tf.zerosLike(v), undefined, scale, 1);
        // (γ/σ)·xhat·dγ/N = batchNorm(x, μ, var) scaled by γ/σ·dγ/N.
        const correction = tf.batchNorm(savedX, mu, v, undefined, tf.mul(scale, tf.div(dGamma, count)), epsilon);
        return [tf.sub(centred, correction), dGamma, dBeta];
      },
    };
  });
  const output = normalize(x, gamma, beta);
  if (mean === undefined || variance === undefined) throw new Error('batchNormTraining: moments were not computed');
  return { output, mean, variance };
}

function makeFastCall(stock: CallFunction): CallFunction {
  return function fastCall(this: BatchNormalizationLike, inputs, kwargs) {
    const training = kwargs?.training === true;
    const input = singleInput(inputs);
    const gamma = this.gamma;
    const beta = this.beta;
    const rank = input?.rank ?? 0;
    const axis = this.axis >= 0 ? this.axis : this.axis + rank;
    if (
      !training ||
      input === undefined ||
      rank < 2 ||
      rank > 4 ||
      axis !== rank - 1 ||
      input.dtype !== 'float32' ||
      gamma == null ||
      beta == null
    ) {
      return stock.call(this, inputs, kwargs);
    }
    return tf.tidy(() => {
      const { output, mean, variance } = batchNormTraining(input, gamma.read(), beta.read(), this.epsilon);
      try {
        // The stock update: variable ← variable − (variable − value)·(1 − momentum).
        const decay = 1 - this.momentum;
        for (const [variable, value] of [
          [this.movingMean, mean],
          [this.movingVariance, variance],
        ] as const) {
          tf.tidy(() => {
            const original = variable.read();
            variable.write(tf.sub(original, tf.mul(tf.sub(original, value), decay)));
          });
        }
      } finally {
        tf.dispose([mean, variance]);
      }
      return output;
    });
  };
}

/** Whether {@link installFastBatchNormTraining} is in effect. */
export function fastBatchNormTrainingInstalled(): boolean {
  return stockCalls.has(batchNormalizationPrototype().call);
}

/**
 * Patches tfjs-layers' `BatchNormalization.prototype.call` (all backends, existing and future
 * layers) with the closed-form training gradient. Idempotent. Inference is untouched.
 */
export function installFastBatchNormTraining(): void {
  const prototype = batchNormalizationPrototype();
  if (stockCalls.has(prototype.call)) return;
  const stock = prototype.call;
  const fast = makeFastCall(stock);
  stockCalls.set(fast, stock);
  prototype.call = fast;
}

/** Restores the stock `call` (tests and benchmarks compare both). Idempotent. */
export function uninstallFastBatchNormTraining(): void {
  const prototype = batchNormalizationPrototype();
  const stock = stockCalls.get(prototype.call);
  if (stock !== undefined) prototype.call = stock;
}
