/**
 * The filter gradient of an NHWC conv2d as one matrix product, the fastest layout on wasm:
 *
 *   dW[(kh, kw, ci), co] = Σ_p A[(kh, kw, ci), p] · dy[p, co],   p = (n, oh, ow),
 *   A[(kh, kw, ci), (n, oh, ow)] = x[n, oh·sH + kh − padTop, ow·sW + kw − padLeft, ci]  (0 outside).
 *
 * dy is used as it is (`[N·oH·oW, C_out]`), A ("im2col", transposed) is built from x transposed to
 * `[C_in, N, H, W]` with one memcpy per output row at stride 1, and the product runs in XNNPACK's
 * fully-connected GEMM (tfjs's BatchMatMul with batch 1 and no transposes), whose result is
 * already laid out as dW `[kH, kW, C_in, C_out]`. XNNPACK repacks its right operand (dy) on each
 * call, at ~3.5 ns per value against ~9 ns for a conv2d filter, and no transpose of dy is
 * needed: that is why this beats the conv2d layouts of `conv2dBackpropFilterWasm.ts`.
 * A grows as kH·kW·|x|; batches are processed in chunks to keep it under {@link im2colBudget}.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { ForwardConvGeometry } from './conv2dBackpropFilterWasm';
import { copyFloat32, heapFloat32, release, runWasmKernel, slice, transpose, view } from './wasmKernelCalls';

/** Most float32 values of the im2col matrix per chunk (32 MB). */
export const im2colBudget = 8 * 1024 * 1024;

/** First output index ≥ 0 whose input index `o·stride + offset` is ≥ 0, and the end of the valid range. */
function validRange(outSize: number, inSize: number, stride: number, offset: number): [number, number] {
  const first = offset >= 0 ? 0 : Math.ceil(-offset / stride);
  const end = Math.min(outSize, Math.floor((inSize - 1 - offset) / stride) + 1);
  return [Math.min(first, outSize), Math.max(end, Math.min(first, outSize))];
}

/** Writes A for samples [firstSample, firstSample + samples) into `a` (`[kH·kW·C_in, samples·oH·oW]`). */
function fillIm2col(
  xt: Float32Array,
  a: Float32Array,
  g: ForwardConvGeometry,
  firstSample: number,
  samples: number,
): void {
  const { inHeight: H, inWidth: W, outHeight: oH, outWidth: oW, strideHeight: sH, strideWidth: sW } = g;
  const columns = samples * oH * oW;
  for (let kh = 0; kh < g.filterHeight; kh++) {
    const [ohFirst, ohEnd] = validRange(oH, H, sH, kh - g.padTop);
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const colOffset = kw - g.padLeft;
      const [owFirst, owEnd] = validRange(oW, W, sW, colOffset);
      for (let ci = 0; ci < g.inChannels; ci++) {
        const rowStart = ((kh * g.filterWidth + kw) * g.inChannels + ci) * columns;
        for (let s = 0; s < samples; s++) {
          const sampleStart = rowStart + s * oH * oW;
          const planeStart = (ci * g.batch + firstSample + s) * H * W;
          a.fill(0, sampleStart, sampleStart + ohFirst * oW);
          a.fill(0, sampleStart + ohEnd * oW, sampleStart + oH * oW);
          for (let oh = ohFirst; oh < ohEnd; oh++) {
            const target = sampleStart + oh * oW;
            const source = planeStart + (oh * sH + kh - g.padTop) * W + colOffset;
            a.fill(0, target, target + owFirst);
            a.fill(0, target + owEnd, target + oW);
            if (sW === 1) {
              a.set(xt.subarray(source + owFirst, source + owEnd), target + owFirst);
            } else {
              for (let ow = owFirst; ow < owEnd; ow++) a[target + ow] = xt[source + ow * sW] ?? 0;
            }
          }
        }
      }
    }
  }
}

/** dW `[kH, kW, C_in, C_out]` of x `[N, H, W, C_in]` and dy `[N, oH, oW, C_out]` (a new tensor). */
export function conv2dBackpropFilterIm2col(
  backend: BackendWasm,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ForwardConvGeometry,
  budget = im2colBudget,
): tf.TensorInfo {
  const rows = g.filterHeight * g.filterWidth * g.inChannels;
  const pixels = g.outHeight * g.outWidth;
  const chunk = Math.max(1, Math.min(g.batch, Math.floor(budget / (rows * pixels))));
  // x as C_in planes [C_in, N, H, W]; with one channel that is x itself.
  const xt = g.inChannels === 1 ? x : transpose(backend, x, [3, 0, 1, 2]);
  let dw: tf.TensorInfo | undefined;
  try {
    for (let first = 0; first < g.batch; first += chunk) {
      const samples = Math.min(chunk, g.batch - first);
      const a = backend.makeOutput([1, rows, samples * pixels], 'float32');
      // A private copy of dy: XNNPACK caches the packed right operand by tensor id (not shape)
      // until that tensor is freed; ours is freed right below, so nothing stale or big lingers.
      const b =
        samples === g.batch
          ? copyFloat32(backend, dy)
          : slice(backend, dy, [first, 0, 0, 0], [samples, g.outHeight, g.outWidth, g.outChannels]);
      fillIm2col(heapFloat32(backend, xt), heapFloat32(backend, a), g, first, samples);
      const product = runWasmKernel(
        backend,
        'BatchMatMul',
        { a, b: view(b, [1, samples * pixels, g.outChannels]) },
        { transposeA: false, transposeB: false },
      );
      release(backend, a, b);
      if (dw === undefined) {
        dw = product;
      } else {
        const sum = heapFloat32(backend, dw);
        const part = heapFloat32(backend, product);
        for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (part[i] ?? 0);
        release(backend, product);
      }
    }
  } finally {
    if (xt !== x) release(backend, xt);
  }
  if (dw === undefined) throw new Error('conv2dBackpropFilterIm2col: empty batch');
  return view(dw, [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels]);
}
