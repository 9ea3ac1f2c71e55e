import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { inputsFor, maxAbsDiff } from '../blocks/testSpecs';
import { randomizeWeights } from '../onnx/onnxTestHelpers';
import { compileForInference } from './compileForInference';

/**
 * Outputs of predict and of the compiled plan at batch 1 and 4, and the plan's steps. The compiled
 * plan must leave no tensor behind (tfjs's predict itself leaks 4 at batch 1 on the stacked model).
 */
async function compare(
  backend: 'cpu' | 'wasm',
  build: () => tf.LayersModel,
): Promise<{ worst: number; steps: readonly string[] }> {
  await initBackend(backend);
  const model = build();
  randomizeWeights(model, 3);
  const beforeCompile = tf.memory().numTensors;
  const compiled = compileForInference(model);
  const ownTensors = tf.memory().numTensors - beforeCompile;
  let worst = 0;
  const read = async (out: tf.Tensor | tf.Tensor[]) => {
    const list = Array.isArray(out) ? out : [out];
    const values = await Promise.all(list.map((t) => t.data()));
    tf.dispose(list);
    return values;
  };
  try {
    for (const batch of [1, 4]) {
      const [x] = inputsFor(model, batch, 21);
      const expected = await read(model.predict(x as tf.Tensor) as tf.Tensor | tf.Tensor[]);
      const before = tf.memory().numTensors;
      const actual = await read(compiled.predict(x as tf.Tensor));
      expect(tf.memory().numTensors).toBe(before);
      expected.forEach((values, k) => {
        worst = Math.max(worst, maxAbsDiff(values, actual[k] ?? []));
      });
      tf.dispose(x);
    }
    return { worst, steps: compiled.steps };
  } finally {
    const before = tf.memory().numTensors;
    compiled.dispose();
    expect(before - tf.memory().numTensors).toBe(ownTensors);
    model.dispose();
  }
}

function sequenceModel(layers: tf.layers.Layer[], timeSteps = 7, features = 3): tf.LayersModel {
  const input = tf.input({ shape: [timeSteps, features] });
  const output = layers.reduce<tf.SymbolicTensor>((t, layer) => layer.apply(t) as tf.SymbolicTensor, input);
  return tf.model({ inputs: input, outputs: output });
}

describe.each(['cpu', 'wasm'] as const)('LSTM in compileForInference on %s', (backend) => {
  it('many-to-one, hardSigmoid (default), 20 steps: predict’s outputs', async () => {
    const { worst, steps } = await compare(backend, () => sequenceModel([tf.layers.lstm({ units: 6 })], 20));
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(steps).toEqual(['LSTM(sequence)']);
  });

  it('stacked, returnSequences, goBackwards, sigmoid, no bias', async () => {
    const layers = () => [
      tf.layers.lstm({
        units: 5,
        returnSequences: true,
        goBackwards: true,
        recurrentActivation: 'sigmoid',
        dropout: 0.3,
      }),
      tf.layers.lstm({ units: 4, returnSequences: true, useBias: false }),
      tf.layers.dense({ units: 2 }),
    ];
    const { worst, steps } = await compare(backend, () => sequenceModel(layers()));
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(steps.filter((s) => s === 'LSTM(sequence)')).toHaveLength(2);
  });

  it('leaves returnState, other activations and GRU to the layer', async () => {
    const build = () => {
      const input = tf.input({ shape: [5, 3] });
      // The state h is the output tensor itself, and nobody reads it: it must not be freed.
      const [output, , c] = tf.layers.lstm({ units: 4, returnState: true }).apply(input) as tf.SymbolicTensor[];
      const relu = tf.layers
        .lstm({ units: 3, activation: 'relu' })
        .apply(tf.layers.repeatVector({ n: 2 }).apply(c as tf.SymbolicTensor));
      const gru = tf.layers.gru({ units: 3 }).apply(input) as tf.SymbolicTensor;
      const merged = tf.layers.concatenate().apply([output as tf.SymbolicTensor, relu as tf.SymbolicTensor, gru]);
      return tf.model({ inputs: input, outputs: merged as tf.SymbolicTensor });
    };
    const { worst, steps } = await compare(backend, build);
    expect(worst).toBeLessThanOrEqual(1e-5);
    expect(steps).toEqual(expect.arrayContaining(['LSTM (layer)', 'GRU (layer)']));
    expect(steps).not.toContain('LSTM(sequence)');
  });
});
