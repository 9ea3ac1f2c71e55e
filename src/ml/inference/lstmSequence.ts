/**
 * An LSTM layer in JavaScript for `compileForInference` on the cpu backend, and on wasm where the
 * SIMD gate kernels cannot load (wasmRecurrence.ts). The input projection of all steps is one
 * matrix product (x·W + b for every step at once); each step then runs one matrix product h·U on
 * the backend and the gates in JavaScript on the (small) `[N, 4u]` result, reading it back
 * synchronously — cheap on cpu and wasm, where the data already lives in this thread.
 *
 * Same maths as tfjs's LSTMCell: gates i, f, c, o in that order, c' = f·c + i·tanh(z_c),
 * h' = o·tanh(c'), with the layer's recurrent activation (hardSigmoid: clip(0.2·z + 0.5, 0, 1), or
 * sigmoid); zero initial states; dropout is inactive at inference.
 */
import * as tf from '@tensorflow/tfjs';
import type { RecurrentPlan } from './recurrentPlan';

interface StepShape {
  readonly n: number;
  readonly steps: number;
  /** Time index of this step in the input. */
  readonly t: number;
  readonly units: number;
  /** hardSigmoid (true) or sigmoid. */
  readonly hard: boolean;
}

/**
 * One step of the cell for every sample, in place on c and h: z = x·W + b (row t of `xw`) + h·U
 * (`hu`, absent while h = 0), gates i, f, c, o. One plain loop without closures: it is the hot path.
 */
function stepGates(
  xw: Float32Array,
  hu: Float32Array | undefined,
  c: Float32Array,
  h: Float32Array,
  shape: StepShape,
): void {
  const { n, steps, t, units, hard } = shape;
  const width = 4 * units;
  for (let s = 0; s < n; s++) {
    const row = (s * steps + t) * width;
    const recurrentRow = s * width;
    for (let j = 0; j < units; j++) {
      let zi = xw[row + j] as number;
      let zf = xw[row + units + j] as number;
      let zc = xw[row + 2 * units + j] as number;
      let zo = xw[row + 3 * units + j] as number;
      if (hu !== undefined) {
        zi += hu[recurrentRow + j] as number;
        zf += hu[recurrentRow + units + j] as number;
        zc += hu[recurrentRow + 2 * units + j] as number;
        zo += hu[recurrentRow + 3 * units + j] as number;
      }
      const i = hard ? Math.min(1, Math.max(0, 0.2 * zi + 0.5)) : 1 / (1 + Math.exp(-zi));
      const f = hard ? Math.min(1, Math.max(0, 0.2 * zf + 0.5)) : 1 / (1 + Math.exp(-zf));
      const o = hard ? Math.min(1, Math.max(0, 0.2 * zo + 0.5)) : 1 / (1 + Math.exp(-zo));
      const cell = s * units + j;
      c[cell] = f * (c[cell] as number) + i * Math.tanh(zc);
      h[cell] = o * Math.tanh(c[cell] as number);
    }
  }
}

/**
 * Runs the LSTM of `plan` on `x` `[N, T, F]`; returns `[N, T, u]` or `[N, u]` (the caller owns it).
 * Works on the padded weights and drops the padded units at the end.
 */
export function runLstmJs(plan: RecurrentPlan, x: tf.Tensor): tf.Tensor {
  const [n, steps, features] = x.shape as [number, number, number];
  const { padded: units, hard, returnSequences, goBackwards } = plan;
  const u = plan.recurrent[0] as tf.Tensor2D;
  // x·W + b for every step: [N·T, 4u], row (s, t) at (s·T + t)·4u.
  const projected = tf.tidy(() =>
    tf.fused.matMul({
      a: tf.reshape(x, [n * steps, features]),
      b: plan.kernel,
      ...(plan.bias === undefined ? {} : { bias: plan.bias }),
    }),
  );
  const xw = projected.dataSync() as Float32Array;
  projected.dispose();
  const h = new Float32Array(n * units);
  const c = new Float32Array(n * units);
  const sequence = returnSequences ? new Float32Array(n * steps * units) : undefined;
  for (let k = 0; k < steps; k++) {
    const t = goBackwards ? steps - 1 - k : k;
    // h·U (zero at the first step, when h = 0).
    const hu = k === 0 ? undefined : recurrentProduct(h, n, units, u);
    stepGates(xw, hu, c, h, { n, steps, t, units, hard });
    if (sequence !== undefined) {
      for (let s = 0; s < n; s++) sequence.set(h.subarray(s * units, (s + 1) * units), (s * steps + k) * units);
    }
  }
  const rows = sequence === undefined ? n : n * steps;
  const values = unpad(sequence ?? h, rows, units, plan.units);
  return sequence === undefined ? tf.tensor2d(values, [n, plan.units]) : tf.tensor3d(values, [n, steps, plan.units]);
}

/** Rows of `padded` values cut to their first `units`. */
function unpad(values: Float32Array, rows: number, padded: number, units: number): Float32Array {
  if (padded === units) return values;
  const out = new Float32Array(rows * units);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * padded, r * padded + units), r * units);
  return out;
}

/** h·U on the backend, read back: `[N, 4u]` row-major. */
function recurrentProduct(h: Float32Array, n: number, units: number, u: tf.Tensor2D): Float32Array {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(h, [n, units]), u));
  const values = product.dataSync() as Float32Array;
  product.dispose();
  return values;
}
