import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { conv2dBackpropFilterWasm, forwardConvGeometry } from './conv2dBackpropFilterWasm';
import { onCpuAndWasm } from './onCpuAndWasm';
import { setTrainingSimdEnabled, trainingSimd } from './trainingSimd';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: Pad;
}

/**
 * C_out a multiple of 4 (the SIMD path): 8-wide tiles, a 4-wide tail (12, 20), both; rows
 * kW·C_in a multiple of 4 or not; strides, 'same'/'valid'/explicit padding, 1D and 2D, batch 1 and
 * more, and the model-A layer shapes at a short length.
 */
const cases: Case[] = [
  { x: [2, 1, 40, 1], filter: [1, 7, 1, 16], strides: [1, 1], pad: 'same' },
  { x: [3, 1, 33, 16], filter: [1, 5, 16, 32], strides: [1, 1], pad: 'same' },
  { x: [2, 1, 29, 32], filter: [1, 3, 32, 32], strides: [1, 1], pad: 'same' },
  { x: [2, 1, 37, 3], filter: [1, 5, 3, 12], strides: [1, 2], pad: 'same' },
  { x: [1, 1, 50, 2], filter: [1, 4, 2, 4], strides: [1, 3], pad: 'valid' },
  { x: [2, 1, 300, 5], filter: [1, 9, 5, 20], strides: [1, 1], pad: 'same' },
  { x: [3, 7, 9, 2], filter: [3, 3, 2, 8], strides: [2, 2], pad: 'valid' },
  { x: [2, 8, 10, 3], filter: [2, 4, 3, 12], strides: [3, 2], pad: 'same' },
  { x: [2, 6, 7, 1], filter: [3, 3, 1, 4], strides: [1, 1], pad: 2 },
  {
    x: [2, 5, 7, 3],
    filter: [2, 2, 3, 8],
    strides: [1, 1],
    pad: [
      [0, 0],
      [0, 4],
      [3, 1],
      [0, 0],
    ],
  },
  { x: [1, 4, 4, 2], filter: [1, 1, 2, 4], strides: [2, 2], pad: 'valid' },
];

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  expect(worst / scale, what).toBeLessThanOrEqual(1e-4);
}

/** dW through tfjs's own conv2d gradient (seeded inputs, the same numbers on both backends). */
function filterGradient(c: Case): tf.Tensor {
  const x = tf.randomUniform(c.x, -1, 1, 'float32', 11) as tf.Tensor4D;
  const outShape = tf.conv2d(x, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad).shape;
  const dy = tf.randomUniform(outShape, -1, 1, 'float32', 12);
  const w = tf.randomUniform(c.filter, -1, 1, 'float32', 13);
  return tf.grad((filter: tf.Tensor) =>
    tf
      .conv2d(x, filter as tf.Tensor4D, c.strides, c.pad)
      .mul(dy)
      .sum(),
  )(w);
}

afterEach(() => {
  setTrainingSimdEnabled(true);
  vi.restoreAllMocks();
});

describe('Conv2DBackpropFilter in WebAssembly SIMD', () => {
  it.each(cases)('matches the cpu backend, and runs in SIMD: $x $filter $strides $pad', async (c) => {
    await initBackend('wasm');
    const simd = trainingSimd(tf.backend() as unknown as BackendWasm);
    expect(simd, 'the SIMD module loads in Node').toBeDefined();
    if (simd === undefined) return;
    const gemm = vi.spyOn(simd.run, c.filter[3] % 8 === 0 ? 'dw_gemm_8' : 'dw_gemm_4');
    const { cpu, wasm } = await onCpuAndWasm(() => filterGradient(c));
    expect(gemm).toHaveBeenCalled();
    expectClose(wasm, cpu, JSON.stringify(c));
  });

  it('gives the im2col result when the SIMD module is unavailable, or C_out is not a multiple of 4', async () => {
    for (const c of [cases[1] as Case, { ...(cases[3] as Case), filter: [1, 5, 3, 6] as Case['filter'] }]) {
      await initBackend('wasm');
      const simd = trainingSimd(tf.backend() as unknown as BackendWasm);
      if (simd === undefined) throw new Error('the SIMD module did not load');
      const gemm = vi.spyOn(simd.run, 'dw_gemm_8');
      setTrainingSimdEnabled(false);
      const off = await onCpuAndWasm(() => filterGradient(c));
      expect(gemm).not.toHaveBeenCalled();
      setTrainingSimdEnabled(true);
      const on = await onCpuAndWasm(() => filterGradient(c));
      // With SIMD enabled: only for C_out a multiple of 4.
      expect(gemm.mock.calls.length > 0).toBe(c.filter[3] % 4 === 0);
      expectClose(off.wasm, off.cpu, `fallback: ${JSON.stringify(c)}`);
      expectClose(on.wasm, off.wasm, `SIMD against im2col: ${JSON.stringify(c)}`);
      gemm.mockRestore();
    }
  });

  it('frees every buffer it allocates, and the strategy "simd" equals "im2col"', async () => {
    await initBackend('wasm');
    const backend = tf.backend() as unknown as BackendWasm;
    const c = cases[7] as Case;
    const x = tf.randomUniform(c.x, -1, 1, 'float32', 1);
    const outShape = tf.tidy(
      () => tf.conv2d(x as tf.Tensor4D, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad).shape,
    );
    const dy = tf.randomUniform(outShape, -1, 1, 'float32', 2);
    const geometry = forwardConvGeometry(x.shape, dy.shape, { strides: c.strides, pad: c.pad, filterShape: c.filter });
    const dataIds = backend.numDataIds();
    const [simd, im2col] = (['simd', 'im2col'] as const).map((strategy) =>
      tf.engine().makeTensorFromTensorInfo(conv2dBackpropFilterWasm(backend, x, dy, geometry, strategy)),
    ) as [tf.Tensor, tf.Tensor];
    expect(backend.numDataIds()).toBe(dataIds + 2);
    expectClose(new Float32Array(await simd.data()), new Float32Array(await im2col.data()), 'simd vs im2col');
    tf.dispose([x, dy, simd, im2col]);
  });
});
