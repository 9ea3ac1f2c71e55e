/**
 * `MaxPoolGrad` in the WebAssembly SIMD loops `max_pool_grad_add/set` of `trainingSimdModule.ts`,
 * four channels per instruction (C a multiple of 4). Same rule as tfjs's cpu kernel and the
 * JavaScript pass of `maxPoolGradWasm.ts`: each dy value goes to the first strictly greatest value
 * of its window in row-major order (padding never wins, NaN and −∞ never win), and overlapping
 * windows add up (disjoint windows store, and where they tile x exactly dx is not zeroed first).
 * Each line of output pixels is one call for the pixels whose windows lie inside x, plus one call
 * per clipped window at its ends, each with the byte offsets of its window's in-bounds pixels.
 */
import type * as tf from '@tensorflow/tfjs';
import { heapAddress, heapF32, scratch, type TrainingSimd } from './trainingSimd';

/** One axis of the pooling: output and input sizes, window, stride, padding before. */
interface PoolAxis {
  readonly out: number;
  readonly size: number;
  readonly filter: number;
  readonly stride: number;
  readonly pad: number;
}

/** A window's in-bounds part, [first, end) relative to its corner. */
type Span = [number, number];

function span(axis: PoolAxis, index: number): Span {
  const corner = index * axis.stride - axis.pad;
  return [Math.max(0, corner) - corner, Math.min(axis.size, corner + axis.filter) - corner];
}

/** The output indices whose windows lie wholly inside the input: [from, to). */
function interior(axis: PoolAxis): Span {
  const from = Math.min(axis.out, Math.ceil(axis.pad / axis.stride));
  const to = Math.min(axis.out, Math.floor((axis.size + axis.pad - axis.filter) / axis.stride) + 1);
  return [from, Math.max(from, to)];
}

/** Whether {@link maxPoolGradSimd} handles this input (float32 NHWC, C a positive multiple of 4). */
export function simdMaxPoolGradApplies(info: tf.backend_util.Conv2DInfo): boolean {
  return info.inChannels > 0 && info.inChannels % 4 === 0;
}

/** dx `[N, H, W, C]` (a new tensor) of the max pooling `info` of x, given dy. */
export function maxPoolGradSimd(
  simd: TrainingSimd,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { batchSize, inHeight: H, inWidth: W, inChannels: channels, outHeight: oH, outWidth: oW } = info;
  const { filterHeight: fH, filterWidth: fW, strideHeight: sH, strideWidth: sW } = info;
  const { top, left } = info.padInfo;
  const offsets = scratch(simd, fH * fW);
  const out = simd.backend.makeOutput([...x.shape], 'float32');
  try {
    const outAt = heapAddress(simd, out);
    // Disjoint windows store their part of dx; if they also tile x exactly, nothing else is left to zero.
    const disjoint = sH >= fH && sW >= fW;
    const tiled = disjoint && sH === fH && sW === fW && top === 0 && left === 0 && oH * sH === H && oW * sW === W;
    if (!tiled) heapF32(simd).fill(0, outAt / 4, outAt / 4 + batchSize * H * W * channels); // after the last allocation
    const routeDy = disjoint ? simd.run.max_pool_grad_set : simd.run.max_pool_grad_add;
    const window = new Int32Array(simd.memory.buffer, offsets.at, fH * fW);
    const xAt = heapAddress(simd, x);
    const dyAt = heapAddress(simd, dy);
    const pixel = 4 * channels;
    const rowAxis: PoolAxis = { out: oH, size: H, filter: fH, stride: sH, pad: top };
    const colAxis: PoolAxis = { out: oW, size: W, filter: fW, stride: sW, pad: left };
    // Runs go along the columns, or along the rows when there is one output column (tfjs-layers
    // pools 1D as [N, L, 1, C]): consecutive output pixels are then one dy row apart either way.
    const alongRows = oW === 1 && oH > 1;
    const [along, across] = alongRows ? [rowAxis, colAxis] : [colAxis, rowAxis];
    const step = (alongRows ? sH * W : sW) * pixel;
    const written = [-1, -1, -1, -1];
    /** `count` output pixels from (yR, yC) on, windows spanning rows `r` and columns `c` of their corner. */
    const run = (b: number, yR: number, yC: number, count: number, r: Span, c: Span) => {
      const key = [r[0], r[1], c[0], c[1]];
      if (key.some((value, i) => value !== written[i])) {
        let at = 0;
        for (let row = r[0]; row < r[1]; row++) {
          for (let col = c[0]; col < c[1]; col++) window[at++] = (row * W + col) * pixel;
        }
        written.splice(0, 4, ...key);
      }
      const corner = xAt + ((b * H + yR * sH - top) * W + yC * sW - left) * pixel;
      const dyRow = dyAt + ((b * oH + yR) * oW + yC) * pixel;
      const size = (r[1] - r[0]) * (c[1] - c[0]);
      routeDy(corner, outAt - xAt, dyRow, count, step, offsets.at, size, channels / 4);
    };
    const [from, to] = interior(along);
    for (let b = 0; b < batchSize; b++) {
      for (let o = 0; o < across.out; o++) {
        const acrossSpan = span(across, o);
        if (acrossSpan[1] <= acrossSpan[0]) continue;
        const call = (a: number, count: number, alongSpan: Span) =>
          alongRows ? run(b, a, o, count, alongSpan, acrossSpan) : run(b, o, a, count, acrossSpan, alongSpan);
        if (to > from) call(from, to - from, [0, along.filter]);
        for (let a = 0; a < along.out; a++) {
          if (a === from) a = to;
          if (a >= along.out) break;
          const alongSpan = span(along, a);
          if (alongSpan[1] > alongSpan[0]) call(a, 1, alongSpan);
        }
      }
    }
  } finally {
    simd.backend.disposeData(offsets.info.dataId);
  }
  return out;
}
