import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { initBackend } from '../backend/initBackend';
import {
  createLearningRateScheduler,
  getOptimizerLearningRate,
  type LearningRateSchedule,
  setOptimizerLearningRate,
} from './learningRate';

beforeAll(async () => {
  await initBackend('cpu');
});

const rates = (schedule: LearningRateSchedule, epochs: number) => {
  const scheduler = createLearningRateScheduler(schedule, epochs);
  return Array.from({ length: epochs }, (_, e) => scheduler.rateFor(e));
};

describe('createLearningRateScheduler', () => {
  it('constant, step and cosine', () => {
    expect(rates({ kind: 'constant', initial: 0.1 }, 3)).toEqual([0.1, 0.1, 0.1]);
    expect(rates({ kind: 'step', initial: 1, factor: 0.5, everyEpochs: 2 }, 5)).toEqual([1, 1, 0.5, 0.5, 0.25]);
    const cosine = rates({ kind: 'cosine', initial: 1, minimum: 0.1 }, 4);
    expect(cosine[0]).toBe(1);
    expect(cosine[2]).toBeCloseTo(0.55, 15); // half-way: (1 + 0.1) / 2
    expect(cosine[1]).toBeCloseTo(0.1 + (0.9 * (1 + Math.SQRT1_2)) / 2, 15);
    const scheduler = createLearningRateScheduler({ kind: 'cosine', initial: 1, periodEpochs: 2 }, 10);
    expect(scheduler.rateFor(2)).toBe(0);
    expect(scheduler.rateFor(7)).toBe(0);
  });

  it('reduceOnPlateau lowers the rate after `patience` epochs without improvement, not below minimum', () => {
    const scheduler = createLearningRateScheduler(
      { kind: 'reduceOnPlateau', initial: 1, factor: 0.5, patience: 2, minDelta: 0.01, minimum: 0.2 },
      20,
    );
    const seen: number[] = [];
    for (const loss of [1, 0.5, 0.495, 0.6, 0.4, 0.41, 0.42, 0.43, 0.44, 0.45, 0.46, 0.47]) {
      scheduler.observe(loss);
      seen.push(scheduler.rateFor(0));
    }
    // 0.495 is not an improvement over 0.5 by more than 0.01: waits 1, 2 → halve at 0.6.
    expect(seen).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2]);
  });

  it('rejects invalid schedules, naming the field', () => {
    expect(thrown(() => createLearningRateScheduler({ kind: 'constant', initial: 0 }, 1)).message).toMatch(/initial/);
    expect(
      thrown(() => createLearningRateScheduler({ kind: 'step', initial: 1, factor: 2, everyEpochs: 1 }, 1)).message,
    ).toMatch(/factor/);
    expect(
      thrown(() => createLearningRateScheduler({ kind: 'step', initial: 1, factor: 0.5, everyEpochs: 0 }, 1)).message,
    ).toMatch(/everyEpochs/);
    expect(
      thrown(() => createLearningRateScheduler({ kind: 'reduceOnPlateau', initial: 1, factor: 0.5, patience: 0 }, 1))
        .message,
    ).toMatch(/patience/);
    expect(thrown(() => createLearningRateScheduler({ kind: 'cosine', initial: 1, minimum: 2 }, 1)).message).toMatch(
      /minimum/,
    );
  });
});

/** One step on f(x) = x² from x = 1 (gradient 2): returns how far x moved. */
async function oneStep(optimizer: tf.Optimizer): Promise<number> {
  const x = tf.variable(tf.scalar(1));
  try {
    optimizer.minimize(() => x.square() as tf.Scalar);
    return 1 - ((await x.data())[0] as number);
  } finally {
    x.dispose();
  }
}

describe('setOptimizerLearningRate', () => {
  it('changes the step of SGD (cached scalar) and Adam (field) without leaking tensors', async () => {
    const sgd = tf.train.sgd(0.1);
    const adam = tf.train.adam(0.1);
    const before = tf.memory().numTensors;
    setOptimizerLearningRate(sgd, 0.01);
    setOptimizerLearningRate(adam, 0.001);
    expect(tf.memory().numTensors).toBe(before);
    expect(getOptimizerLearningRate(sgd)).toBe(0.01);
    expect(getOptimizerLearningRate(adam)).toBe(0.001);
    expect(await oneStep(sgd)).toBeCloseTo(0.01 * 2, 6);
    // Adam's first step is lr·m̂/(√v̂ + ε) = lr·g/|g| = lr.
    expect(await oneStep(adam)).toBeCloseTo(0.001, 6);
    expect(thrown(() => setOptimizerLearningRate(sgd, -1)).message).toMatch(/learning rate/);
    sgd.dispose();
    adam.dispose();
  });

  it('works for RMSProp and Momentum too', async () => {
    const rmsprop = tf.train.rmsprop(0.1);
    const momentum = tf.train.momentum(0.1, 0.9);
    setOptimizerLearningRate(rmsprop, 0.02);
    setOptimizerLearningRate(momentum, 0.02);
    expect(getOptimizerLearningRate(rmsprop)).toBe(0.02);
    expect(await oneStep(momentum)).toBeCloseTo(0.02 * 2, 6);
    rmsprop.dispose();
    momentum.dispose();
  });
});
