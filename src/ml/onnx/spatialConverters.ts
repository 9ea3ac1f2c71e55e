/**
 * Layers over the spatial axes that need channels-first in ONNX: pooling (1D/2D, global),
 * UpSampling2D (Resize), ZeroPadding2D (Pad), Cropping2D (Slice).
 */
import { paddingAttributes, spatialSizes } from './convConverters';
import {
  configInts,
  configString,
  type LayerContext,
  type LayerConverter,
  produced,
  requireChannelsLast,
  singleInput,
  unsupported,
} from './layerContext';

/**
 * MaxPooling/AveragePooling 1D/2D. `same` pads like tfjs (odd pixel at the end); AveragePool
 * divides by the number of real (unpadded) values, as tfjs does (count_include_pad = 0).
 */
function pooling(spatialRank: 1 | 2, opType: 'MaxPool' | 'AveragePool'): LayerConverter {
  return (context) => {
    requireChannelsLast(context);
    const input = singleInput(context);
    const { graph } = context;
    const poolSize = configInts(context, 'poolSize', spatialRank);
    const strides = context.config.strides == null ? poolSize : configInts(context, 'strides', spatialRank);
    const padding = configString(context, 'padding', 'valid');
    const ones = poolSize.map(() => 1);
    const attributes = {
      kernel_shape: { ints: poolSize },
      strides: { ints: strides },
      ...paddingAttributes(context, padding, spatialSizes(input), poolSize, strides, ones),
    };
    const x = graph.toLayout(input, 'channelsFirst');
    return [produced(context, graph.op(opType, [x], attributes, context.layer.name), 'channelsFirst')];
  };
}

/** Global pooling: `[N, …spatial, C]` → `[N, C]` (no keepDims in tfjs-layers 4.22). */
function globalPooling(opType: 'GlobalAveragePool' | 'GlobalMaxPool'): LayerConverter {
  return (context) => {
    requireChannelsLast(context);
    const input = singleInput(context);
    const { graph } = context;
    if (context.config.keepDims === true) unsupported(context, 'keepDims');
    const pooled = graph.op(opType, [graph.toLayout(input, 'channelsFirst')], {}, `${context.layer.name}_pool`);
    return [produced(context, graph.op('Flatten', [pooled], { axis: { i: 1 } }, context.layer.name), 'native')];
  };
}

/**
 * UpSampling2D → Resize with integer scales. Nearest: tfjs takes source ⌊dst/s⌋ (no align corners,
 * no half-pixel centres) = `asymmetric` + `floor`. Bilinear: tfjs resizeBilinear with the same
 * coordinate mapping = `linear` + `asymmetric`.
 */
const upSampling2d: LayerConverter = (context) => {
  requireChannelsLast(context);
  const input = singleInput(context);
  const { graph } = context;
  const [sh = 1, sw = 1] = configInts(context, 'size', 2, 2);
  const interpolation = configString(context, 'interpolation', 'nearest');
  const scales = graph.float(new Float32Array([1, 1, sh, sw]), [4], `${context.layer.name}_scales`);
  const attributes =
    interpolation === 'nearest'
      ? {
          mode: { s: 'nearest' },
          coordinate_transformation_mode: { s: 'asymmetric' },
          nearest_mode: { s: 'floor' },
        }
      : interpolation === 'bilinear'
        ? { mode: { s: 'linear' }, coordinate_transformation_mode: { s: 'asymmetric' } }
        : unsupported(context, `interpolation '${interpolation}'`);
  const x = graph.toLayout(input, 'channelsFirst');
  return [produced(context, graph.op('Resize', [x, '', scales], attributes, context.layer.name), 'channelsFirst')];
};

/** `[[top, bottom], [left, right]]` from any of the tfjs forms (n, [a, b], [[t, b], [l, r]]). */
function pairs(context: LayerContext, key: string): [number, number][] {
  const value = context.config[key];
  const pair = (v: unknown): [number, number] => {
    if (typeof v === 'number') return [v, v];
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
    return unsupported(context, `${key} = ${JSON.stringify(value)}`);
  };
  if (typeof value === 'number') return [pair(value), pair(value)];
  // [a, b] means [[a, a], [b, b]]; pair() expands a number and passes a pair through.
  if (Array.isArray(value) && value.length === 2) return [pair(value[0]), pair(value[1])];
  return unsupported(context, `${key} = ${JSON.stringify(value)}`);
}

const zeroPadding2d: LayerConverter = (context) => {
  requireChannelsLast(context);
  const input = singleInput(context);
  const { graph } = context;
  const [[top, bottom], [left, right]] = pairs(context, 'padding') as [[number, number], [number, number]];
  const pads = graph.int64([0, 0, top, left, 0, 0, bottom, right], `${context.layer.name}_pads`);
  const x = graph.toLayout(input, 'channelsFirst');
  const y = graph.op('Pad', [x, pads], { mode: { s: 'constant' } }, context.layer.name);
  return [produced(context, y, 'channelsFirst')];
};

const cropping2d: LayerConverter = (context) => {
  requireChannelsLast(context);
  const input = singleInput(context);
  const { graph } = context;
  const [[top, bottom], [left, right]] = pairs(context, 'cropping') as [[number, number], [number, number]];
  // ONNX Slice clamps ends to the dimension, so "to the end" can be any large number.
  const end = (crop: number) => (crop > 0 ? -crop : Number.MAX_SAFE_INTEGER);
  const hint = context.layer.name;
  const starts = graph.int64([top, left], `${hint}_starts`);
  const ends = graph.int64([end(bottom), end(right)], `${hint}_ends`);
  const axes = graph.int64([2, 3], `${hint}_axes`);
  const x = graph.toLayout(input, 'channelsFirst');
  return [produced(context, graph.op('Slice', [x, starts, ends, axes], {}, hint), 'channelsFirst')];
};

export const spatialConverters: Readonly<Record<string, LayerConverter>> = {
  MaxPooling1D: pooling(1, 'MaxPool'),
  MaxPooling2D: pooling(2, 'MaxPool'),
  AveragePooling1D: pooling(1, 'AveragePool'),
  AveragePooling2D: pooling(2, 'AveragePool'),
  GlobalAveragePooling1D: globalPooling('GlobalAveragePool'),
  GlobalAveragePooling2D: globalPooling('GlobalAveragePool'),
  GlobalMaxPooling1D: globalPooling('GlobalMaxPool'),
  GlobalMaxPooling2D: globalPooling('GlobalMaxPool'),
  UpSampling2D: upSampling2d,
  ZeroPadding2D: zeroPadding2d,
  Cropping2D: cropping2d,
};
