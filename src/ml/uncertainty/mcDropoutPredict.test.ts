import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMcDropoutActive, McDropout, registerBlockLayers } from '../blocks';
import { entropyOf, hasStochasticLayers, mcDropoutPredict } from './mcDropoutPredict';

function model(withDropout: boolean): tf.LayersModel {
  const input = tf.input({ shape: [16] });
  let x = tf.layers
    .dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(input) as tf.SymbolicTensor;
  if (withDropout) x = new McDropout({ rate: 0.3, seed: 5 }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

describe('mcDropoutPredict', () => {
  beforeAll(async () => {
    registerBlockLayers();
    await tf.setBackend('cpu');
  });

  it('samples with dropout on: SD > 0, mean near the deterministic output, switch restored', async () => {
    const m = model(true);
    const x = tf.randomUniform([3, 16], 0, 1, 'float32', 9);
    const deterministic = (await (m.predict(x) as tf.Tensor).data()) as Float32Array;
    const result = await mcDropoutPredict(m, x, { passes: 400 });
    expect(result.stochastic).toBe(true);
    expect(result.passes).toBe(400);
    expect(result.outputsPerSample).toBe(2);
    expect(Math.min(...result.sd)).toBeGreaterThan(0);
    // Inverted dropout keeps the mean of each unit; after a linear layer the MC mean matches the deterministic pass within a few SE.
    for (let i = 0; i < deterministic.length; i++) {
      const se = (result.sd[i] as number) / Math.sqrt(400);
      expect(Math.abs((result.mean[i] as number) - (deterministic[i] as number))).toBeLessThan(5 * se + 1e-6);
    }
    expect(isMcDropoutActive()).toBe(false);
  });

  it('reports a model without dropout as deterministic (one pass, SD 0)', async () => {
    const m = model(false);
    const result = await mcDropoutPredict(m, tf.ones([2, 16]), { passes: 30 });
    expect(hasStochasticLayers(m)).toBe(false);
    expect(result).toMatchObject({ passes: 1, stochastic: false });
    expect(Array.from(result.sd)).toEqual([0, 0, 0, 0]);
  });

  it('stops with CANCELLED, leaves no tensors behind and the switch off', async () => {
    const m = model(true);
    const x = tf.ones([1, 16]);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = mcDropoutPredict(m, x, {
      passes: 100,
      signal: controller.signal,
      onProgress: (f) => (f > 0.1 ? controller.abort() : undefined),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
    expect(isMcDropoutActive()).toBe(false);
  });

  it('refuses a silly number of passes', async () => {
    await expect(mcDropoutPredict(model(true), tf.ones([1, 16]), { passes: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });

  it('computes predictive entropy in nats', () => {
    expect(entropyOf([1, 0, 0])).toBe(0);
    expect(entropyOf([0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(entropyOf([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(Math.log(3), 12);
  });
});
