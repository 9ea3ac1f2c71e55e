/**
 * tfjs activations (the `activation` option of Dense/Conv and the Activation layer) and the
 * activation layers (LeakyReLU, ReLU, ELU, Softmax, ThresholdedReLU, PReLU) as ONNX nodes.
 * Element-wise activations keep the layout of their input; softmax's axis is remapped.
 */
import { type OnnxValue, onnxAxis } from './graphBuilder';
import {
  configInts,
  configNumber,
  configString,
  type LayerContext,
  type LayerConverter,
  outputShape,
  requireWeight,
  singleInput,
  unsupported,
} from './layerContext';

/** SELU constants as tfjs-core uses them (Klambauer et al. 2017, arXiv:1706.02515). */
const seluAlpha = 1.6732632423543772;
const seluScale = 1.0507009873554805;

/** Applies the tfjs activation `name` (e.g. `relu`, `softmax`) to `value`. */
export function applyActivation(context: LayerContext, value: OnnxValue, name: string): OnnxValue {
  const { graph } = context;
  const hint = `${context.layer.name}_${name}`;
  const unary = (opType: string, input = value.name, attributes = {}) => graph.op(opType, [input], attributes, hint);
  const scalar = (v: number) => graph.float(new Float32Array([v]), [], `${hint}_const`);
  const mul = (a: string, b: string) => graph.op('Mul', [a, b], {}, hint);
  const out = (outputName: string): OnnxValue => ({ ...value, name: outputName });
  switch (name) {
    case 'linear':
      return value;
    case 'relu':
      return out(unary('Relu'));
    case 'relu6':
      return out(graph.op('Clip', [value.name, scalar(0), scalar(6)], {}, hint));
    case 'sigmoid':
      return out(unary('Sigmoid'));
    case 'hardSigmoid':
      return out(unary('HardSigmoid', value.name, { alpha: { f: 0.2 }, beta: { f: 0.5 } }));
    case 'tanh':
      return out(unary('Tanh'));
    case 'softplus':
      return out(unary('Softplus'));
    case 'softsign':
      return out(unary('Softsign'));
    case 'elu':
      return out(unary('Elu', value.name, { alpha: { f: 1 } }));
    case 'selu':
      return out(unary('Selu', value.name, { alpha: { f: seluAlpha }, gamma: { f: seluScale } }));
    case 'softmax':
      return out(unary('Softmax', value.name, { axis: { i: onnxAxis(value, -1) } }));
    case 'logSoftmax':
      return out(unary('LogSoftmax', value.name, { axis: { i: onnxAxis(value, -1) } }));
    case 'swish':
      return out(mul(value.name, unary('Sigmoid')));
    case 'mish':
      return out(mul(value.name, unary('Tanh', unary('Softplus'))));
    case 'gelu': {
      // x · ½(1 + erf(x/√2)), as tfjs-layers computes it.
      const erf = unary('Erf', graph.op('Div', [value.name, scalar(Math.SQRT2)], {}, hint));
      return out(mul(value.name, mul(scalar(0.5), graph.op('Add', [erf, scalar(1)], {}, hint))));
    }
    case 'gelu_new': {
      // ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
      const cube = mul(value.name, mul(value.name, value.name));
      const inner = graph.op('Add', [value.name, mul(scalar(0.044715), cube)], {}, hint);
      const tanh = unary('Tanh', mul(scalar(Math.sqrt(2 / Math.PI)), inner));
      return out(mul(scalar(0.5), mul(value.name, graph.op('Add', [tanh, scalar(1)], {}, hint))));
    }
    default:
      return unsupported(context, `activation '${name}'`);
  }
}

/** The `activation` option of Dense/Conv layers (default linear). */
export function applyConfiguredActivation(context: LayerContext, value: OnnxValue): OnnxValue {
  return applyActivation(context, value, configString(context, 'activation', 'linear'));
}

const activationLayer: LayerConverter = (context) => [applyConfiguredActivation(context, singleInput(context))];

const leakyReLU: LayerConverter = (context) => {
  const input = singleInput(context);
  const alpha = configNumber(context, 'alpha', 0.3);
  return [{ ...input, name: context.graph.op('LeakyRelu', [input.name], { alpha: { f: alpha } }, context.layer.name) }];
};

const reLU: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const maxValue = context.config.maxValue;
  if (maxValue === undefined || maxValue === null) return [applyActivation(context, input, 'relu')];
  if (typeof maxValue !== 'number') return unsupported(context, `maxValue ${JSON.stringify(maxValue)}`);
  const bound = (v: number) => graph.float(new Float32Array([v]), [], `${context.layer.name}_const`);
  return [{ ...input, name: graph.op('Clip', [input.name, bound(0), bound(maxValue)], {}, context.layer.name) }];
};

const elu: LayerConverter = (context) => {
  const input = singleInput(context);
  const alpha = configNumber(context, 'alpha', 1);
  return [{ ...input, name: context.graph.op('Elu', [input.name], { alpha: { f: alpha } }, context.layer.name) }];
};

const thresholdedReLU: LayerConverter = (context) => {
  const input = singleInput(context);
  const theta = configNumber(context, 'theta', 1);
  const name = context.graph.op('ThresholdedRelu', [input.name], { alpha: { f: theta } }, context.layer.name);
  return [{ ...input, name }];
};

const softmax: LayerConverter = (context) => {
  const input = singleInput(context);
  const [axis] = configInts(context, 'axis', 1, 1); // tfjs's Softmax layer defaults to axis 1
  const attributes = { axis: { i: onnxAxis(input, axis ?? 1) } };
  return [{ ...input, name: context.graph.op('Softmax', [input.name], attributes, context.layer.name) }];
};

/** PReLU with a learned slope of shape `input.shape[1:]` (broadcast over shared axes): native layout. */
const pReLU: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const x = graph.toLayout(input, 'native');
  const slope = graph.weight(requireWeight(context, 'alpha'), 'prelu', (data, dims) => ({ data, dims }));
  return [
    { name: graph.op('PRelu', [x, slope], {}, context.layer.name), layout: 'native', shape: outputShape(context) },
  ];
};

export const activationConverters: Readonly<Record<string, LayerConverter>> = {
  Activation: activationLayer,
  LeakyReLU: leakyReLU,
  ReLU: reLU,
  ELU: elu,
  ThresholdedReLU: thresholdedReLU,
  Softmax: softmax,
  PReLU: pReLU,
};
