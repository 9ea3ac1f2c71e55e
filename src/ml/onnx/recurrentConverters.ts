/**
 * LSTM, GRU and SimpleRNN → the ONNX LSTM / GRU / RNN operators (layout 0: `[L, N, F]`, since
 * onnxruntime's CPU kernels refuse the batch-first layout 1).
 *
 * Weights: tfjs keeps `kernel [F, G·u]`, `recurrent_kernel [u, G·u]`, `bias [G·u]` with gate blocks
 * LSTM i,f,c,o and GRU z,r,h; ONNX wants `W [1, G·u, F]`, `R [1, G·u, u]`, `B [1, 2·G·u]` (input
 * bias then recurrent bias, which is zero here) with gate blocks LSTM i,o,f,c and GRU z,r,h.
 * tfjs GRU is the reset-before variant (it throws on `resetAfter: true`), which is ONNX's
 * `linear_before_reset = 0`. Activation defaults (ONNX HardSigmoid α = 0.2, β = 0.5; Elu α = 1;
 * Affine α = 1, β = 0) equal tfjs's, so no activation_alpha/beta lists are written.
 */
import type { OnnxValue } from './graphBuilder';
import {
  configBoolean,
  configNumber,
  configString,
  findWeight,
  type LayerContext,
  type LayerConverter,
  produced,
  requireWeight,
  singleInput,
  unsupported,
} from './layerContext';

interface RecurrentKind {
  readonly opType: 'LSTM' | 'GRU' | 'RNN';
  /** ONNX gate block g takes tfjs gate block `gateOrder[g]`. */
  readonly gateOrder: readonly number[];
  /** ONNX outputs after Y: Y_h (and Y_c for LSTM). */
  readonly stateCount: number;
  readonly activations: (recurrent: string, activation: string) => string[];
}

const kinds: Readonly<Record<string, RecurrentKind>> = {
  LSTM: { opType: 'LSTM', gateOrder: [0, 3, 1, 2], stateCount: 2, activations: (r, a) => [r, a, a] },
  GRU: { opType: 'GRU', gateOrder: [0, 1, 2], stateCount: 1, activations: (r, a) => [r, a] },
  SimpleRNN: { opType: 'RNN', gateOrder: [0], stateCount: 1, activations: (_r, a) => [a] },
};

/** tfjs activation → the name ONNX RNN operators use in `activations`. */
const onnxRnnActivations: Readonly<Record<string, string>> = {
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  hardSigmoid: 'HardSigmoid',
  relu: 'Relu',
  linear: 'Affine',
  softsign: 'Softsign',
  softplus: 'Softplus',
  elu: 'Elu',
};

/** `[rows, G·u]` with tfjs gate blocks → `[1, G·u, rows]` with ONNX gate blocks. */
function gateMatrix(gateOrder: readonly number[], units: number) {
  return (data: Float32Array, shape: readonly number[]) => {
    const rows = shape[0] ?? 0;
    const columns = gateOrder.length * units;
    const out = new Float32Array(data.length);
    gateOrder.forEach((tfGate, g) => {
      for (let j = 0; j < units; j++) {
        for (let k = 0; k < rows; k++) out[(g * units + j) * rows + k] = data[k * columns + tfGate * units + j] ?? 0;
      }
    });
    return { data: out, dims: [1, columns, rows] };
  };
}

/** `[G·u]` → `[1, 2·G·u]`: the reordered input bias, then a zero recurrent bias. */
function gateBias(gateOrder: readonly number[], units: number) {
  return (data: Float32Array) => {
    const out = new Float32Array(2 * gateOrder.length * units);
    gateOrder.forEach((tfGate, g) => {
      out.set(data.subarray(tfGate * units, (tfGate + 1) * units), g * units);
    });
    return { data: out, dims: [1, out.length] };
  };
}

function activationName(context: LayerContext, key: string, fallback: string): string {
  const name = configString(context, key, fallback);
  return onnxRnnActivations[name] ?? unsupported(context, `${key} '${name}' inside a recurrent layer`);
}

function recurrent(kind: RecurrentKind): LayerConverter {
  return (context) => {
    const input = singleInput(context);
    const { graph } = context;
    if (configBoolean(context, 'stateful', false)) unsupported(context, 'stateful');
    if (configBoolean(context, 'resetAfter', false)) unsupported(context, 'resetAfter (ONNX linear_before_reset)');
    if (input.shape.length !== 3) unsupported(context, `input of rank ${input.shape.length}`);
    const units = configNumber(context, 'units', 0);
    const returnSequences = configBoolean(context, 'returnSequences', false);
    const returnState = configBoolean(context, 'returnState', false);
    const goBackwards = configBoolean(context, 'goBackwards', false);
    const hint = context.layer.name;
    const weights = gateMatrix(kind.gateOrder, units);
    const bias = configBoolean(context, 'useBias', true) ? findWeight(context, 'bias') : undefined;
    const inputs = [
      graph.transpose(input, [1, 0, 2], `${hint}_timeMajor`),
      graph.weight(requireWeight(context, 'kernel'), 'rnn', weights),
      graph.weight(requireWeight(context, 'recurrent_kernel'), 'rnn', weights),
      ...(bias === undefined ? [] : [graph.weight(bias, 'rnn', gateBias(kind.gateOrder, units))]),
    ];
    const attributes = {
      hidden_size: { i: units },
      direction: { s: goBackwards ? 'reverse' : 'forward' },
      activations: {
        strings: kind.activations(
          activationName(context, 'recurrentActivation', 'hardSigmoid'),
          activationName(context, 'activation', 'tanh'),
        ),
      },
    };
    const [y = '', ...states] = graph.node(
      kind.opType,
      inputs,
      attributes,
      `${hint}_${kind.opType}`,
      1 + kind.stateCount,
    );
    const lastTwo = (name: string, k: number) =>
      graph.op('Reshape', [name, graph.int64([-1, units], `${hint}_shape`)], {}, k === 0 ? hint : `${hint}_state`);
    let output: OnnxValue;
    if (returnSequences) {
      // Y [L, 1, N, u] → [N, L, 1, u] → [N, L, u].
      const batchMajor = graph.op('Transpose', [y], { perm: { ints: [2, 0, 1, 3] } }, `${hint}_batchMajor`);
      let sequence = graph.op('Reshape', [batchMajor, graph.int64([0, 0, units], `${hint}_shape`)], {}, hint);
      // tfjs returns a backwards pass in processing order (last time step first); ONNX in time order.
      if (goBackwards) sequence = reverseTime(context, sequence);
      output = produced(context, sequence, 'native');
    } else {
      output = produced(context, lastTwo(states[0] ?? '', 0), 'native');
    }
    if (!returnState) return [output];
    return [output, ...states.map((state, k) => produced(context, lastTwo(state, k + 1), 'native', k + 1))];
  };
}

/** Reverses axis 1 of `[N, L, u]` with a step −1 Slice (works for a dynamic L). */
function reverseTime(context: LayerContext, name: string): string {
  const { graph } = context;
  const hint = context.layer.name;
  const inputs = [
    name,
    graph.int64([-1], `${hint}_starts`),
    graph.int64([-Number.MAX_SAFE_INTEGER], `${hint}_ends`),
    graph.int64([1], `${hint}_axes`),
    graph.int64([-1], `${hint}_steps`),
  ];
  return graph.op('Slice', inputs, {}, `${hint}_reversed`);
}

export const recurrentConverters: Readonly<Record<string, LayerConverter>> = Object.fromEntries(
  Object.entries(kinds).map(([className, kind]) => [className, recurrent(kind)]),
);
