import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { inputsFor, maxAbsDiff } from '../blocks/testSpecs';
import { randomizeWeights } from '../onnx/onnxTestHelpers';
import { runLstmJs } from './lstmSequence';
import { recurrentPlan } from './recurrentPlan';

/** |layer − runLstmJs| for one LSTM layer on `[N, 9, 3]` at batch 1 and 5; no tensor left behind. */
async function worstDiff(backend: 'cpu' | 'wasm', options: Parameters<typeof tf.layers.lstm>[0]): Promise<number> {
  await initBackend(backend);
  const input = tf.input({ shape: [9, 3] });
  const layer = tf.layers.lstm(options);
  const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
  randomizeWeights(model, 11);
  const plan = recurrentPlan(layer, 'LSTM', 1, 3);
  if (plan === undefined) throw new Error('the layer should be covered');
  let worst = 0;
  try {
    for (const batch of [1, 5]) {
      const [x] = inputsFor(model, batch, 3);
      const expected = model.predict(x as tf.Tensor) as tf.Tensor;
      const before = tf.memory().numTensors;
      const actual = runLstmJs(plan, x as tf.Tensor);
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(actual.shape).toEqual(expected.shape);
      worst = Math.max(worst, maxAbsDiff(await expected.data(), await actual.data()));
      tf.dispose([x as tf.Tensor, expected, actual]);
    }
    return worst;
  } finally {
    plan.dispose();
    model.dispose();
  }
}

describe.each(['cpu', 'wasm'] as const)('runLstmJs (the JavaScript LSTM) on %s', (backend) => {
  it('many-to-one, hardSigmoid, 8 units: the layer’s output', async () => {
    expect(await worstDiff(backend, { units: 8 })).toBeLessThanOrEqual(1e-5);
  });

  it('returnSequences, goBackwards, sigmoid, 5 units (padded to 8 and cut back)', async () => {
    const options = { units: 5, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid' } as const;
    expect(await worstDiff(backend, options)).toBeLessThanOrEqual(1e-5);
  });

  it('no bias, 3 units', async () => {
    expect(await worstDiff(backend, { units: 3, useBias: false, returnSequences: true })).toBeLessThanOrEqual(1e-5);
  });
});

describe('recurrentPlan', () => {
  it('refuses what the fast paths do not cover', async () => {
    await initBackend('cpu');
    const input = tf.input({ shape: [4, 2] });
    const layers = [
      tf.layers.lstm({ units: 2, activation: 'relu' }),
      tf.layers.lstm({ units: 2, returnState: true }),
      tf.layers.gru({ units: 2, recurrentActivation: 'tanh' }),
      tf.layers.simpleRNN({ units: 2 }),
    ];
    for (const layer of layers) layer.apply(input);
    expect(layers.map((layer) => recurrentPlan(layer, layer.getClassName(), 1, 3))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const gru = tf.layers.gru({ units: 6 });
    gru.apply(input);
    const plan = recurrentPlan(gru, 'GRU', 1, 3);
    expect(plan?.padded).toBe(8);
    expect(plan?.kernel.shape).toEqual([2, 24]);
    expect(plan?.recurrent.map((u) => u.shape)).toEqual([
      [8, 16],
      [8, 8],
    ]);
    expect(recurrentPlan(gru, 'GRU', 2, 3)).toBeUndefined();
    plan?.dispose();
    for (const layer of [...layers, gru]) layer.dispose();
  });
});
