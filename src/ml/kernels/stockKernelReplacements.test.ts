import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { consecutiveAxes } from './leadingAxesReduceWasm';
import { onCpuAndWasm } from './onCpuAndWasm';
import { tileInto } from './tileWasm';

const onBoth = onCpuAndWasm;

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)) > 1e-4 * scale) {
      expect(actual[i], `${what}, value ${i}`).toBeCloseTo(expected[i] ?? 0, 4);
    }
  }
}

const random = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

describe('Conv2DBackpropInput on wasm (conv2d of the zero-stuffed dy)', () => {
  const cases: { x: number[]; filter: number[]; strides: [number, number]; pad: Pad }[] = [
    { x: [2, 1, 37, 3], filter: [1, 5, 3, 4], strides: [1, 1], pad: 'same' },
    { x: [2, 1, 40, 2], filter: [1, 4, 2, 3], strides: [1, 2], pad: 'same' },
    { x: [3, 1, 31, 2], filter: [1, 3, 2, 5], strides: [1, 3], pad: 'valid' },
    { x: [2, 7, 9, 2], filter: [3, 3, 2, 4], strides: [2, 2], pad: 'valid' },
    { x: [1, 8, 10, 3], filter: [2, 4, 3, 2], strides: [3, 2], pad: 'same' },
    {
      x: [2, 6, 6, 3],
      filter: [3, 3, 3, 2],
      strides: [1, 1],
      pad: [
        [0, 0],
        [1, 2],
        [2, 0],
        [0, 0],
      ],
    },
    {
      x: [2, 5, 7, 3],
      filter: [2, 2, 3, 2],
      strides: [1, 1],
      pad: [
        [0, 0],
        [0, 4],
        [1, 1],
        [0, 0],
      ],
    },
    { x: [2, 9, 9, 2], filter: [3, 3, 2, 3], strides: [2, 2], pad: 1 },
    // Top padding > k − 1: handed to the stock kernel.
    {
      x: [1, 5, 5, 2],
      filter: [2, 2, 2, 2],
      strides: [1, 1],
      pad: [
        [0, 0],
        [3, 0],
        [0, 0],
        [0, 0],
      ],
    },
  ];

  it.each(cases)('gives the conv2d input gradient cpu gives: $x $filter $strides $pad', async (c) => {
    const { cpu, wasm } = await onBoth(() => {
      const x = random(c.x, 1) as tf.Tensor4D;
      const w = random(c.filter, 2) as tf.Tensor4D;
      const dy = random(tf.conv2d(x, w, c.strides, c.pad).shape, 3);
      return tf.grad((input: tf.Tensor) =>
        tf
          .conv2d(input as tf.Tensor4D, w, c.strides, c.pad)
          .mul(dy)
          .sum(),
      )(x);
    });
    expectClose(wasm, cpu, JSON.stringify(c));
  });

  it('runs conv2dTranspose [1, 2] stride 2 (its forward pass) as cpu does', async () => {
    for (const pad of ['same', 'valid'] as const) {
      const { cpu, wasm, shape } = await onBoth(() =>
        tf.conv2dTranspose(
          random([3, 1, 16, 4], 4) as tf.Tensor4D,
          random([1, 2, 5, 4], 5) as tf.Tensor4D,
          [3, 1, 32, 5],
          [1, 2],
          pad,
        ),
      );
      expect(shape).toEqual([3, 1, 32, 5]);
      expectClose(wasm, cpu, `conv2dTranspose ${pad}`);
    }
  });
});

describe('Tile on wasm (block copies)', () => {
  it.each([
    { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1] },
    { shape: [2, 3], reps: [3, 2] },
    { shape: [2, 1, 3], reps: [1, 4, 2] },
    { shape: [4], reps: [3] },
    { shape: [2, 2], reps: [1, 1] },
    { shape: [2, 3], reps: [0, 2] },
  ])('matches cpu for $shape × $reps, float32, int32 and bool', async ({ shape, reps }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: size }, (_, i) => i * 3 - 4);
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const { cpu, wasm } = await onBoth(() => tf.tile(tf.tensor(values, shape, dtype), reps).cast('float32'));
      expect(Array.from(wasm), `${dtype}`).toEqual(Array.from(cpu));
    }
  });

  it('tiles a plain array like a reference loop', () => {
    const source = Float32Array.from({ length: 6 }, (_, i) => i + 1);
    const target = new Float32Array(2 * 3 * 2 * 2);
    tileInto(source, [1, 3, 2], [2, 1, 2], target);
    const expected: number[] = [];
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 3; b++) for (let c = 0; c < 4; c++) expected.push(b * 2 + (c % 2) + 1);
    expect(Array.from(target)).toEqual(expected);
  });
});

describe('Sum and Mean over leading (or consecutive) axes on wasm', () => {
  it('recognises runs of consecutive axes before the last', () => {
    expect(consecutiveAxes([0, 1, 2], 4)).toEqual([0, 3]);
    expect(consecutiveAxes([1, 0], 3)).toEqual([0, 2]);
    expect(consecutiveAxes([0, 1, 2], 3)).toBeUndefined();
    expect(consecutiveAxes(1, 3)).toEqual([1, 2]);
    expect(consecutiveAxes([2, 1], 4)).toEqual([1, 3]);
    expect(consecutiveAxes(-2, 3)).toEqual([1, 2]);
    expect(consecutiveAxes([2], 3)).toBeUndefined();
    expect(consecutiveAxes([0, 2], 4)).toBeUndefined();
    expect(consecutiveAxes([], 3)).toBeUndefined();
    expect(consecutiveAxes(null, 3)).toBeUndefined();
  });

  it.each([
    { shape: [4, 5, 3], axis: [0, 1] as number | number[], keepDims: false },
    { shape: [4, 5, 3], axis: 0, keepDims: true },
    { shape: [2, 3, 70, 6], axis: [0, 1, 2], keepDims: false },
    { shape: [300, 7], axis: [-2], keepDims: false },
    { shape: [6, 4, 1030], axis: [0, 1], keepDims: true },
    { shape: [4, 5, 3], axis: [1], keepDims: false },
    { shape: [4, 5, 3], axis: [0, 2], keepDims: true },
    { shape: [3, 40, 8], axis: 1, keepDims: true },
    { shape: [2, 3, 4, 5, 6], axis: [2, 1], keepDims: false },
    { shape: [2, 3, 4, 5], axis: [1, 2], keepDims: true },
  ])('matches cpu: $shape over $axis (keepDims $keepDims)', async ({ shape, axis, keepDims }) => {
    for (const op of [tf.sum, tf.mean]) {
      const { cpu, wasm } = await onBoth(() => op(random(shape, 7), axis, keepDims));
      expectClose(wasm, cpu, `${op.name} ${shape} ${axis}`);
    }
    const ints = await onBoth(() =>
      tf.sum(
        tf.tensor(
          Array.from({ length: 60 }, (_, i) => i),
          [4, 5, 3],
          'int32',
        ),
        [0, 1],
      ),
    );
    expect(Array.from(ints.wasm)).toEqual(Array.from(ints.cpu));
  });
});

describe('MaxPoolGrad on wasm', () => {
  it.each([
    { x: [2, 16, 1, 3], pool: [2, 1] as [number, number], strides: [2, 1] as [number, number], pad: 'valid' as const },
    { x: [2, 1, 17, 3], pool: [1, 2] as [number, number], strides: [1, 2] as [number, number], pad: 'same' as const },
    { x: [1, 7, 9, 2], pool: [3, 3] as [number, number], strides: [2, 2] as [number, number], pad: 'same' as const },
    { x: [2, 6, 6, 4], pool: [2, 3] as [number, number], strides: [1, 2] as [number, number], pad: 'valid' as const },
  ])('routes dy to the first maximum like cpu, ties included: $x $pool $strides $pad', async (c) => {
    const { cpu, wasm } = await onBoth(() => {
      // Values on a coarse grid: many windows hold equal maxima.
      const x = random(c.x, 8).mul(2).round() as tf.Tensor4D;
      const dy = random(tf.maxPool(x, c.pool, c.strides, c.pad).shape, 9);
      return tf.grad((input: tf.Tensor) =>
        tf
          .maxPool(input as tf.Tensor4D, c.pool, c.strides, c.pad)
          .mul(dy)
          .sum(),
      )(x);
    });
    expectClose(wasm, cpu, JSON.stringify(c));
  });
});

describe('Identity on wasm (shared data, as on cpu and webgl)', () => {
  it('clones without copying, and each tensor can be disposed on its own', async () => {
    await initBackend('wasm');
    const backend = tf.backend();
    const before = backend.numDataIds();
    const x = tf.tensor([1, 2, 3], [3]);
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3]);
    y.dispose();
    expect(backend.numDataIds()).toBe(before);
    const words = tf.tensor(['a', 'b']);
    const copied = tf.clone(words);
    expect(await copied.data()).toEqual(['a', 'b']);
    tf.dispose([words, copied]);
  });
});

describe('Cast on wasm (shared data when the dtype stays, as on cpu)', () => {
  it('casts to the same dtype without copying; other dtypes as the stock kernel', async () => {
    await initBackend('wasm');
    const backend = tf.backend();
    const before = backend.numDataIds();
    const x = tf.tensor([1.5, -2, 3], [3]);
    const same = tf.cast(x, 'float32');
    expect(backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(await same.data())).toEqual([1.5, -2, 3]);
    // (The stock wasm cast to bool copies values truncated to a byte, −2 → 254: not used here.)
    const ints = tf.cast(same, 'int32');
    const back = tf.cast(ints, 'float32');
    expect(backend.numDataIds()).toBe(before + 3);
    expect([ints.dtype, back.dtype]).toEqual(['int32', 'float32']);
    expect(Array.from(await ints.data())).toEqual([1, -2, 3]);
    expect(Array.from(await back.data())).toEqual([1, -2, 3]);
    tf.dispose([same, ints, back]);
    expect(backend.numDataIds()).toBe(before);
  });

  it('keeps the relu gradient as cpu gives it', async () => {
    const { cpu, wasm } = await onBoth(() =>
      tf.grad((x: tf.Tensor) =>
        tf
          .relu(x)
          .mul(random([4, 9], 2))
          .sum(),
      )(random([4, 9], 1)),
    );
    expectClose(wasm, cpu, 'relu gradient');
  });
});
