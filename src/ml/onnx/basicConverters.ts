/**
 * Dense, normalisation, identity-at-inference, shape and merge layers. Shape layers (Flatten,
 * Reshape, Permute, RepeatVector) and Dense work in the native (channels-last) order, so tfjs's
 * row-major flattening of `[N, H, W, C]` is reproduced exactly.
 */
import { applyConfiguredActivation } from './activations';
import { type Layout, type OnnxValue, onnxAxis } from './graphBuilder';
import {
  configBoolean,
  configInts,
  configNumber,
  findWeight,
  type LayerConverter,
  outputShape,
  produced,
  requireWeight,
  singleInput,
  unsupported,
} from './layerContext';

const asIs = (data: Float32Array, dims: readonly number[]) => ({ data, dims });

/** Dense on the last axis: Gemm for `[N, F]`, MatMul + Add for higher ranks. */
const dense: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const x = graph.toLayout(input, 'native');
  const kernel = graph.weight(requireWeight(context, 'kernel'), 'dense', asIs);
  const biasWeight = configBoolean(context, 'useBias', true) ? findWeight(context, 'bias') : undefined;
  const bias = biasWeight === undefined ? undefined : graph.weight(biasWeight, 'bias', asIs);
  const hint = context.layer.name;
  let y: string;
  if (input.shape.length === 2) {
    y = graph.op('Gemm', bias === undefined ? [x, kernel] : [x, kernel, bias], {}, hint);
  } else {
    y = graph.op('MatMul', [x, kernel], {}, bias === undefined ? hint : `${hint}_matmul`);
    if (bias !== undefined) y = graph.op('Add', [y, bias], {}, hint);
  }
  return [applyConfiguredActivation(context, produced(context, y, 'native'))];
};

/** Inference-mode BatchNormalization with the moving statistics; the channel axis must land on ONNX axis 1. */
const batchNormalization: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const [axis = -1] = configInts(context, 'axis', 1, -1);
  const rank = input.shape.length;
  const normalised = axis < 0 ? axis + rank : axis;
  const candidates: Layout[] = [input.layout, 'native', 'channelsFirst'];
  const layout = candidates.find((l) => onnxAxis({ ...input, layout: l }, normalised) === 1);
  if (layout === undefined) return unsupported(context, `axis ${axis} of a rank-${rank} input`);
  const mean = requireWeight(context, 'moving_mean');
  const channels = mean.shape[0] ?? 0;
  const hint = context.layer.name;
  const optional = (suffix: string, flag: string, fill: number) => {
    const weight = configBoolean(context, flag, true) ? findWeight(context, suffix) : undefined;
    return weight === undefined
      ? graph.float(new Float32Array(channels).fill(fill), [channels], `${hint}/${suffix}_default`)
      : graph.weight(weight, 'bn', asIs);
  };
  const inputs = [
    graph.toLayout(input, layout),
    optional('gamma', 'scale', 1),
    optional('beta', 'center', 0),
    graph.weight(mean, 'bn', asIs),
    graph.weight(requireWeight(context, 'moving_variance'), 'bn', asIs),
  ];
  const epsilon = configNumber(context, 'epsilon', 1e-3);
  return [produced(context, graph.op('BatchNormalization', inputs, { epsilon: { f: epsilon } }, hint), layout)];
};

/** LayerNormalization over the last axis (ONNX op from opset 17). */
const layerNormalization: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const axes = context.config.axis;
  const last = input.shape.length - 1;
  if (
    !(
      axes === -1 ||
      axes === last ||
      (Array.isArray(axes) && axes.length === 1 && (axes[0] === -1 || axes[0] === last))
    )
  ) {
    return unsupported(context, `axis ${JSON.stringify(axes)} (only the last axis)`);
  }
  if (graph.opset < 17) unsupported(context, `needs opset ≥ 17 (asked for ${graph.opset})`);
  const channels = input.shape[last];
  if (typeof channels !== 'number') return unsupported(context, 'unknown size of the last axis');
  const hint = context.layer.name;
  const optional = (suffix: string, flag: string, fill: number) => {
    const weight = configBoolean(context, flag, true) ? findWeight(context, suffix) : undefined;
    return weight === undefined
      ? graph.float(new Float32Array(channels).fill(fill), [channels], `${hint}/${suffix}_default`)
      : graph.weight(weight, 'layerNorm', asIs);
  };
  const inputs = [graph.toLayout(input, 'native'), optional('gamma', 'scale', 1), optional('beta', 'center', 0)];
  const attributes = { axis: { i: -1 }, epsilon: { f: configNumber(context, 'epsilon', 1e-3) } };
  return [produced(context, graph.op('LayerNormalization', inputs, attributes, hint), 'native')];
};

/** Layers that are the identity at inference (dropout and noise; MC dropout is not exported). */
const identity: LayerConverter = (context) => [singleInput(context)];

/** The workbench's VaeSampling returns μ (its first input) in predict unless sampleAtInference. */
const vaeSampling: LayerConverter = (context) => {
  if (configBoolean(context, 'sampleAtInference', false)) {
    unsupported(context, 'sampleAtInference draws random numbers in predict; export with it off (z = μ)');
  }
  const [mu] = context.inputs;
  return mu === undefined ? unsupported(context, 'expected inputs [mu, logVar]') : [mu];
};

const flatten: LayerConverter = (context) => {
  const input = singleInput(context);
  if (input.shape.length === 2) return [input];
  const { graph } = context;
  const x = graph.toLayout(input, 'native');
  return [produced(context, graph.op('Flatten', [x], { axis: { i: 1 } }, context.layer.name), 'native')];
};

const reshape: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const target = context.config.targetShape;
  if (!Array.isArray(target)) return unsupported(context, `targetShape ${JSON.stringify(target)}`);
  // 0 copies the batch size; tfjs stores the one inferred dimension as null (-1 in ONNX).
  const shape = [0, ...target.map((n) => (typeof n === 'number' ? n : -1))];
  const hint = context.layer.name;
  const y = graph.op('Reshape', [graph.toLayout(input, 'native'), graph.int64(shape, `${hint}_shape`)], {}, hint);
  return [produced(context, y, 'native')];
};

const permute: LayerConverter = (context) => {
  const input = singleInput(context);
  const dims = context.config.dims;
  if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) return unsupported(context, 'dims');
  const name = context.graph.transpose(input, [0, ...(dims as number[])], context.layer.name);
  return [produced(context, name, 'native')];
};

/** `[N, F]` → `[N, n, F]`. */
const repeatVector: LayerConverter = (context) => {
  const input = singleInput(context);
  const { graph } = context;
  const n = configNumber(context, 'n', 1);
  const hint = context.layer.name;
  const expanded = graph.op('Reshape', [input.name, graph.int64([0, 1, -1], `${hint}_shape`)], {}, `${hint}_expand`);
  return [
    produced(context, graph.op('Tile', [expanded, graph.int64([1, n, 1], `${hint}_repeats`)], {}, hint), 'native'),
  ];
};

/** All inputs in one layout: the first input's (so a chain of convs keeps channels-first). */
function alignInputs(inputs: readonly OnnxValue[], toLayout: (v: OnnxValue, l: Layout) => string) {
  const first = inputs[0];
  if (first === undefined || inputs.some((v) => v.shape.length !== first.shape.length)) return undefined;
  return { layout: first.layout, names: inputs.map((v) => toLayout(v, first.layout)), first };
}

function merge(opType: string, mode: 'variadic' | 'pairwise'): LayerConverter {
  return (context) => {
    const { graph } = context;
    const aligned = alignInputs(context.inputs, (v, l) => graph.toLayout(v, l));
    if (aligned === undefined) return unsupported(context, 'inputs of different ranks');
    const { names, layout } = aligned;
    let y: string;
    if (mode === 'pairwise') {
      y = names.reduce((a, b, k) =>
        graph.op(opType, [a, b], {}, `${context.layer.name}${k === names.length - 1 ? '' : `_${k}`}`),
      );
    } else {
      y = graph.op(opType, names, {}, context.layer.name);
    }
    return [produced(context, y, layout)];
  };
}

const concatenate: LayerConverter = (context) => {
  const { graph } = context;
  const aligned = alignInputs(context.inputs, (v, l) => graph.toLayout(v, l));
  if (aligned === undefined) return unsupported(context, 'inputs of different ranks');
  const axis = onnxAxis({ ...aligned.first, layout: aligned.layout }, configNumber(context, 'axis', -1));
  const y = graph.op('Concat', aligned.names, { axis: { i: axis } }, context.layer.name);
  return [{ name: y, layout: aligned.layout, shape: outputShape(context) }];
};

export const basicConverters: Readonly<Record<string, LayerConverter>> = {
  Dense: dense,
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  Dropout: identity,
  SpatialDropout1D: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  AlphaDropout: identity,
  McDropout: identity,
  VaeSampling: vaeSampling,
  Flatten: flatten,
  Reshape: reshape,
  Permute: permute,
  RepeatVector: repeatVector,
  Add: merge('Sum', 'variadic'),
  Average: merge('Mean', 'variadic'),
  Maximum: merge('Max', 'variadic'),
  Minimum: merge('Min', 'variadic'),
  Multiply: merge('Mul', 'pairwise'),
  Concatenate: concatenate,
};
