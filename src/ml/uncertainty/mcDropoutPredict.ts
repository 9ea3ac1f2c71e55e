import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { setMcDropoutActive } from '../blocks/mcDropout';

import { DEFAULT_MC_PASSES } from './defaults';

export { DEFAULT_MC_PASSES };

export interface McPrediction {
  /** Mean over passes, flattened per sample: `[batch × outputs]`. */
  readonly mean: Float32Array;
  /** Sample standard deviation over passes (0 when the model has no stochastic layer). */
  readonly sd: Float32Array;
  readonly outputsPerSample: number;
  readonly passes: number;
  /** False when the model has no McDropout/sampling layer: one deterministic pass, SD 0. */
  readonly stochastic: boolean;
}

/** True when the model contains a layer that samples in Monte-Carlo mode. */
export function hasStochasticLayers(model: tf.LayersModel): boolean {
  return model.layers.some((layer) => ['McDropout', 'VaeSampling'].includes(layer.getClassName()));
}

/**
 * Monte-Carlo dropout (Gal & Ghahramani 2016, arXiv:1506.02142): `passes` forward passes with
 * dropout on and BatchNorm in inference mode; returns the per-output mean and SD. Welford's
 * running moments keep memory at two buffers whatever `passes` is. Models with several outputs:
 * only the first is used. Cancellable between passes.
 */
export async function mcDropoutPredict(
  model: tf.LayersModel,
  input: tf.Tensor | tf.Tensor[],
  options: {
    passes?: number;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
    /** The forward pass to sample (default `model.predict`), e.g. a `compileForInference` plan. */
    forward?: (x: tf.Tensor | tf.Tensor[]) => tf.Tensor | tf.Tensor[];
  } = {},
): Promise<McPrediction> {
  const forward = options.forward ?? ((x: tf.Tensor | tf.Tensor[]) => model.predict(x));
  const stochastic = hasStochasticLayers(model);
  const passes = stochastic ? (options.passes ?? DEFAULT_MC_PASSES) : 1;
  if (!Number.isInteger(passes) || passes < 1 || passes > 10_000) {
    throw new WorkbenchError('INVALID_OPTION', `passes must be an integer in 1..10000, got ${passes}`);
  }
  let mean: Float32Array | null = null;
  let m2: Float32Array | null = null;
  setMcDropoutActive(stochastic);
  try {
    for (let pass = 0; pass < passes; pass++) {
      if (options.signal?.aborted) throw new WorkbenchError('CANCELLED', 'the prediction was cancelled');
      const output = tf.tidy(() => {
        const result = forward(input);
        return Array.isArray(result) ? (result[0] as tf.Tensor) : result;
      });
      const values = (await output.data()) as Float32Array;
      output.dispose();
      if (!mean || !m2) {
        mean = new Float32Array(values.length);
        m2 = new Float32Array(values.length);
      }
      for (let i = 0; i < values.length; i++) {
        const delta = (values[i] as number) - (mean[i] as number);
        mean[i] = (mean[i] as number) + delta / (pass + 1);
        m2[i] = (m2[i] as number) + delta * ((values[i] as number) - (mean[i] as number));
      }
      options.onProgress?.((pass + 1) / passes);
    }
  } finally {
    setMcDropoutActive(false);
  }
  const finalMean = mean ?? new Float32Array(0);
  const sd = (m2 ?? new Float32Array(0)).map((v) => (passes > 1 ? Math.sqrt(Math.max(0, v) / (passes - 1)) : 0));
  const batch = Array.isArray(input) ? (input[0]?.shape[0] ?? 1) : (input.shape[0] ?? 1);
  return { mean: finalMean, sd, outputsPerSample: finalMean.length / batch, passes, stochastic };
}

/** Shannon entropy (nats) of a probability vector: the classifier's predictive uncertainty. */
export function entropyOf(probabilities: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}
