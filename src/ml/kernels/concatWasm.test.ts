import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { concatInto } from './concatWasm';

/** The same concatenation on cpu and on wasm (with our kernel); values and shape; no tensor left behind. */
async function onBoth(make: () => tf.Tensor): Promise<{ cpu: number[]; wasm: number[]; shape: number[] }> {
  const run = async (backend: 'cpu' | 'wasm') => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const out = tf.tidy(make);
    const values = Array.from(await out.data());
    const shape = out.shape;
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    return { values, shape };
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  expect(wasm.shape).toEqual(cpu.shape);
  return { cpu: cpu.values, wasm: wasm.values, shape: cpu.shape };
}

const ramp = (shape: number[], start: number, dtype: 'float32' | 'int32' = 'float32') =>
  tf
    .tensor(
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => start + i * 0.5),
      shape,
      dtype,
    )
    .asType(dtype);

describe('concatInto', () => {
  it('interleaves rows of short (value by value) and long (copyWithin) blocks inside one buffer', () => {
    const heap = new Float32Array(2 * 3 + 2 * 20 + 2 * 23 + 4);
    const a = heap.subarray(0, 6);
    const b = heap.subarray(6, 46);
    a.set([1, 2, 3, 4, 5, 6]);
    b.set(Array.from({ length: 40 }, (_, i) => 100 + i));
    const out = heap.subarray(48, 94);
    concatInto([a, b], [3, 20], 2, out);
    const expected = [1, 2, 3, ...Array.from({ length: 20 }, (_, i) => 100 + i), 4, 5, 6];
    expected.push(...Array.from({ length: 20 }, (_, i) => 120 + i));
    expect(Array.from(out)).toEqual(expected);
  });

  it('refuses views of different buffers', () => {
    expect(() => concatInto([new Float32Array(2)], [2], 1, new Float32Array(2))).toThrow(/share a buffer/);
  });
});

describe('Concat on wasm (faster kernel) equals cpu', () => {
  const cases: { name: string; shapes: number[][]; axis: number }[] = [
    {
      name: 'U-Net skip: channels of [N, 1, L, C]',
      shapes: [
        [2, 1, 37, 4],
        [2, 1, 37, 4],
      ],
      axis: -1,
    },
    {
      name: 'unequal channels across the move threshold',
      shapes: [
        [3, 1, 5, 2],
        [3, 1, 5, 70],
        [3, 1, 5, 16],
      ],
      axis: 3,
    },
    {
      name: 'middle axis',
      shapes: [
        [2, 3, 4],
        [2, 5, 4],
      ],
      axis: 1,
    },
    {
      name: 'leading axis',
      shapes: [
        [2, 3],
        [4, 3],
      ],
      axis: 0,
    },
    {
      name: 'an empty input',
      shapes: [
        [2, 0],
        [2, 3],
        [2, 2],
      ],
      axis: 1,
    },
  ];
  it.each(cases)('$name', async ({ shapes, axis }) => {
    const { cpu, wasm } = await onBoth(() =>
      tf.concat(
        shapes.map((shape, i) => ramp(shape, 10 * i)),
        axis,
      ),
    );
    expect(wasm).toEqual(cpu);
  });

  it('int32 and bool (bool goes to the stock kernel)', async () => {
    const ints = await onBoth(() => tf.concat([ramp([2, 3], 1, 'int32'), ramp([2, 1], 7, 'int32')], 1));
    expect(ints.wasm).toEqual(ints.cpu);
    const bools = await onBoth(() =>
      tf.concat([tf.tensor([[true], [false]], [2, 1], 'bool'), tf.tensor([[false], [true]], [2, 1], 'bool')], 1),
    );
    expect(bools.wasm).toEqual(bools.cpu);
  });

  it('keeps NaN, infinities and -0 bit for bit', async () => {
    const special = [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e-40];
    const { wasm } = await onBoth(() => tf.concat([tf.tensor2d([special]), tf.tensor2d([[1, 2]])], 1));
    expect(Object.is(wasm[2], -0)).toBe(true);
    expect(wasm.slice(0, 4)).toEqual(special.map((v) => Math.fround(v)));
  });

  it('gradients through concat still match cpu', async () => {
    const { cpu, wasm } = await onBoth(() => {
      const a = ramp([2, 1, 6, 3], 0.1);
      const b = ramp([2, 1, 6, 2], -0.3);
      const grad = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.concat([x, y], -1))));
      return tf.concat(grad([a, b]).map((g) => g.flatten()));
    });
    expect(wasm).toEqual(cpu);
  });
});
