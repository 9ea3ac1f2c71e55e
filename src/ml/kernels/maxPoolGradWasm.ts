/**
 * A faster `MaxPoolGrad` for the tfjs wasm backend (the stock C++ loop took ~20 ms for one 1D
 * pooling layer of a B=32, L=2048 batch). Same rule as tfjs's cpu kernel: each dy value goes to
 * the first maximum of its window in row-major order (padding never wins; NaN never wins). With
 * channels a multiple of 4 and the SIMD module loaded, `maxPoolGradSimd.ts` (~10x faster);
 * otherwise one JavaScript pass over the windows, channels innermost, on the wasm heap. NHWC,
 * dilations 1 (as tfjs's MaxPool gradient always asks). Non-float32 inputs go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { maxPoolGradSimd, simdMaxPoolGradApplies } from './maxPoolGradSimd';
import { trainingSimd } from './trainingSimd';
import { heapFloat32, inputOf, type KernelArgs, type SingleOutputKernel, wasmBackendOf } from './wasmKernelCalls';

/** Attributes tfjs passes (`MaxPoolGradAttrs`). */
interface MaxPoolGradAttrs {
  readonly filterSize: number | [number, number];
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Builds the kernel function; `stock` is the kernel it replaces. */
export function makeMaxPoolGradKernel(stock: SingleOutputKernel): SingleOutputKernel {
  return (args: KernelArgs) => {
    const dy = inputOf(args, 'dy', 'MaxPoolGrad');
    const x = inputOf(args, 'input', 'MaxPoolGrad');
    if (x.dtype !== 'float32' || dy.dtype !== 'float32' || x.shape.length !== 4) return stock(args);
    const attrs = args.attrs as unknown as MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
    const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const backend = wasmBackendOf(args);
    const simd = trainingSimd(backend);
    if (simd !== undefined && simdMaxPoolGradApplies(info)) return maxPoolGradSimd(simd, x, dy, info);
    const out = backend.makeOutput(x.shape, 'float32');
    const dx = heapFloat32(backend, out);
    const xs = heapFloat32(backend, x);
    const dys = heapFloat32(backend, dy);
    dx.fill(0);
    // Start of each in-bounds window pixel (channel 0), in row-major order; reused per output pixel.
    const window = new Int32Array(filterHeight * filterWidth);
    for (let b = 0; b < batchSize; b++) {
      for (let yR = 0; yR < outHeight; yR++) {
        const rCorner = yR * strideHeight - info.padInfo.top;
        const rMin = Math.max(0, rCorner);
        const rMax = Math.min(inHeight, rCorner + filterHeight);
        for (let yC = 0; yC < outWidth; yC++) {
          const cCorner = yC * strideWidth - info.padInfo.left;
          const cMin = Math.max(0, cCorner);
          const cMax = Math.min(inWidth, cCorner + filterWidth);
          let count = 0;
          for (let r = rMin; r < rMax; r++) {
            for (let c = cMin; c < cMax; c++) window[count++] = ((b * inHeight + r) * inWidth + c) * channels;
          }
          if (count === 0) continue;
          const dyBase = ((b * outHeight + yR) * outWidth + yC) * channels;
          const first = window[0] ?? 0;
          for (let d = 0; d < channels; d++) {
            let bestAt = first + d;
            let best = xs[bestAt] ?? Number.NaN;
            // As tfjs's cpu maxPoolPositions: strictly greater than the best so far (starting at
            // −∞) wins, so the first maximum wins and NaN or −∞ never do.
            if (!(best > Number.NEGATIVE_INFINITY)) {
              best = Number.NEGATIVE_INFINITY;
              bestAt = -1;
            }
            for (let j = 1; j < count; j++) {
              const at = (window[j] ?? 0) + d;
              const value = xs[at] ?? Number.NaN;
              if (value > best) {
                best = value;
                bestAt = at;
              }
            }
            if (bestAt >= 0) dx[bestAt] = (dx[bestAt] ?? 0) + (dys[dyBase + d] ?? 0);
          }
        }
      }
    }
    return out;
  };
}
