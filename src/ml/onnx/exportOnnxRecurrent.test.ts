import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { exportToOnnx } from './exportOnnx';
import { decodeModel } from './onnxProto';
import { compareWithOnnxRuntime, randomizeWeights } from './onnxTestHelpers';

const tolerance = 1e-4;
const worstDiffs: Record<string, number> = {};

beforeAll(async () => {
  await initBackend('cpu');
});

/** LSTM many-to-one with tfjs defaults (tanh, hardSigmoid gates). */
function lstmManyToOne(): tf.LayersModel {
  return tf.sequential({
    name: 'lstmManyToOne',
    layers: [tf.layers.lstm({ inputShape: [12, 3], units: 6 }), tf.layers.dense({ units: 2 })],
  });
}

/** LSTM many-to-many on a dynamic length, relu cell activation, then Dense per time step. */
function lstmManyToMany(): tf.LayersModel {
  return tf.sequential({
    name: 'lstmManyToMany',
    layers: [
      tf.layers.lstm({ inputShape: [null, 3], units: 5, returnSequences: true, activation: 'relu' }),
      tf.layers.dense({ units: 2 }),
    ],
  });
}

/** GRU many-to-one with sigmoid gates, without bias. */
function gruManyToOne(): tf.LayersModel {
  return tf.sequential({
    name: 'gruManyToOne',
    layers: [
      tf.layers.gru({ inputShape: [9, 4], units: 4, recurrentActivation: 'sigmoid', useBias: false }),
      tf.layers.dense({ units: 1 }),
    ],
  });
}

/** Stacked GRUs, the second one backwards, both returning sequences. */
function gruManyToMany(): tf.LayersModel {
  return tf.sequential({
    name: 'gruManyToMany',
    layers: [
      tf.layers.gru({ inputShape: [null, 2], units: 4, returnSequences: true }),
      tf.layers.gru({ units: 3, returnSequences: true, goBackwards: true }),
    ],
  });
}

/** conv1d (channels-first inside ONNX) → LSTM with states → SimpleRNN; three outputs. */
function recurrentWithStates(): tf.LayersModel {
  const input = tf.input({ shape: [10, 2] });
  const features = tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'tanh' }).apply(input);
  const [sequence, h, c] = tf.layers
    .lstm({ units: 4, returnSequences: true, returnState: true, goBackwards: true })
    .apply(features) as tf.SymbolicTensor[];
  const last = tf.layers.simpleRNN({ units: 3, goBackwards: true }).apply(sequence as tf.SymbolicTensor);
  return tf.model({
    name: 'recurrentWithStates',
    inputs: input,
    outputs: [last as tf.SymbolicTensor, h as tf.SymbolicTensor, c as tf.SymbolicTensor],
  });
}

const cases: [string, () => tf.LayersModel, number[][][]][] = [
  ['lstm many-to-one', lstmManyToOne, [[[12, 3]]]],
  ['lstm many-to-many', lstmManyToMany, [[[7, 3]], [[12, 3]]]],
  ['gru many-to-one', gruManyToOne, [[[9, 4]]]],
  ['gru many-to-many', gruManyToMany, [[[6, 2]], [[11, 2]]]],
  ['lstm states + simpleRNN', recurrentWithStates, [[[10, 2]]]],
];

describe('exportToOnnx, recurrent layers', () => {
  it.each(cases)('%s matches tfjs in onnxruntime-web (batch 1 and 3)', async (label, build, shapes) => {
    const model = build();
    try {
      randomizeWeights(model, label.length + 10);
      const { worst } = await compareWithOnnxRuntime(model, shapes, [1, 3]);
      worstDiffs[label] = worst;
      expect(worst).toBeLessThanOrEqual(tolerance);
    } finally {
      model.dispose();
    }
  });

  it('writes one initializer per weight (the bias padded with the zero recurrent bias)', () => {
    const model = lstmManyToOne();
    try {
      const initializers = decodeModel(exportToOnnx(model)).graph?.initializer ?? [];
      for (const weight of model.weights) {
        const matching = initializers.filter((t) => t.name === weight.name);
        expect(matching, weight.name).toHaveLength(1);
        const size = weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
        const lstmBias = weight.name.startsWith('lstm') && weight.name.endsWith('/bias');
        expect(matching[0]?.rawData?.length, weight.name).toBe(4 * size * (lstmBias ? 2 : 1));
      }
    } finally {
      model.dispose();
    }
  });

  it('refuses a stateful layer and an unmappable activation', () => {
    const stateful = tf.sequential({
      layers: [tf.layers.lstm({ batchInputShape: [1, 4, 2], units: 2, stateful: true, name: 'keeps' })],
    });
    const gelu = tf.sequential({
      layers: [tf.layers.gru({ inputShape: [4, 2], units: 2, activation: 'gelu', name: 'g' })],
    });
    try {
      expect(() => exportToOnnx(stateful)).toThrow(WorkbenchError);
      expect(() => exportToOnnx(stateful)).toThrow(/LSTM 'keeps'.*stateful/);
      expect(() => exportToOnnx(gelu)).toThrow(/GRU 'g'.*gelu/);
    } finally {
      stateful.dispose();
      gelu.dispose();
    }
  });

  it('reports the worst differences', () => {
    console.info('ONNX export, worst |tfjs − onnxruntime| per recurrent model:', worstDiffs);
    expect(Object.keys(worstDiffs)).toHaveLength(cases.length);
  });
});
