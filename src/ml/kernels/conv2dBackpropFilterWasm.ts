/**
 * `Conv2DBackpropFilter` for the tfjs wasm backend, which lacks it (tfjs#8474): without it no conv
 * net can train on wasm. The filter gradient of an NHWC conv2d (strides s, dilations 1),
 *
 *   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·sH + kh − padTop, ow·sW + kw − padLeft, ci] · dy[n, oh, ow, co]
 *
 * (x read as 0 outside the image; padTop/padLeft from tfjs's computeConv2DInfo, so 'same' splits
 * as in the forward pass). The kernel computes it in WebAssembly SIMD loops straight from x and dy
 * (`simd`, the default: see `conv2dBackpropFilterSimd.ts`), or, where those cannot load or C_out
 * is not a multiple of 4, as one XNNPACK matrix product (`im2col`: see
 * `conv2dBackpropFilterIm2col.ts`). It can also be written as a forward conv2d, which wasm
 * runs with XNNPACK too; those layouts are kept for comparison (browser-notes.md §0.2):
 *
 * - `xImages` (any stride): images x `[ci, H, W, n]` (batch = C_in, channels = batch), filter
 *   dy `[oH, oW, n, co]` dilated by the strides, padded top/left by padTop/padLeft; output pixel
 *   (kh, kw) of image ci is dW[kh, kw, ci, ·].
 * - `dyImages` (stride 1 only): images dy `[co, oH, oW, n]`, filter x `[H, W, n, ci]`, padded
 *   top/left by k − 1 − pad; output pixel (k − 1 − kh, k − 1 − kw) of image co is dW[kh, kw, ·, co].
 *
 * Measured (scripts/bench/trainingThroughput.ts --profile): XNNPACK repacks a conv2d filter on
 * every call at ~9 ns per value, and here the filter is a whole activation, so the conv2d layouts
 * cost 1.5–2.5x the im2col product. When height is 1 (1D nets) their images are folded into one
 * tall image, so that XNNPACK tiles C·k output rows instead of k per image. Checked against the
 * cpu backend in the test beside this file.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WorkbenchError } from '../../core/errors';
import { conv2dBackpropFilterIm2col } from './conv2dBackpropFilterIm2col';
import { conv2dBackpropFilterSimd, simdFilterGradientApplies } from './conv2dBackpropFilterSimd';
import { trainingSimd } from './trainingSimd';
import {
  heapFloat32,
  inputOf,
  type KernelArgs,
  release,
  runWasmKernel,
  sizeOf,
  transpose,
  view,
  wasmBackendOf,
} from './wasmKernelCalls';

/** Attributes tfjs passes (`Conv2DBackpropFilterAttrs`); `dilations` only if a caller adds it. */
export interface Conv2dBackpropFilterAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
  readonly dilations?: number | [number, number];
}

/** How the gradient is computed (see the module comment). */
export type Conv2dBackpropFilterStrategy = 'auto' | 'simd' | 'im2col' | 'xImages' | 'dyImages';

/** The geometry of the forward convolution whose filter gradient is wanted. */
export interface ForwardConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

function pair(value: number | readonly number[] | undefined): [number, number] {
  if (value === undefined) return [1, 1];
  if (typeof value === 'number') return [value, value];
  return [value[0] ?? 1, value[1] ?? value[0] ?? 1];
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_OPTION', `Conv2DBackpropFilter (wasm): ${message}`);
}

/**
 * The forward geometry from the kernel's inputs and attributes, via tfjs's own
 * `computeConv2DInfo` (so 'same' splits its padding exactly as the forward pass did).
 * @throws WorkbenchError `INVALID_OPTION` for NCHW, dilations > 1 or shapes that do not match.
 */
export function forwardConvGeometry(
  xShape: readonly number[],
  dyShape: readonly number[],
  attrs: Conv2dBackpropFilterAttrs,
): ForwardConvGeometry {
  const dilations = pair(attrs.dilations);
  if (dilations[0] !== 1 || dilations[1] !== 1) {
    throw invalid(`dilations > 1 are not supported, got [${dilations}]`);
  }
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC') throw invalid(`only NHWC is supported, got ${attrs.dataFormat}`);
  if (xShape.length !== 4 || dyShape.length !== 4) throw invalid('x and dy must be rank 4');
  const strides = pair(attrs.strides);
  if (!strides.every((stride) => Number.isInteger(stride) && stride >= 1)) {
    throw invalid(`strides must be integers ≥ 1, got [${strides}]`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (expected.some((size, axis) => size !== dyShape[axis]) || info.inChannels !== attrs.filterShape[2]) {
    throw invalid(`dy has shape [${dyShape}], the forward conv of x [${xShape}] gives [${expected}]`);
  }
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** One axis of the dW convolution: its padding and output size (≥ the filter size; cropped later). */
interface AxisPlan {
  readonly padStart: number;
  readonly padEnd: number;
  readonly size: number;
}

/** `xImages`: images of length `inSize`, the dy filter spans (outSize − 1)·stride + 1 pixels. */
function xImagesAxis(inSize: number, pad: number, outSize: number, stride: number, filterSize: number): AxisPlan {
  const span = (outSize - 1) * stride;
  // Never negative: XNNPACK takes unsigned padding; x pixels no output reads are simply not reached.
  const padEnd = Math.max(0, filterSize + span - inSize - pad);
  return { padStart: pad, padEnd, size: inSize + pad + padEnd - span };
}

/** `dyImages` (stride 1): images of length `outSize`, the x filter spans `inSize` pixels. */
function dyImagesAxis(inSize: number, pad: number, outSize: number, filterSize: number): AxisPlan {
  const padStart = filterSize - 1 - pad;
  const padEnd = Math.max(0, inSize - outSize + pad);
  return { padStart, padEnd, size: outSize + padStart + padEnd - inSize + 1 };
}

/** The conv2d layout to use: `dyImages` where asked and possible, else `xImages`. */
function convStrategy(g: ForwardConvGeometry, wanted: Conv2dBackpropFilterStrategy): 'xImages' | 'dyImages' {
  const dyImagesPossible =
    g.strideHeight === 1 && g.strideWidth === 1 && g.padTop < g.filterHeight && g.padLeft < g.filterWidth;
  return wanted === 'dyImages' && dyImagesPossible ? 'dyImages' : 'xImages';
}

/**
 * dW for x `[n, H, W, ci]` and dy `[n, oH, oW, co]`; returns a new `[kH, kW, ci, co]` tensor
 * owned by the caller. `strategy` is for tests and benchmarks: `auto` uses the SIMD loops of
 * `conv2dBackpropFilterSimd.ts` where they load and C_out is a multiple of 4 (fastest), else the
 * matrix product of `conv2dBackpropFilterIm2col.ts`; `simd` falls back the same way; the conv2d
 * layouts are kept as the documented alternative and the baseline of
 * `scripts/bench/trainingThroughput.ts`.
 */
export function conv2dBackpropFilterWasm(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ForwardConvGeometry,
  strategy: Conv2dBackpropFilterStrategy = 'auto',
): tf.TensorInfo {
  if (strategy === 'auto' || strategy === 'simd') {
    const simd = trainingSimd(backend);
    if (simd !== undefined && simdFilterGradientApplies(g)) return conv2dBackpropFilterSimd(simd, x, dy, g);
  }
  if (strategy === 'auto' || strategy === 'simd' || strategy === 'im2col') {
    return conv2dBackpropFilterIm2col(backend, x, dy, g);
  }
  const chosen = convStrategy(g, strategy);
  const xImages = chosen === 'xImages';
  const rows = xImages
    ? xImagesAxis(g.inHeight, g.padTop, g.outHeight, g.strideHeight, g.filterHeight)
    : dyImagesAxis(g.inHeight, g.padTop, g.outHeight, g.filterHeight);
  const cols = xImages
    ? xImagesAxis(g.inWidth, g.padLeft, g.outWidth, g.strideWidth, g.filterWidth)
    : dyImagesAxis(g.inWidth, g.padLeft, g.outWidth, g.filterWidth);
  // images [A, h, w, n] and filter [fh, fw, n, B]: A = ci, B = co for xImages, the reverse for dyImages.
  const images = transpose(backend, xImages ? x : dy, [3, 1, 2, 0]);
  const filter = transpose(backend, xImages ? dy : x, [1, 2, 0, 3]);
  const [imageCount, imageHeight, imageWidth] = images.shape as [number, number, number, number];
  const [filterHeight, , , outChannels] = filter.shape as [number, number, number, number];
  // 1D: one tall image of A rows; the output [1, A, cols, B] has the memory of [A, 1, cols, B].
  const fold = imageHeight === 1 && filterHeight === 1 && rows.size === 1;
  let conv: tf.TensorInfo;
  try {
    conv = runWasmKernel(
      backend,
      'Conv2D',
      { x: fold ? view(images, [1, imageCount, imageWidth, g.batch]) : images, filter },
      {
        strides: [1, 1],
        dilations: xImages ? [g.strideHeight, g.strideWidth] : [1, 1],
        pad: [[0, 0], fold ? [0, 0] : [rows.padStart, rows.padEnd], [cols.padStart, cols.padEnd], [0, 0]],
        dataFormat: 'NHWC',
        dimRoundingMode: 'floor',
      },
    );
  } finally {
    release(backend, images, filter);
  }
  const dw = backend.makeOutput([g.filterHeight, g.filterWidth, g.inChannels, g.outChannels], 'float32');
  const source = heapFloat32(backend, view(conv, [imageCount, rows.size, cols.size, outChannels]));
  const target = heapFloat32(backend, dw);
  const { filterHeight: kH, filterWidth: kW, inChannels, outChannels: co } = g;
  for (let kh = 0; kh < kH; kh++) {
    const row = xImages ? kh : kH - 1 - kh;
    for (let kw = 0; kw < kW; kw++) {
      const col = xImages ? kw : kW - 1 - kw;
      const pixel = row * cols.size + col;
      let t = (kh * kW + kw) * inChannels * co;
      for (let ci = 0; ci < inChannels; ci++) {
        for (let c = 0; c < co; c++) {
          // xImages: conv[ci, row, col, c]; dyImages: conv[c, row, col, ci].
          target[t++] = xImages
            ? (source[(ci * rows.size * cols.size + pixel) * co + c] ?? 0)
            : (source[(c * rows.size * cols.size + pixel) * inChannels + ci] ?? 0);
        }
      }
    }
  }
  release(backend, conv);
  return dw;
}

/** Kernel function; `dilations` is not among tfjs's attributes (its Conv2D gradient refuses them first). */
function conv2dBackpropFilter(args: KernelArgs): tf.TensorInfo {
  const x = inputOf(args, 'x', 'Conv2DBackpropFilter');
  const dy = inputOf(args, 'dy', 'Conv2DBackpropFilter');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw invalid(`x and dy must be float32`);
  const attrs = args.attrs as unknown as Conv2dBackpropFilterAttrs;
  const geometry = forwardConvGeometry(x.shape, dy.shape, attrs);
  const backend = wasmBackendOf(args);
  if (sizeOf(x.shape) === 0 || sizeOf(dy.shape) === 0) {
    const zeros = backend.makeOutput([...attrs.filterShape], 'float32');
    heapFloat32(backend, zeros).fill(0);
    return zeros;
  }
  return conv2dBackpropFilterWasm(backend, x, dy, geometry);
}

/** The kernel config, for `tf.registerKernel`. */
export const conv2dBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
