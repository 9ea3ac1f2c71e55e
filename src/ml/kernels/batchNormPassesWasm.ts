/**
 * The two heap passes of training-mode batch normalization on the wasm backend (forward and
 * closed-form gradient of `fastBatchNormTraining.ts`), over every axis but the last.
 *
 * With channels a multiple of 4 and the SIMD module of `trainingSimd.ts` loaded, each pass is one
 * WebAssembly SIMD loop (`bn_moments` + `bn_normalize`, `bn_grad_sums` + `bn_grad_dx`: about 10x
 * faster than JavaScript); otherwise a JavaScript loop over the heap. Both sum about a shift (each
 * channel's first value, c): float32 partial sums of 64 rows (SIMD) or float64 sums (JavaScript)
 * of d = x − c and d², added up in float64, which keeps the variance accurate for a mean large
 * against the spread. The SIMD maps also work about c, whose float32 difference x − c is exact near
 * the mean, and fold μ − c (float64) into their per-channel constants:
 *
 *   y  = (x − c)·a + (β − (μ − c)·a),                     a = γ/σ
 *   dx = a·dy + b·(x − c) + (−a·dβ/N − b·(μ − c)),        b = −a·dγ/(σN),  dγ = Σ dy·(x − μ)/σ
 *
 * with Σ dy·(x − μ) = Σ dy·(x − c) − (μ − c)·Σ dy in float64.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapAddress, scratch, type TrainingSimd, trainingSimd } from './trainingSimd';
import { heapFloat32 } from './wasmKernelCalls';

/** What the forward hands the gradient: μ, 1/σ and the shift c, per channel, in float64. */
export interface BatchNormStatistics {
  readonly mu: Float64Array;
  readonly invStd: Float64Array;
  readonly shift: Float64Array;
}

/**
 * Rows per block of the JavaScript passes: each walks a block channel by channel (a strided inner
 * loop with scalar accumulators, the block staying in cache), which V8 runs about twice as fast as
 * a row-major loop that updates per-channel arrays.
 */
const blockRows = 256;

/** Values of a small float32 tensor on the wasm heap, as float64. */
export function smallValues(backend: BackendWasm, t: tf.Tensor): Float64Array {
  return Float64Array.from(heapFloat32(backend, t));
}

/** The SIMD module when it applies to `channels`, else undefined. */
function simdFor(backend: BackendWasm, channels: number, rows: number): TrainingSimd | undefined {
  return channels > 0 && channels % 4 === 0 && rows > 0 ? trainingSimd(backend) : undefined;
}

/**
 * Per-channel constants (float32, 4 arrays of C: the shift and up to three more) and two float64
 * sums (C each) on the heap for one SIMD pass.
 */
class ChannelParameters {
  readonly scratch: { info: tf.TensorInfo; at: number };
  constructor(
    private readonly simd: TrainingSimd,
    private readonly channels: number,
  ) {
    this.scratch = scratch(simd, 8 * channels);
  }

  /** Byte address of float32 array `index` (0–3), or of float64 sum 4 or 5. */
  at(index: number): number {
    const c = this.channels;
    return this.scratch.at + (index < 4 ? 4 * index * c : 16 * c + 8 * (index - 4) * c);
  }

  set(index: number, values: ArrayLike<number>): void {
    new Float32Array(this.simd.memory.buffer, this.at(index), this.channels).set(values);
  }

  zeroSums(): void {
    new Float32Array(this.simd.memory.buffer, this.at(4), 4 * this.channels).fill(0);
  }

  sums(index: 4 | 5): Float64Array {
    const view = new DataView(this.simd.memory.buffer, this.at(index), 8 * this.channels);
    return Float64Array.from({ length: this.channels }, (_, c) => view.getFloat64(8 * c, true));
  }

  release(): void {
    this.simd.backend.disposeData(this.scratch.info.dataId);
  }
}

/** Per-channel sums of d = x − shift and d² (float64), in SIMD or in JavaScript. */
function moments(backend: BackendWasm, x: tf.Tensor, shift: Float64Array, channels: number, rows: number) {
  const simd = simdFor(backend, channels, rows);
  if (simd !== undefined) {
    const p = new ChannelParameters(simd, channels);
    try {
      p.set(0, shift);
      p.zeroSums();
      simd.run.bn_moments(heapAddress(simd, x), 0, rows, 4 * channels, channels / 4, p.at(0), p.at(4), p.at(5));
      return { sum: p.sums(4), sumSquares: p.sums(5) };
    } finally {
      p.release();
    }
  }
  const xs = heapFloat32(backend, x);
  const sum = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  const size = rows * channels;
  const block = blockRows * channels;
  for (let start = 0; start < size; start += block) {
    const end = Math.min(size, start + block);
    for (let c = 0; c < channels; c++) {
      const k = shift[c] as number;
      let s = 0;
      let s2 = 0;
      for (let i = start + c; i < end; i += channels) {
        const d = (xs[i] as number) - k;
        s += d;
        s2 += d * d;
      }
      sum[c] = (sum[c] as number) + s;
      sumSquares[c] = (sumSquares[c] as number) + s2;
    }
  }
  return { sum, sumSquares };
}

/**
 * The training-mode forward: per-channel moments (the biased variance, as `tf.moments`, which the
 * stock layer feeds to the moving variance), then y = (x − μ)·γ/σ + β. Returns the tensors
 * (output, mean, variance: float32) and the statistics the gradient needs.
 */
export function batchNormForwardWasm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
): { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } & BatchNormStatistics {
  const backend = tf.backend() as unknown as BackendWasm;
  const channels = x.shape[x.rank - 1] ?? 1;
  const rows = x.size / channels;
  const g = smallValues(backend, gamma);
  const bt = smallValues(backend, beta);
  const shift =
    rows > 0 ? Float64Array.from(heapFloat32(backend, x).subarray(0, channels)) : new Float64Array(channels);
  const { sum, sumSquares } = moments(backend, x, shift, channels, rows);
  const outInfo = backend.makeOutput([...x.shape], 'float32');
  const meanInfo = backend.makeOutput([channels], 'float32');
  const varianceInfo = backend.makeOutput([channels], 'float32');
  const mu = new Float64Array(channels);
  const invStd = new Float64Array(channels);
  const scale = new Float64Array(channels);
  const offset = new Float64Array(channels);
  const means = heapFloat32(backend, meanInfo);
  const variances = heapFloat32(backend, varianceInfo);
  for (let c = 0; c < channels; c++) {
    const s = sum[c] as number;
    const v = Math.max(0, ((sumSquares[c] as number) - (s * s) / rows) / rows);
    mu[c] = (shift[c] as number) + s / rows;
    invStd[c] = 1 / Math.sqrt(v + epsilon);
    scale[c] = (g[c] as number) * (invStd[c] as number);
    offset[c] = (bt[c] as number) - (s / rows) * (scale[c] as number);
    means[c] = mu[c] as number;
    variances[c] = v;
  }
  const simd = simdFor(backend, channels, rows);
  if (simd !== undefined) {
    const p = new ChannelParameters(simd, channels);
    try {
      [shift, scale, offset].forEach((values, i) => {
        p.set(i, values);
      });
      const [xAt, yAt] = [heapAddress(simd, x), heapAddress(simd, outInfo)];
      simd.run.bn_normalize(xAt, yAt, rows, channels / 4, p.at(0), p.at(1), p.at(2));
    } finally {
      p.release();
    }
  } else {
    const xs = heapFloat32(backend, x);
    const ys = heapFloat32(backend, outInfo);
    const size = rows * channels;
    const block = blockRows * channels;
    for (let start = 0; start < size; start += block) {
      const end = Math.min(size, start + block);
      for (let c = 0; c < channels; c++) {
        const m = mu[c] as number;
        const a = scale[c] as number;
        const b = bt[c] as number;
        for (let i = start + c; i < end; i += channels) ys[i] = ((xs[i] as number) - m) * a + b;
      }
    }
  }
  const engine = tf.engine();
  const [output, mean, variance] = [outInfo, meanInfo, varianceInfo].map((info) =>
    engine.makeTensorFromTensorInfo(info),
  ) as [tf.Tensor, tf.Tensor, tf.Tensor];
  return { output, mean, variance, mu, invStd, shift };
}

/**
 * The closed-form gradient, [dx, dγ, dβ]: per-channel sums of dy and dy·(x − μ) in float64, then
 * dx = a·dy + b·(x − μ) + k per channel, a = γ/σ, b = −a·dγ/(σN), k = −a·dβ/N. `shift` must hold
 * float32 values (the forward's; by default μ rounded to float32).
 */
export function batchNormGradWasm(
  dy: tf.Tensor,
  x: tf.Tensor,
  gamma: tf.Tensor,
  statistics: Omit<BatchNormStatistics, 'shift'> & { readonly shift?: Float64Array },
): tf.Tensor[] {
  const { mu, invStd } = statistics;
  const backend = tf.backend() as unknown as BackendWasm;
  const channels = x.shape[x.rank - 1] ?? 1;
  const rows = x.size / channels;
  const g = smallValues(backend, gamma);
  const shift = statistics.shift ?? mu.map(Math.fround);
  const simd = simdFor(backend, channels, rows);
  const p = simd === undefined ? undefined : new ChannelParameters(simd, channels);
  try {
    const dxInfo = backend.makeOutput([...x.shape], 'float32');
    const dGammaInfo = backend.makeOutput([channels], 'float32');
    const dBetaInfo = backend.makeOutput([channels], 'float32');
    let sumDy: Float64Array;
    let sumDyCentred: Float64Array;
    if (simd !== undefined && p !== undefined) {
      p.set(0, shift);
      p.zeroSums();
      const [xAt, dyAt] = [heapAddress(simd, x), heapAddress(simd, dy)];
      simd.run.bn_grad_sums(xAt, dyAt, rows, 4 * channels, channels / 4, p.at(0), p.at(4), p.at(5));
      sumDy = p.sums(4);
      const aboutShift = p.sums(5);
      sumDyCentred = aboutShift.map((value, c) => value - ((mu[c] as number) - (shift[c] as number)) * (sumDy[c] ?? 0));
    } else {
      ({ sumDy, sumDyCentred } = gradientSumsJs(heapFloat32(backend, dy), heapFloat32(backend, x), mu, channels));
    }
    const a = new Float64Array(channels);
    const b = new Float64Array(channels);
    const k = new Float64Array(channels);
    const dGammas = heapFloat32(backend, dGammaInfo);
    const dBetas = heapFloat32(backend, dBetaInfo);
    for (let c = 0; c < channels; c++) {
      const s = invStd[c] as number;
      const dGamma = (sumDyCentred[c] as number) * s;
      const dBeta = sumDy[c] as number;
      dGammas[c] = dGamma;
      dBetas[c] = dBeta;
      a[c] = (g[c] as number) * s;
      b[c] = (-(a[c] as number) * s * dGamma) / rows;
      k[c] = (-(a[c] as number) * dBeta) / rows;
    }
    if (simd !== undefined && p !== undefined) {
      // k about the shift: −a·dβ/N − b·(μ − c).
      p.set(1, a);
      p.set(2, b);
      p.set(
        3,
        k.map((value, c) => value - (b[c] as number) * ((mu[c] as number) - (shift[c] as number))),
      );
      const [dyAt, xAt, dxAt] = [heapAddress(simd, dy), heapAddress(simd, x), heapAddress(simd, dxInfo)];
      simd.run.bn_grad_dx(dyAt, xAt, dxAt, rows, channels / 4, p.at(1), p.at(2), p.at(0), p.at(3));
    } else {
      const [xs, dys, dxs] = [heapFloat32(backend, x), heapFloat32(backend, dy), heapFloat32(backend, dxInfo)];
      const size = rows * channels;
      const block = blockRows * channels;
      for (let start = 0; start < size; start += block) {
        const end = Math.min(size, start + block);
        for (let c = 0; c < channels; c++) {
          const [ac, bc, kc] = [
            a[c] as number,
            b[c] as number,
            (k[c] as number) - (b[c] as number) * (mu[c] as number),
          ];
          for (let i = start + c; i < end; i += channels) {
            dxs[i] = ac * (dys[i] as number) + bc * (xs[i] as number) + kc;
          }
        }
      }
    }
    const engine = tf.engine();
    return [dxInfo, dGammaInfo, dBetaInfo].map((info) => engine.makeTensorFromTensorInfo(info));
  } finally {
    p?.release();
  }
}

/** Σ dy and Σ dy·(x − μ) per channel, in float64 (the JavaScript pass). */
function gradientSumsJs(
  dys: Float32Array,
  xs: Float32Array,
  mu: Float64Array,
  channels: number,
): { sumDy: Float64Array; sumDyCentred: Float64Array } {
  const sumDy = new Float64Array(channels);
  const sumDyCentred = new Float64Array(channels);
  const size = xs.length;
  const block = blockRows * channels;
  for (let start = 0; start < size; start += block) {
    const end = Math.min(size, start + block);
    for (let c = 0; c < channels; c++) {
      const m = mu[c] as number;
      let s = 0;
      let sc = 0;
      for (let i = start + c; i < end; i += channels) {
        const d = dys[i] as number;
        s += d;
        sc += d * ((xs[i] as number) - m);
      }
      sumDy[c] = (sumDy[c] as number) + s;
      sumDyCentred[c] = (sumDyCentred[c] as number) + sc;
    }
  }
  return { sumDy, sumDyCentred };
}
