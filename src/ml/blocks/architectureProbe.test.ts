import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { probeArchitectures } from './architectureProbe';
import { maxAbsDiff } from './testSpecs';

describe('probeArchitectures', () => {
  it('every architecture runs forward and backward on wasm as on cpu (≤ 1e-4, relative for gradients)', async () => {
    await initBackend('cpu');
    const before = tf.memory().numTensors;
    const cpu = await probeArchitectures();
    expect(tf.memory().numTensors).toBe(before);
    await initBackend('wasm');
    const wasm = await probeArchitectures();
    expect(wasm.map((p) => p.name)).toEqual(cpu.map((p) => p.name));
    for (const [i, reference] of cpu.entries()) {
      const probe = wasm[i];
      if (!probe) throw new Error('missing probe');
      expect(maxAbsDiff(probe.output, reference.output), `${reference.name} forward`).toBeLessThanOrEqual(1e-4);
      const scale = Math.max(1, ...Array.from(reference.gradients, Math.abs));
      expect(
        maxAbsDiff(probe.gradients, reference.gradients) / scale,
        `${reference.name} gradients`,
      ).toBeLessThanOrEqual(1e-4);
      expect(
        reference.gradients.some((g) => g !== 0),
        `${reference.name} has gradients`,
      ).toBe(true);
    }
  }, 120_000);
});
