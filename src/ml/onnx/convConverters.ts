/**
 * Convolutions: Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D → ONNX Conv /
 * ConvTranspose on channels-first values. Kernels are rearranged from tfjs's channels-last
 * (`[…k, in, out]`) to ONNX's `[out, in, …k]` once, at export.
 */

import { applyConfiguredActivation } from './activations';
import { type OnnxValue, transposeArray } from './graphBuilder';
import {
  configBoolean,
  configInts,
  configString,
  findWeight,
  type LayerContext,
  type LayerConverter,
  produced,
  requireChannelsLast,
  requireWeight,
  singleInput,
  unsupported,
} from './layerContext';
import type { Attributes } from './onnxProto';

/**
 * ONNX padding attributes for tfjs `padding` over the spatial dims (sizes from the tfjs input
 * shape, `null` where dynamic). `same` follows TensorFlow: total = max((⌈n/s⌉−1)·s + (k−1)·d + 1 − n, 0),
 * the odd pixel at the end. With stride 1 that is (k−1)·d for any n; with a larger stride and a
 * dynamic size it becomes `auto_pad: SAME_UPPER`, which ONNX defines the same way.
 */
export function paddingAttributes(
  context: LayerContext,
  padding: string,
  sizes: readonly (number | null)[],
  kernel: readonly number[],
  strides: readonly number[],
  dilations: readonly number[],
): Attributes {
  const begins: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < kernel.length; i++) {
    const k = kernel[i] ?? 1;
    const s = strides[i] ?? 1;
    const effective = ((dilations[i] ?? 1) - 1) * (k - 1) + k;
    const n = sizes[i] ?? null;
    let total: number;
    // 'causal' is refused too: tfjs 4.22 accepts it in the config but throws NotImplementedError in call().
    if (padding === 'valid') total = 0;
    else if (padding !== 'same') return unsupported(context, `padding '${padding}'`);
    else if (s === 1) total = effective - 1;
    else if (n === null) return { auto_pad: { s: 'SAME_UPPER' } };
    else total = Math.max((Math.ceil(n / s) - 1) * s + effective - n, 0);
    begins.push(Math.floor(total / 2));
    ends.push(total - Math.floor(total / 2));
  }
  return { pads: { ints: [...begins, ...ends] } };
}

/** Spatial sizes of a channels-last tfjs shape `[N, …spatial, C]`. */
export function spatialSizes(value: OnnxValue): (number | null)[] {
  return value.shape.slice(1, -1).map((n) => n ?? null);
}

/** `[…k, in, out]` (tfjs) → `[out, in, …k]` (ONNX). */
function convKernel(data: Float32Array, shape: readonly number[]) {
  const n = shape.length - 2;
  return transposeArray(data, shape, [n + 1, n, ...Array.from({ length: n }, (_, i) => i)]);
}

function biasInput(context: LayerContext): string[] {
  const bias = configBoolean(context, 'useBias', true) ? findWeight(context, 'bias') : undefined;
  return bias === undefined ? [] : [context.graph.weight(bias, 'bias', (data, dims) => ({ data, dims }))];
}

function convolution(spatialRank: 1 | 2): LayerConverter {
  return (context) => {
    requireChannelsLast(context);
    const input = singleInput(context);
    const { graph } = context;
    const kernel = configInts(context, 'kernelSize', spatialRank);
    const strides = configInts(context, 'strides', spatialRank, 1);
    const dilations = configInts(context, 'dilationRate', spatialRank, 1);
    const padding = configString(context, 'padding', 'valid');
    const weights = graph.weight(requireWeight(context, 'kernel'), 'conv', convKernel);
    const attributes: Attributes = {
      kernel_shape: { ints: kernel },
      strides: { ints: strides },
      dilations: { ints: dilations },
      ...paddingAttributes(context, padding, spatialSizes(input), kernel, strides, dilations),
    };
    const x = graph.toLayout(input, 'channelsFirst');
    const y = graph.op('Conv', [x, weights, ...biasInput(context)], attributes, context.layer.name);
    return [applyConfiguredActivation(context, produced(context, y, 'channelsFirst'))];
  };
}

/**
 * Conv2DTranspose. tfjs output size: `same` n·s, `valid` n·s + max(k − s, 0). ONNX:
 * s·(n−1) + output_padding + k − pads, so pads = max(k − s, 0) split like `same` of the forward
 * convolution (⌊·/2⌋ first) and output_padding = max(s − k, 0) (positions only the bias reaches).
 */
const conv2dTranspose: LayerConverter = (context) => {
  requireChannelsLast(context);
  const input = singleInput(context);
  const { graph } = context;
  const kernel = configInts(context, 'kernelSize', 2);
  const strides = configInts(context, 'strides', 2, 1);
  const dilations = configInts(context, 'dilationRate', 2, 1);
  if (dilations.some((d) => d !== 1)) unsupported(context, 'dilation with a transposed convolution');
  const padding = configString(context, 'padding', 'valid');
  if (padding !== 'same' && padding !== 'valid') unsupported(context, `padding '${padding}'`);
  const begins: number[] = [];
  const ends: number[] = [];
  const outputPadding: number[] = [];
  kernel.forEach((k, i) => {
    const s = strides[i] ?? 1;
    const total = padding === 'same' ? Math.max(k - s, 0) : 0;
    begins.push(Math.floor(total / 2));
    ends.push(total - Math.floor(total / 2));
    outputPadding.push(Math.max(s - k, 0));
  });
  // tfjs kernel [kh, kw, out, in] → ONNX ConvTranspose [in, out, kh, kw].
  const weights = graph.weight(requireWeight(context, 'kernel'), 'convTranspose', (data, shape) =>
    transposeArray(data, shape, [3, 2, 0, 1]),
  );
  const attributes: Attributes = {
    kernel_shape: { ints: kernel },
    strides: { ints: strides },
    pads: { ints: [...begins, ...ends] },
    output_padding: { ints: outputPadding },
  };
  const x = graph.toLayout(input, 'channelsFirst');
  const y = graph.op('ConvTranspose', [x, weights, ...biasInput(context)], attributes, context.layer.name);
  return [applyConfiguredActivation(context, produced(context, y, 'channelsFirst'))];
};

/** tfjs depthwise kernel `[kh, kw, in, m]` → ONNX grouped Conv weights `[in·m, 1, kh, kw]`. */
function depthwiseKernel(data: Float32Array, shape: readonly number[]) {
  const { data: out } = transposeArray(data, shape, [2, 3, 0, 1]);
  const [kh = 1, kw = 1, channels = 1, multiplier = 1] = shape;
  return { data: out, dims: [channels * multiplier, 1, kh, kw] };
}

/** DepthwiseConv2D, and SeparableConv2D = depthwise (no bias) then a 1×1 Conv with the bias. */
function depthwise(separable: boolean): LayerConverter {
  return (context) => {
    requireChannelsLast(context);
    const input = singleInput(context);
    const { graph } = context;
    const kernel = configInts(context, 'kernelSize', 2);
    const strides = configInts(context, 'strides', 2, 1);
    const dilations = configInts(context, 'dilationRate', 2, 1);
    const padding = configString(context, 'padding', 'valid');
    const channels = input.shape.at(-1);
    if (typeof channels !== 'number') return unsupported(context, 'unknown number of input channels');
    const depthwiseWeights = graph.weight(requireWeight(context, 'depthwise_kernel'), 'depthwise', depthwiseKernel);
    const attributes: Attributes = {
      kernel_shape: { ints: kernel },
      strides: { ints: strides },
      dilations: { ints: dilations },
      group: { i: channels },
      ...paddingAttributes(context, padding, spatialSizes(input), kernel, strides, dilations),
    };
    const x = graph.toLayout(input, 'channelsFirst');
    const hint = context.layer.name;
    let y: string;
    if (separable) {
      const depthwiseOut = graph.op('Conv', [x, depthwiseWeights], attributes, `${hint}_depthwise`);
      const pointwise = graph.weight(requireWeight(context, 'pointwise_kernel'), 'conv', convKernel);
      y = graph.op('Conv', [depthwiseOut, pointwise, ...biasInput(context)], { kernel_shape: { ints: [1, 1] } }, hint);
    } else {
      y = graph.op('Conv', [x, depthwiseWeights, ...biasInput(context)], attributes, hint);
    }
    return [applyConfiguredActivation(context, produced(context, y, 'channelsFirst'))];
  };
}

export const convConverters: Readonly<Record<string, LayerConverter>> = {
  Conv1D: convolution(1),
  Conv2D: convolution(2),
  Conv2DTranspose: conv2dTranspose,
  DepthwiseConv2D: depthwise(false),
  SeparableConv2D: depthwise(true),
};
