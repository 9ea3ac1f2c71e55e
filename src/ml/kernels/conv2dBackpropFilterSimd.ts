/**
 * The filter gradient of an NHWC conv2d straight from x and dy, in the WebAssembly SIMD loops of
 * `trainingSimdModule.ts` (`dw_gemm_8/4`): no im2col matrix and no XNNPACK repacking of dy.
 *
 * For one filter row kh, the im2col row of output pixel (n, oh, ow) is a contiguous window of x:
 * with x copied into a zero-padded buffer xp `[N, Hp, Wp, C_in]` (the forward pass's padding made
 * explicit), A_p[(kw, ci)] = xp[n, oh·sH + kh, ow·sW + kw, ci] is the `kW·C_in` floats from
 * xp[n, oh·sH + kh, ow·sW, 0] on. So
 *
 *   dW[kh][(kw, ci), co] = Σ_p A_p[(kw, ci)] · dy[p, co]
 *
 * is a sum of outer products of a sliding window of xp and the rows of dy as they lie, computed in
 * 4 × 8 register tiles over blocks of pixels small enough to stay in the L1 cache. Rows are
 * padded to a multiple of 4 (the extra rows read the next floats of xp and are dropped); C_out
 * must be a multiple of 4 (else the caller takes the im2col path). For model A's layers it takes
 * 0.5–0.9x the time of XNNPACK's forward conv, against 2–4x for im2col + XNNPACK (BENCHMARKS.md §3).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ForwardConvGeometry } from './conv2dBackpropFilterWasm';
import { heapAddress, heapF32, scratch, type TrainingSimd } from './trainingSimd';

/** Bytes of one pixel block's x windows and dy rows that should stay in the L1 cache. */
const blockBytes = 32 * 1024;

/** Whether {@link conv2dBackpropFilterSimd} handles this geometry (C_out a multiple of 4, nothing empty). */
export function simdFilterGradientApplies(g: ForwardConvGeometry): boolean {
  const sizes = [g.batch, g.inChannels, g.outChannels, g.outHeight, g.outWidth, g.filterHeight, g.filterWidth];
  return g.outChannels % 4 === 0 && sizes.every((size) => size > 0);
}

/** dW `[kH, kW, C_in, C_out]` of x `[N, H, W, C_in]` and dy `[N, oH, oW, C_out]` (a new tensor). */
export function conv2dBackpropFilterSimd(
  simd: TrainingSimd,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ForwardConvGeometry,
): tf.TensorInfo {
  const { batch, inHeight: H, inWidth: W, inChannels: ci, outHeight: oH, outWidth: oW, outChannels: co } = g;
  const { filterHeight: kH, filterWidth: kW, strideHeight: sH, strideWidth: sW, padTop, padLeft } = g;
  const hp = (oH - 1) * sH + kH;
  const wp = (oW - 1) * sW + kW;
  const rows = kW * ci;
  const rowTiles = Math.ceil(rows / 4);
  const paddedRows = 4 * rowTiles;
  const xp = scratch(simd, batch * hp * wp * ci + paddedRows);
  const sums = scratch(simd, kH * paddedRows * co);
  const dw = simd.backend.makeOutput([kH, kW, ci, co], 'float32');
  try {
    const heap = heapF32(simd); // after the last allocation
    const xAt = heapAddress(simd, x) / 4;
    const xpAt = xp.at / 4;
    const rowFloats = wp * ci;
    // xp: x inside zeros (columns of x past the last window are left out).
    const copied = Math.max(0, Math.min(W, wp - padLeft)) * ci;
    const lead = Math.min(padLeft * ci, rowFloats);
    for (let n = 0; n < batch; n++) {
      for (let r = 0; r < hp; r++) {
        const to = xpAt + (n * hp + r) * rowFloats;
        const h = r - padTop;
        if (h < 0 || h >= H || copied === 0) {
          heap.fill(0, to, to + rowFloats);
          continue;
        }
        const from = xAt + (n * H + h) * W * ci;
        heap.fill(0, to, to + lead);
        heap.copyWithin(to + lead, from, from + copied);
        heap.fill(0, to + lead + copied, to + rowFloats);
      }
    }
    heap.fill(0, xpAt + batch * hp * rowFloats, xpAt + batch * hp * rowFloats + paddedRows);
    heap.fill(0, sums.at / 4, sums.at / 4 + kH * paddedRows * co);
    const dyAt = heapAddress(simd, dy);
    const aStride = 4 * sW * ci;
    const bStride = 4 * co;
    const colTiles = Math.floor(co / 8);
    const tail = co % 8 === 4;
    const block = Math.max(16, Math.floor(blockBytes / (aStride + bStride)));
    const { dw_gemm_8: gemm8, dw_gemm_4: gemm4 } = simd.run;
    for (let n = 0; n < batch; n++) {
      for (let oh = 0; oh < oH; oh++) {
        for (let ow = 0; ow < oW; ow += block) {
          const count = Math.min(block, oW - ow);
          const b = dyAt + 4 * ((n * oH + oh) * oW + ow) * co;
          for (let kh = 0; kh < kH; kh++) {
            const a = xp.at + 4 * (((n * hp + oh * sH + kh) * wp + ow * sW) * ci);
            const c = sums.at + 4 * kh * paddedRows * co;
            if (colTiles > 0) gemm8(a, aStride, b, bStride, c, bStride, count, rowTiles, colTiles);
            if (tail) gemm4(a, aStride, b + 32 * colTiles, bStride, c + 32 * colTiles, bStride, count, rowTiles, 1);
          }
        }
      }
    }
    const dwAt = heapAddress(simd, dw) / 4;
    for (let kh = 0; kh < kH; kh++) {
      const from = sums.at / 4 + kh * paddedRows * co;
      heap.copyWithin(dwAt + kh * rows * co, from, from + rows * co);
    }
  } finally {
    simd.backend.disposeData(xp.info.dataId);
    simd.backend.disposeData(sums.info.dataId);
  }
  return dw;
}
