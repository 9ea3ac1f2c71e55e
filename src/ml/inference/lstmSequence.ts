/**
 * An LSTM layer for `compileForInference` on the cpu and wasm backends. tfjs runs an LSTM one time
 * step at a time with about 25 kernels per step (matMuls, split, activations, products), so that a
 * 64-step sequence costs some 1700 kernel calls and is about 30x slower than onnxruntime's single
 * LSTM kernel at batch 1 (BENCHMARKS.md). Here the input projection of all steps is one matrix product
 * (x·W + b for every step at once); each step then runs one matrix product h·U on the backend and
 * the gates in JavaScript on the (small) `[N, 4u]` result, reading it back synchronously — cheap on
 * cpu and wasm, where the data already lives in this thread. Other backends run the layer as is.
 *
 * Same maths as tfjs's LSTMCell: gates i, f, c, o in that order, c' = f·c + i·tanh(z_c),
 * h' = o·tanh(c'), with the layer's recurrent activation (hardSigmoid: clip(0.2·z + 0.5, 0, 1), or
 * sigmoid); zero initial states; dropout is inactive at inference.
 */
import * as tf from '@tensorflow/tfjs';

export interface LstmOp {
  run(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** The recurrent activations covered: tfjs's hardSigmoid (the Keras default) and sigmoid. */
const recurrentActivations = ['hardSigmoid', 'sigmoid'];

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

type Config = tf.serialization.ConfigDict;

function weight(layer: tf.layers.Layer, suffix: string): tf.Tensor | undefined {
  return layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`))?.read();
}

/**
 * The fast form of an LSTM layer applied to `[N, T, F]`, or undefined when the layer has options it
 * does not cover (returnState, other activations, initial states passed as inputs).
 */
export function compileLstm(layer: tf.layers.Layer, inputCount: number, inputRank: number): LstmOp | undefined {
  const config: Config = layer.getConfig();
  const activation = String(config.recurrentActivation);
  const hard = activation === 'hardSigmoid';
  const kernel = weight(layer, 'kernel');
  const recurrent = weight(layer, 'recurrent_kernel');
  const bias = config.useBias === false ? undefined : weight(layer, 'bias');
  const supported = config.activation === 'tanh' && config.returnState !== true && inputCount === 1 && inputRank === 3;
  if (!supported || !recurrentActivations.includes(activation) || kernel === undefined || recurrent === undefined) {
    return undefined;
  }
  const units = config.units as number;
  const returnSequences = config.returnSequences === true;
  const goBackwards = config.goBackwards === true;
  // Own copies: the compiled plan must not depend on the layer's variables being kept as they are.
  const w = tf.keep(tf.clone(kernel));
  const u = tf.keep(tf.clone(recurrent));
  const b = bias === undefined ? undefined : tf.keep(tf.clone(bias));

  const run = (x: tf.Tensor): tf.Tensor => {
    const backend = tf.getBackend();
    if (backend !== 'cpu' && backend !== 'wasm') return layer.apply(x) as tf.Tensor;
    const [n, steps, features] = x.shape as [number, number, number];
    // x·W + b for every step: [N·T, 4u], row (s, t) at (s·T + t)·4u.
    const projected = tf.tidy(() =>
      tf.fused.matMul({
        a: tf.reshape(x, [n * steps, features]),
        b: w as tf.Tensor2D,
        ...(b === undefined ? {} : { bias: b }),
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
    return sequence === undefined ? tf.tensor2d(h, [n, units]) : tf.tensor3d(sequence, [n, steps, units]);
  };
  return { run, dispose: () => tf.dispose(b === undefined ? [w, u] : [w, u, b]) };
}

/** h·U on the backend, read back: `[N, 4u]` row-major. */
function recurrentProduct(h: Float32Array, n: number, units: number, u: tf.Tensor): Float32Array {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(h, [n, units]), u as tf.Tensor2D));
  const values = product.dataSync() as Float32Array;
  product.dispose();
  return values;
}
