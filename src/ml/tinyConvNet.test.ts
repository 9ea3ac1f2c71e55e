import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../core/errors';
import { initBackend } from './backend/initBackend';
import { buildTinyConvNet, runTinyConvNet, tinyConvNetInput } from './tinyConvNet';

const length = 256;
const batch = 2;

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

function maxAbs(a: Float32Array): number {
  return a.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}

/** Runs on one backend and checks that no tensor is left behind. */
async function runOn(backend: 'cpu' | 'wasm', input: Float32Array, seed?: number): Promise<Float32Array> {
  const info = await initBackend(backend);
  expect(info.name).toBe(backend);
  const before = tf.memory().numTensors;
  const output = await runTinyConvNet(input, length, batch, seed);
  expect(tf.memory().numTensors).toBe(before);
  return output;
}

describe('tinyConvNetInput', () => {
  it('is deterministic, seed-dependent and spectrum-sized', () => {
    const a = tinyConvNetInput();
    expect(a).toHaveLength(length * batch);
    expect(tinyConvNetInput()).toEqual(a);
    expect(tinyConvNetInput(256, 2, 8)).not.toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(maxAbs(a)).toBeGreaterThan(0.3);
    expect(maxAbs(a)).toBeLessThan(3);
  });
});

describe('tinyConvNet', () => {
  const input = tinyConvNetInput(length, batch);

  it('keeps the [N, 1, L, 1] shape', async () => {
    await initBackend('cpu');
    const model = buildTinyConvNet();
    try {
      const shape = tf.tidy(() => (model.predict(tf.zeros([3, 1, 64, 1])) as tf.Tensor).shape);
      expect(shape).toEqual([3, 1, 64, 1]);
      expect(model.countParams()).toBe(7 * 8 + 8 + 5 * 8 * 16 + 16 + 3 * 16 + 1);
    } finally {
      model.dispose();
    }
  });

  it('gives the same output on cpu and wasm (max abs diff ≤ 1e-4), without leaking tensors', async () => {
    const cpu = await runOn('cpu', input);
    const wasm = await runOn('wasm', input);
    expect(cpu).toHaveLength(length * batch);
    expect(wasm).toHaveLength(length * batch);
    // Not a trivial net: the output varies and is of order one.
    expect(maxAbs(cpu)).toBeGreaterThan(0.05);
    expect(new Set(cpu).size).toBeGreaterThan(length);
    expect(maxAbsDiff(cpu, wasm)).toBeLessThanOrEqual(1e-4);
  });

  it('is deterministic: same seed, same output; another seed, another output', async () => {
    const first = await runOn('wasm', input);
    const second = await runOn('wasm', input);
    expect(second).toEqual(first);
    const otherSeed = await runOn('wasm', input, 43);
    expect(maxAbsDiff(first, otherSeed)).toBeGreaterThan(1e-3);
  });

  it('rejects inconsistent sizes', async () => {
    await expect(runTinyConvNet(input, length, 3)).rejects.toThrow(WorkbenchError);
    await expect(runTinyConvNet(new Float32Array(255), 255, 1)).rejects.toThrow(/even/);
  });
});
