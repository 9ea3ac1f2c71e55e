/**
 * A faster `Conv2DBackpropInput` for the tfjs wasm backend. The stock kernel is a plain C++ loop,
 * about 10x slower than the forward conv2d (XNNPACK); it is both the input gradient of every
 * conv layer and the forward pass of conv2dTranspose. For NHWC, strides s and dilations 1,
 *
 *   dx[n, h, w, ci] = Σ_{kh, kw, co} up(dy)[n, h − kh + padTop, w − kw + padLeft, co] · W[kh, kw, ci, co]
 *
 * where up(dy) puts dy[n, oh, ow] at (oh·sH, ow·sW) and zeros between (nothing to do for s = 1).
 * With kh' = kH − 1 − kh that is a forward conv2d of up(dy) with the filter flipped in space and
 * its channel axes swapped, padded top/left by k − 1 − pad. The flipped filter is tiny (built in
 * JavaScript); up(dy) is one PadV2 of dy seen as `[n, oH, 1, oW, 1, co]`. Cases outside that
 * (NCHW, a padding larger than k − 1, non-float32) go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  heapFloat32,
  inputOf,
  type KernelArgs,
  release,
  runWasmKernel,
  type SingleOutputKernel,
  sizeOf,
  slice,
  view,
  wasmBackendOf,
} from './wasmKernelCalls';

/** Attributes tfjs passes (`Conv2DBackpropInputAttrs`). */
interface Conv2dBackpropInputAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly inputShape: [number, number, number, number];
}

/** `W[kh, kw, ci, co]` → `F[kH − 1 − kh, kW − 1 − kw, co, ci]`, a new tensor. */
function flippedFilter(backend: BackendWasm, filter: tf.TensorInfo): tf.TensorInfo {
  const [kH, kW, inChannels, outChannels] = filter.shape as [number, number, number, number];
  const out = backend.makeOutput([kH, kW, outChannels, inChannels], 'float32');
  const source = heapFloat32(backend, filter);
  const target = heapFloat32(backend, out);
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      const from = (kh * kW + kw) * inChannels * outChannels;
      const to = ((kH - 1 - kh) * kW + (kW - 1 - kw)) * outChannels * inChannels;
      for (let ci = 0; ci < inChannels; ci++) {
        for (let co = 0; co < outChannels; co++)
          target[to + co * inChannels + ci] = source[from + ci * outChannels + co] ?? 0;
      }
    }
  }
  return out;
}

/**
 * Builds the kernel function; `stock` is the kernel it replaces, used for the cases not covered.
 * Exported for tests, which compare both with the cpu backend.
 */
export function makeConv2dBackpropInputKernel(stock: SingleOutputKernel): SingleOutputKernel {
  return (args: KernelArgs) => {
    const dy = inputOf(args, 'dy', 'Conv2DBackpropInput');
    const filter = inputOf(args, 'filter', 'Conv2DBackpropInput');
    const attrs = args.attrs as unknown as Conv2dBackpropInputAttrs;
    if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
      return stock(args);
    }
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
      false,
      'channelsLast',
    );
    const { filterHeight: kH, filterWidth: kW, strideHeight: sH, strideWidth: sW } = info;
    const padTop = kH - 1 - info.padInfo.top;
    const padLeft = kW - 1 - info.padInfo.left;
    if (padTop < 0 || padLeft < 0 || sizeOf(dy.shape) === 0 || sizeOf(attrs.inputShape) === 0) return stock(args);
    const backend = wasmBackendOf(args);
    const [batch, outHeight, outWidth, outChannels] = dy.shape as [number, number, number, number];
    const upHeight = outHeight * sH;
    const upWidth = outWidth * sW;
    // Zero-stuffed dy; its trailing s − 1 zero rows/columns act as bottom/right padding.
    const upsampled =
      sH === 1 && sW === 1
        ? undefined
        : runWasmKernel(
            backend,
            'PadV2',
            { x: view(dy, [batch, outHeight, 1, outWidth, 1, outChannels]) },
            {
              paddings: [
                [0, 0],
                [0, 0],
                [0, sH - 1],
                [0, 0],
                [0, sW - 1],
                [0, 0],
              ],
              constantValue: 0,
            },
          );
    const image = upsampled === undefined ? dy : view(upsampled, [batch, upHeight, upWidth, outChannels]);
    const padBottom = info.inHeight - upHeight + info.padInfo.top;
    const padRight = info.inWidth - upWidth + info.padInfo.left;
    const flipped = flippedFilter(backend, filter);
    let conv: tf.TensorInfo;
    try {
      conv = runWasmKernel(
        backend,
        'Conv2D',
        { x: image, filter: flipped },
        {
          strides: [1, 1],
          dilations: [1, 1],
          // A negative far padding means dy reaches past x (explicit padding): crop below instead.
          pad: [
            [0, 0],
            [padTop, Math.max(0, padBottom)],
            [padLeft, Math.max(0, padRight)],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dimRoundingMode: 'floor',
        },
      );
    } finally {
      release(backend, flipped);
      if (upsampled !== undefined) release(backend, upsampled);
    }
    if (padBottom >= 0 && padRight >= 0) return conv;
    const cropped = slice(backend, conv, [0, 0, 0, 0], [...attrs.inputShape]);
    release(backend, conv);
    return cropped;
  };
}
