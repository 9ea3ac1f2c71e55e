/**
 * The weights and options of an LSTM or GRU layer as `compileForInference` runs it
 * (recurrentSequence.ts): the layer's configuration checked against what the fast paths cover,
 * and its weights copied with every gate padded to a multiple of 4 units (the f32x4 width of
 * recurrentGatesWasm.ts).
 *
 * Padding is exact: a padded unit has zero weights in and out, so its pre-activations are 0, every
 * gate is σ(0) = 0.5, tanh(0) = 0 keeps its c and h at 0 (LSTM: c' = 0.5·0 + 0.5·0; GRU:
 * h' = 0.5·0 + 0.5·tanh(0)), and its zero row of U adds nothing to the real units.
 */
import * as tf from '@tensorflow/tfjs';

/** A recurrent layer ready to run; its tensors live until `dispose()`. */
export interface RecurrentPlan {
  readonly cell: 'lstm' | 'gru';
  /** Units u of the layer. */
  readonly units: number;
  /** u rounded up to a multiple of 4: the width of every gate in the weights below. */
  readonly padded: number;
  /** Recurrent activation: tfjs's hardSigmoid (true) or sigmoid. */
  readonly hard: boolean;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  /** Input kernel `[F, G·padded]`, gates in tfjs's order (LSTM i, f, c, o; GRU z, r, h). */
  readonly kernel: tf.Tensor2D;
  /** Bias `[G·padded]`, or undefined (useBias false). */
  readonly bias: tf.Tensor1D | undefined;
  /**
   * Recurrent kernel, `[padded, G·padded]` as one matrix (LSTM), or for GRU the z/r part
   * `[padded, 2·padded]` and the h part `[padded, padded]` (tfjs multiplies r·h by the latter).
   */
  readonly recurrent: readonly tf.Tensor2D[];
  dispose(): void;
}

/** The recurrent activations covered: tfjs's hardSigmoid (the Keras default) and sigmoid. */
const recurrentActivations = ['hardSigmoid', 'sigmoid'];

type Config = tf.serialization.ConfigDict;

function weightValues(layer: tf.layers.Layer, suffix: string): Float32Array | undefined {
  const weight = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  return weight === undefined ? undefined : Float32Array.from(weight.read().dataSync() as Float32Array);
}

/**
 * `values` as `[rows, gates·units]` copied into `[paddedRows, gates·padded]`: gate g, unit j goes to
 * column g·padded + j; the added rows and columns are 0.
 */
export function padGates(
  values: Float32Array,
  shape: { rows: number; gates: number; units: number },
  padded: number,
  paddedRows: number,
): Float32Array {
  const { rows, gates, units } = shape;
  const out = new Float32Array(paddedRows * gates * padded);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < gates; g++) {
      const from = r * gates * units + g * units;
      out.set(values.subarray(from, from + units), r * gates * padded + g * padded);
    }
  }
  return out;
}

/** Columns [first, first + count) of a row-major `[rows, columns]` matrix. */
function columns(values: Float32Array, rows: number, total: number, first: number, count: number): Float32Array {
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * total + first, r * total + first + count), r * count);
  return out;
}

/**
 * The plan of an LSTM or GRU layer applied to one `[N, T, F]` input, or undefined when the layer has
 * options it does not cover (returnState, stateful, activations other than tanh with
 * hardSigmoid/sigmoid, initial states passed as inputs, GRU resetAfter). Reads the weights with `dataSync`.
 */
export function recurrentPlan(
  layer: tf.layers.Layer,
  className: string,
  inputCount: number,
  inputRank: number,
): RecurrentPlan | undefined {
  const cell = className === 'LSTM' ? 'lstm' : className === 'GRU' ? 'gru' : undefined;
  const config: Config = layer.getConfig();
  const activation = String(config.recurrentActivation);
  const supported =
    cell !== undefined &&
    config.activation === 'tanh' &&
    recurrentActivations.includes(activation) &&
    config.returnState !== true &&
    config.stateful !== true &&
    config.resetAfter !== true &&
    inputCount === 1 &&
    inputRank === 3;
  const kernel = weightValues(layer, 'kernel');
  const recurrent = weightValues(layer, 'recurrent_kernel');
  if (!supported || kernel === undefined || recurrent === undefined) return undefined;
  const units = config.units as number;
  const gates = cell === 'lstm' ? 4 : 3;
  const features = kernel.length / (gates * units);
  const padded = Math.ceil(units / 4) * 4;
  const bias = config.useBias === false ? undefined : weightValues(layer, 'bias');
  const u = padGates(recurrent, { rows: units, gates, units }, padded, padded);
  const tensors = {
    kernel: tf.keep(
      tf.tensor2d(padGates(kernel, { rows: features, gates, units }, padded, features), [features, gates * padded]),
    ),
    bias: bias === undefined ? undefined : tf.keep(tf.tensor1d(padGates(bias, { rows: 1, gates, units }, padded, 1))),
    recurrent:
      cell === 'lstm'
        ? [tf.keep(tf.tensor2d(u, [padded, gates * padded]))]
        : [
            tf.keep(tf.tensor2d(columns(u, padded, 3 * padded, 0, 2 * padded), [padded, 2 * padded])),
            tf.keep(tf.tensor2d(columns(u, padded, 3 * padded, 2 * padded, padded), [padded, padded])),
          ],
  };
  return {
    cell,
    units,
    padded,
    hard: activation === 'hardSigmoid',
    returnSequences: config.returnSequences === true,
    goBackwards: config.goBackwards === true,
    ...tensors,
    dispose: () => {
      tf.dispose([tensors.kernel, ...tensors.recurrent]);
      if (tensors.bias !== undefined) tensors.bias.dispose();
    },
  };
}
