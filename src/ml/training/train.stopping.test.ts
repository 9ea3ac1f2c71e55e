import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { createDataset, type Dataset } from './dataset';
import { getOptimizerLearningRate } from './learningRate';
import { createRandom } from './random';
import { type TrainOptions, train } from './train';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Noise: targets independent of the inputs, so a big model overfits and validation gets worse. */
function noise(n: number, seed: number): Dataset {
  const random = createRandom(seed);
  return createDataset(
    [{ name: 'x', shape: [4], values: Float32Array.from({ length: n * 4 }, () => random.normal()) }],
    [{ name: 'y', shape: [1], values: Float32Array.from({ length: n }, () => random.normal()) }],
  );
}

function overfittingModel(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 64, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 1, kernelInitializer: init(2) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.03), loss: 'meanSquaredError' });
  return model;
}

const data = { train: noise(24, 1), validation: noise(64, 2) };

async function weightsOf(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => new Float32Array(await w.data())));
}

/** Trains with `options`, keeping a copy of the weights after every epoch (index = epoch − 1). */
async function trainRecording(model: tf.LayersModel, options: TrainOptions) {
  const perEpoch: Float32Array[][] = [];
  const result = await train(model, data, {
    ...options,
    onProgress: async (p) => {
      if (p.phase === 'epoch') perEpoch.push(await weightsOf(model));
      await options.onProgress?.(p);
    },
  });
  return { result, perEpoch };
}

describe('train: early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const model = overfittingModel();
    try {
      const { result, perEpoch } = await trainRecording(model, {
        epochs: 60,
        batchSize: 8,
        seed: 1,
        earlyStopping: { patience: 3 },
      });
      expect(result.stoppedReason).toBe('early-stopping');
      expect(result.history).toHaveLength(result.bestEpoch + 3);
      const valLosses = result.history.map((h) => h.valLoss);
      expect(result.bestValLoss).toBe(Math.min(...valLosses));
      expect(valLosses[result.bestEpoch - 1]).toBe(result.bestValLoss);
      expect(await weightsOf(model)).toEqual(perEpoch[result.bestEpoch - 1]);
      expect(await weightsOf(model)).not.toEqual(perEpoch.at(-1));
    } finally {
      model.dispose();
    }
  });

  it('keeps the last weights with restoreBestWeights: false', async () => {
    const model = overfittingModel();
    try {
      const { result, perEpoch } = await trainRecording(model, {
        epochs: 60,
        batchSize: 8,
        seed: 1,
        earlyStopping: { patience: 3 },
        restoreBestWeights: false,
      });
      expect(result.bestEpoch).toBeLessThan(result.history.length);
      expect(await weightsOf(model)).toEqual(perEpoch.at(-1));
    } finally {
      model.dispose();
    }
  });

  it('applies reduce-on-plateau between epochs (read back from the optimizer)', async () => {
    const model = overfittingModel();
    const rates: number[] = [];
    try {
      await train(model, data, {
        epochs: 12,
        batchSize: 8,
        seed: 1,
        learningRate: { kind: 'reduceOnPlateau', initial: 0.03, factor: 0.1, patience: 2 },
        onProgress: (p) => {
          if (p.phase === 'epoch') rates.push(getOptimizerLearningRate(model.optimizer));
        },
      });
      expect(rates[0]).toBe(0.03);
      expect(Math.min(...rates)).toBeLessThan(0.003 + 1e-12);
      rates.slice(1).forEach((rate, i) => {
        expect(rate).toBeLessThanOrEqual(rates[i] as number);
      });
    } finally {
      model.dispose();
    }
  });
});

describe('train: cancellation', () => {
  it('throws CANCELLED between batches, reports nothing after the abort and leaks no tensors', async () => {
    const model = overfittingModel();
    try {
      await train(model, data, { epochs: 1, batchSize: 8, seed: 1 }); // creates the optimizer state
      const before = tf.memory().numTensors;
      const controller = new AbortController();
      let batchesAfterAbort = 0;
      const recording = trainRecording(model, {
        epochs: 10,
        batchSize: 8,
        seed: 2,
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) batchesAfterAbort++;
          if (p.epoch === 3 && p.batch === 2) controller.abort();
        },
      });
      const error = await recording.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('CANCELLED');
      expect(batchesAfterAbort).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
    }
  });

  it('restores the best finished epoch on cancel', async () => {
    const model = overfittingModel();
    const perEpoch: Float32Array[][] = [];
    const valLosses: number[] = [];
    const controller = new AbortController();
    try {
      const error = await train(model, data, {
        epochs: 30,
        batchSize: 8,
        seed: 1,
        signal: controller.signal,
        onProgress: async (p) => {
          if (p.phase === 'epoch') {
            perEpoch.push(await weightsOf(model));
            valLosses.push(p.valLoss ?? Number.NaN);
          }
          if (p.epoch === 12 && p.batch === 1) controller.abort();
        },
      }).catch((e: unknown) => e);
      expect((error as WorkbenchError).code).toBe('CANCELLED');
      expect(valLosses).toHaveLength(11);
      const best = valLosses.indexOf(Math.min(...valLosses));
      expect(best).toBeLessThan(10); // overfitting: the last epoch is not the best
      expect(await weightsOf(model)).toEqual(perEpoch[best]);
    } finally {
      model.dispose();
    }
  });

  it('receives an abort from a timer: it yields to the event loop between batches', async () => {
    const model = overfittingModel();
    const controller = new AbortController();
    try {
      setTimeout(() => controller.abort(), 30);
      const started = performance.now();
      const error = await train(model, data, {
        epochs: 100_000,
        batchSize: 8,
        seed: 1,
        signal: controller.signal,
      }).catch((e: unknown) => e);
      expect((error as WorkbenchError).code).toBe('CANCELLED');
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      model.dispose();
    }
  });

  it('throws CANCELLED at once for a signal that is already aborted', async () => {
    const model = overfittingModel();
    let calls = 0;
    try {
      const error = await train(model, data, {
        epochs: 1,
        batchSize: 8,
        seed: 1,
        signal: AbortSignal.abort(),
        onProgress: () => {
          calls++;
        },
      }).catch((e: unknown) => e);
      expect((error as WorkbenchError).code).toBe('CANCELLED');
      expect(calls).toBe(0);
    } finally {
      model.dispose();
    }
  });
});
