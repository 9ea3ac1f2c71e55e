/**
 * LSTM and GRU layers in `compileForInference`. Per call, on the active backend:
 * - wasm: the whole sequence in one pass over the backend's memory — XNNPACK matrix products and
 *   SIMD gates, no tfjs kernel per step (wasmRecurrence.ts);
 * - cpu, or wasm where those kernels cannot load: LSTM with its gates in JavaScript
 *   (lstmSequence.ts); GRU as the layer;
 * - other backends (webgl, webgpu): the layer as `predict` runs it.
 *
 * Every path gives the layer's `predict` output (zero initial states, dropout inactive at
 * inference) within float rounding; the compiled steps are labelled `LSTM(sequence)` and
 * `GRU(sequence)`.
 */
import * as tf from '@tensorflow/tfjs';
import { runLstmJs } from './lstmSequence';
import { recurrentPlan } from './recurrentPlan';
import { recurrentKernels, runWasmRecurrent } from './wasmRecurrence';

export interface RecurrentOp {
  readonly label: string;
  run(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/**
 * The compiled form of an LSTM or GRU layer applied to one `[N, T, F]` input, or undefined when the
 * layer has options the fast paths do not cover (see `recurrentPlan`); then it runs as a layer.
 */
export function compileRecurrent(
  layer: tf.layers.Layer,
  className: string,
  inputCount: number,
  inputRank: number,
): RecurrentOp | undefined {
  const plan = recurrentPlan(layer, className, inputCount, inputRank);
  if (plan === undefined) return undefined;
  const run = (x: tf.Tensor): tf.Tensor => {
    const kernels = x.dtype === 'float32' ? recurrentKernels() : undefined;
    const fast = kernels === undefined ? undefined : runWasmRecurrent(kernels, plan, x);
    if (fast !== undefined) return fast;
    const backend = tf.getBackend();
    if (plan.cell === 'lstm' && (backend === 'cpu' || backend === 'wasm')) return runLstmJs(plan, x);
    return layer.apply(x) as tf.Tensor;
  };
  return { label: `${className}(sequence)`, run, dispose: () => plan.dispose() };
}
