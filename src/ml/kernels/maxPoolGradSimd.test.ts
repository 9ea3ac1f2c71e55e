import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { onCpuAndWasm } from './onCpuAndWasm';
import { setTrainingSimdEnabled, trainingSimd } from './trainingSimd';

type Pair = [number, number];

interface Case {
  readonly x: [number, number, number, number];
  readonly pool: Pair;
  readonly strides: Pair;
  readonly pad: 'valid' | 'same';
}

/**
 * Channels a multiple of 4 (the SIMD path). Windows that tile x exactly (1D as tfjs-layers pools
 * it, [N, L, 1, C], and as [N, 1, L, C]), overlap (add), leave gaps (stride > window), are clipped
 * by 'same' padding at both ends of both axes, or cover a whole axis.
 */
const cases: Case[] = [
  { x: [3, 64, 1, 8], pool: [2, 1], strides: [2, 1], pad: 'valid' },
  { x: [2, 1, 64, 16], pool: [1, 2], strides: [1, 2], pad: 'same' },
  { x: [2, 1, 33, 4], pool: [1, 3], strides: [1, 2], pad: 'same' },
  { x: [2, 7, 9, 4], pool: [3, 3], strides: [2, 2], pad: 'same' },
  { x: [1, 6, 6, 8], pool: [2, 3], strides: [1, 2], pad: 'valid' },
  { x: [2, 11, 10, 4], pool: [2, 2], strides: [3, 3], pad: 'valid' },
  { x: [2, 5, 9, 12], pool: [5, 2], strides: [1, 1], pad: 'same' },
  { x: [2, 4, 5, 4], pool: [4, 5], strides: [4, 5], pad: 'valid' },
  { x: [1, 2, 2, 4], pool: [3, 3], strides: [1, 1], pad: 'same' },
];

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  expect(worst / scale, what).toBeLessThanOrEqual(1e-6);
}

/** dx of max pooling, on values from a coarse grid (many tied maxima), some −∞ and NaN. */
function poolGradient(c: Case, special = false): tf.Tensor {
  let x = tf.randomUniform(c.x, -1, 1, 'float32', 8).mul(2).round();
  if (special) {
    const size = x.size;
    const marks = Array.from({ length: size }, (_, i) =>
      i % 7 === 3 ? Number.NEGATIVE_INFINITY : i % 11 === 5 ? Number.NaN : 0,
    );
    x = x.add(tf.tensor(marks, c.x));
  }
  const dy = tf.randomUniform(tf.maxPool(x as tf.Tensor4D, c.pool, c.strides, c.pad).shape, -1, 1, 'float32', 9);
  return tf.grad((input: tf.Tensor) =>
    tf
      .maxPool(input as tf.Tensor4D, c.pool, c.strides, c.pad)
      .mul(dy)
      .sum(),
  )(x);
}

async function simdSpies() {
  await initBackend('wasm');
  const simd = trainingSimd(tf.backend() as unknown as BackendWasm);
  if (simd === undefined) throw new Error('the SIMD module did not load');
  return [vi.spyOn(simd.run, 'max_pool_grad_set'), vi.spyOn(simd.run, 'max_pool_grad_add')];
}

afterEach(() => {
  setTrainingSimdEnabled(true);
  vi.restoreAllMocks();
});

describe('MaxPoolGrad in WebAssembly SIMD', () => {
  it.each(cases)('routes dy to the first maximum like cpu, in SIMD: $x $pool $strides $pad', async (c) => {
    const spies = await simdSpies();
    const { cpu, wasm } = await onCpuAndWasm(() => poolGradient(c));
    expect(spies.some((spy) => spy.mock.calls.length > 0)).toBe(true);
    // Overlapping windows add up, disjoint ones store.
    const overlap = c.strides[0] < c.pool[0] || c.strides[1] < c.pool[1];
    expect((spies[1]?.mock.calls.length ?? 0) > 0).toBe(overlap);
    expectClose(wasm, cpu, JSON.stringify(c));
  });

  it('lets neither NaN nor −∞ win, as cpu', async () => {
    for (const c of [cases[0] as Case, cases[3] as Case]) {
      const { cpu, wasm } = await onCpuAndWasm(() => poolGradient(c, true));
      expectClose(wasm, cpu, JSON.stringify(c));
    }
  });

  it('gives the JavaScript pass’s result when the SIMD module is unavailable', async () => {
    const spies = await simdSpies();
    setTrainingSimdEnabled(false);
    const off = await onCpuAndWasm(() => poolGradient(cases[3] as Case));
    expect(spies.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    setTrainingSimdEnabled(true);
    const on = await onCpuAndWasm(() => poolGradient(cases[3] as Case));
    expectClose(off.wasm, off.cpu, 'fallback');
    expect(Array.from(on.wasm)).toEqual(Array.from(off.wasm));
  });
});
