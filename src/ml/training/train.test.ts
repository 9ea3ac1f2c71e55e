import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { createDataset, type Dataset, splitDataset } from './dataset';
import { createRandom } from './random';
import { type TrainProgress, train } from './train';

beforeAll(async () => {
  await initBackend('cpu');
});

/** y = sum of x·w + noise, x in [−1, 1]^8, as `[1, 8, 1]` spectra. */
function linearData(n: number, seed: number): Dataset {
  const random = createRandom(seed);
  const x = Float32Array.from({ length: n * 8 }, () => random.uniform(-1, 1));
  const y = Float32Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += (x[i * 8 + k] as number) * (k - 3.5) * 0.3;
    return sum + random.normal(0, 0.05);
  });
  return createDataset([{ name: 'spectrum', shape: [1, 8, 1], values: x }], [{ name: 'y', shape: [1], values: y }]);
}

/** A seeded conv1d-style net on [N, 1, 8, 1]: conv [1, 3] × 4 → flatten → dense 1. */
function tinyModel(seed = 1, learningRate = 0.02): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [1, 8, 1] }),
      tf.layers.conv2d({
        filters: 4,
        kernelSize: [1, 3],
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError', metrics: ['mae'] });
  return model;
}

async function weightsOf(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => new Float32Array(await w.data())));
}

const data = splitDataset(linearData(240, 5), { train: 0.75, validation: 0.25, test: 0 }, 9);

describe('train', () => {
  it('learns, and the same seeds give identical loss histories and weights', async () => {
    const run = async (shuffleSeed: number) => {
      const model = tinyModel();
      try {
        const result = await train(model, data, { epochs: 4, batchSize: 16, seed: shuffleSeed });
        return { result, weights: await weightsOf(model) };
      } finally {
        model.dispose();
      }
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(a.result.history.map((h) => [h.loss, h.valLoss])).toEqual(b.result.history.map((h) => [h.loss, h.valLoss]));
    expect(a.weights).toEqual(b.weights);
    expect(c.result.history.map((h) => h.loss)).not.toEqual(a.result.history.map((h) => h.loss));
    const history = a.result.history;
    expect(history).toHaveLength(4);
    expect(history.at(-1)?.valLoss).toBeLessThan((history[0]?.valLoss ?? 0) / 2);
    expect(a.result.stoppedReason).toBe('completed');
    expect(Object.keys(history[0]?.metrics ?? {}).sort()).toEqual(['mae', 'val_mae']);
  });

  it('reports progress after every batch and epoch, in order, with monotone time', async () => {
    const model = tinyModel();
    const events: TrainProgress[] = [];
    try {
      await train(model, data, {
        epochs: 3,
        batchSize: 50, // 180 samples: batches of 50, 50, 50, 30
        seed: 1,
        learningRate: { kind: 'step', initial: 0.02, factor: 0.5, everyEpochs: 1 },
        onProgress: (p) => {
          events.push(p);
        },
      });
    } finally {
      model.dispose();
    }
    const expected = [1, 2, 3].flatMap((epoch) => [
      ...[1, 2, 3, 4].map((batch) => `${epoch}/3 batch ${batch}/4`),
      `${epoch}/3 epoch 4/4`,
    ]);
    expect(events.map((e) => `${e.epoch}/${e.epochs} ${e.phase} ${e.batch}/${e.batches}`)).toEqual(expected);
    events.slice(1).forEach((e, i) => {
      expect(e.elapsedMs).toBeGreaterThanOrEqual(events[i]?.elapsedMs ?? 0);
    });
    // During epoch 1 there is no validation loss yet; afterwards the last epoch's.
    expect(events.slice(0, 4).every((e) => e.valLoss === null)).toBe(true);
    expect(events[5]?.valLoss).toBe(events[4]?.valLoss);
    expect(events.filter((e) => e.phase === 'epoch').map((e) => e.learningRate)).toEqual([0.02, 0.01, 0.005]);
    expect(Object.keys(events[0]?.metrics ?? {})).toEqual(['mae']);
    expect(Object.keys(events[4]?.metrics ?? {}).sort()).toEqual(['mae', 'val_mae']);
  });

  it('trains a two-input, two-output model (spectrum + scalars → two heads)', async () => {
    const random = createRandom(2);
    const n = 64;
    const spectrum = Float32Array.from({ length: n * 8 }, () => random.uniform(-1, 1));
    const scalars = Float32Array.from({ length: n * 2 }, () => random.uniform(-1, 1));
    const first = Float32Array.from({ length: n }, (_, i) => (spectrum[i * 8] as number) + (scalars[i * 2] as number));
    const second = Float32Array.from({ length: n }, (_, i) => scalars[i * 2 + 1] as number);
    const dataset = createDataset(
      [
        { name: 'spectrum', shape: [1, 8, 1], values: spectrum },
        { name: 'scalars', shape: [2], values: scalars },
      ],
      [
        { name: 'first', shape: [1], values: first },
        { name: 'second', shape: [1], values: second },
      ],
    );
    const spectrumInput = tf.input({ shape: [1, 8, 1] });
    const scalarInput = tf.input({ shape: [2] });
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const merged = tf.layers
      .concatenate()
      .apply([tf.layers.flatten().apply(spectrumInput) as tf.SymbolicTensor, scalarInput]) as tf.SymbolicTensor;
    const outputs = ['first', 'second'].map(
      (name, k) => tf.layers.dense({ units: 1, name, kernelInitializer: init(k) }).apply(merged) as tf.SymbolicTensor,
    );
    const model = tf.model({ inputs: [spectrumInput, scalarInput], outputs });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    try {
      const split = splitDataset(dataset, { train: 0.75, validation: 0.25, test: 0 }, 1);
      const result = await train(model, split, { epochs: 10, batchSize: 16, seed: 1 });
      expect(Object.keys(result.history[0]?.metrics ?? {}).sort()).toEqual([
        'first_loss',
        'second_loss',
        'val_first_loss',
        'val_second_loss',
      ]);
      expect(result.history.at(-1)?.valLoss).toBeLessThan((result.history[0]?.valLoss ?? 0) / 2);
    } finally {
      model.dispose();
    }
  });

  it('rejects bad options and data that does not fit the model with INVALID_OPTION', async () => {
    const model = tinyModel();
    const uncompiled = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1, 8, 1] })] });
    const options = { epochs: 1, batchSize: 8, seed: 1 };
    const empty = { ...data, validation: { ...data.validation, size: 0 } };
    const twoInputs = { ...data, train: { ...data.train, inputs: [...data.train.inputs, ...data.train.inputs] } };
    const spectrum = { name: 'spectrum', shape: [1, 9, 1], values: new Float32Array(9 * data.train.size) };
    const wrongShape = { ...data, train: { ...data.train, inputs: [spectrum] } };
    const cases: [Promise<unknown>, RegExp][] = [
      [train(model, data, { ...options, epochs: 0 }), /epochs/],
      [train(model, data, { ...options, batchSize: 1.5 }), /batchSize/],
      [train(model, data, { ...options, earlyStopping: { patience: 0 } }), /earlyStopping.patience/],
      [train(model, data, { ...options, learningRate: { kind: 'constant', initial: -1 } }), /learningRate.initial/],
      [train(uncompiled, data, options), /compiled/],
      [train(model, empty, options), /data.validation is empty/],
      [train(model, twoInputs, options), /data.train has 2 input fields, the model 1/],
      [train(model, wrongShape, options), /input 'spectrum' has shape \[1, 9, 1\], the model \[1, 8, 1\]/],
    ];
    for (const [promise, message] of cases) {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('INVALID_OPTION');
      expect((error as WorkbenchError).message).toMatch(message);
    }
    model.dispose();
    uncompiled.dispose();
  });
});
