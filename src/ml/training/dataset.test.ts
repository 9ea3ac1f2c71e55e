import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { initBackend } from '../backend/initBackend';
import { batchCount, batches, createDataset, type Dataset, splitDataset, subsetDataset } from './dataset';

/** n samples: input `x` [2] = (i, −i), input `s` [1] = 10·i, target `y` [1] = i. */
function numbered(n: number): Dataset {
  const ids = Array.from({ length: n }, (_, i) => i);
  return createDataset(
    [
      { name: 'x', shape: [2], values: Float32Array.from(ids.flatMap((i) => [i, -i])) },
      { name: 's', shape: [1], values: Float32Array.from(ids, (i) => 10 * i) },
    ],
    [{ name: 'y', shape: [1], values: Float32Array.from(ids) }],
  );
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('createDataset', () => {
  it('infers the size and checks every field', () => {
    expect(numbered(5).size).toBe(5);
    const x = { name: 'x', shape: [2], values: new Float32Array(6) };
    expect(thrown(() => createDataset([], [])).message).toMatch(/at least one/);
    expect(thrown(() => createDataset([x], [{ name: 'y', shape: [1], values: new Float32Array(4) }])).message).toMatch(
      /target 'y' has 4 values, expected 3 × \[1\]/,
    );
    expect(thrown(() => createDataset([{ ...x, shape: [0] }], [])).message).toMatch(/input 'x': shape/);
    expect(thrown(() => createDataset([{ ...x, values: new Float32Array(5) }], [])).message).toMatch(/not a multiple/);
  });
});

describe('subsetDataset', () => {
  it('gathers samples of every field in the given order', () => {
    const subset = subsetDataset(numbered(6), [4, 1]);
    expect(subset.size).toBe(2);
    expect(Array.from(subset.inputs[0]?.values ?? [])).toEqual([4, -4, 1, -1]);
    expect(Array.from(subset.inputs[1]?.values ?? [])).toEqual([40, 10]);
    expect(Array.from(subset.targets[0]?.values ?? [])).toEqual([4, 1]);
    expect(thrown(() => subsetDataset(numbered(3), [3])).message).toMatch(/indices\[0\] = 3/);
  });
});

describe('splitDataset', () => {
  it('is disjoint, complete, sized by the fractions and keeps samples intact', () => {
    const split = splitDataset(numbered(100), { train: 0.7, validation: 0.2, test: 0.1 }, 1);
    expect([split.train.size, split.validation.size, split.test.size]).toEqual([70, 20, 10]);
    const all = [...split.indices.train, ...split.indices.validation, ...split.indices.test];
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // Each sample's target still equals its id: fields were gathered together.
    expect(Array.from(split.validation.targets[0]?.values ?? [])).toEqual(Array.from(split.indices.validation));
  });

  it('is deterministic per seed and differs between seeds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (n, seed) => {
        const fractions = { train: 0.6, validation: 0.25, test: 0.15 };
        const a = splitDataset(numbered(n), fractions, seed);
        const b = splitDataset(numbered(n), fractions, seed);
        expect(a.indices).toEqual(b.indices);
        const seen = new Set([...a.indices.train, ...a.indices.validation, ...a.indices.test]);
        expect(seen.size).toBe(n);
      }),
      { numRuns: 50 },
    );
    const fractions = { train: 0.5, validation: 0.5, test: 0 };
    expect(splitDataset(numbered(50), fractions, 1).indices).not.toEqual(
      splitDataset(numbered(50), fractions, 2).indices,
    );
  });

  it('rejects fractions that are out of range or do not add up to 1', () => {
    expect(thrown(() => splitDataset(numbered(4), { train: 0.5, validation: 0.2, test: 0.2 }, 1)).message).toMatch(
      /add up to 1, got 0.899/,
    );
    expect(thrown(() => splitDataset(numbered(4), { train: 1.5, validation: -0.5, test: 0 }, 1)).message).toMatch(
      /fractions.train/,
    );
  });
});

describe('batches', () => {
  it('makes [b, ...shape] tensors per field in the given order, a short last batch, and disposes them', async () => {
    const before = tf.memory().numTensors;
    const seen: number[][] = [];
    const sizes: number[] = [];
    for (const batch of batches(numbered(5), { batchSize: 2, order: [4, 3, 2, 1, 0] })) {
      expect(batch.inputs.map((t) => t.shape)).toEqual([
        [batch.size, 2],
        [batch.size, 1],
      ]);
      expect(batch.count).toBe(3);
      sizes.push(batch.size);
      seen.push(Array.from(await (batch.targets[0] as tf.Tensor).data()));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([[4, 3], [2, 1], [0]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('disposes the current batch on break and on a throw', () => {
    const before = tf.memory().numTensors;
    for (const _ of batches(numbered(9), { batchSize: 2 })) break;
    expect(tf.memory().numTensors).toBe(before);
    expect(() => {
      for (const batch of batches(numbered(9), { batchSize: 2 })) if (batch.index === 1) throw new Error('stop');
    }).toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts batches and rejects bad options', () => {
    expect(batchCount(10, 3)).toBe(4);
    expect(thrown(() => batches(numbered(3), { batchSize: 0 }).next()).message).toMatch(/batchSize/);
    expect(thrown(() => batches(numbered(3), { batchSize: 1, order: [0] }).next()).message).toMatch(/order has 1/);
  });
});
