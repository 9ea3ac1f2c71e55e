import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { buildModel } from './buildModel';
import { isMcDropoutActive, McDropout, setMcDropoutActive } from './mcDropout';
import { resetRandomStreams } from './resetRandomStreams';
import { inputsFor, maxAbsDiff, predictData, tinySpecs } from './testSpecs';

afterEach(() => {
  setMcDropoutActive(false);
});

/** input [N, 16] → McDropout(rate) → dense 4 (linear): the MC mean equals the deterministic output in expectation. */
function linearProbe(rate: number, seed?: number): tf.LayersModel {
  const input = tf.input({ shape: [16] });
  const dropped = new McDropout({ rate, ...(seed === undefined ? {} : { seed }) }).apply(input) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) });
  return tf.model({ inputs: input, outputs: dense.apply(dropped) as tf.SymbolicTensor });
}

/** `rows` copies of one fixed row, so one predict call draws `rows` independent masks. */
function repeatedRow(rows: number): tf.Tensor2D {
  return tf.tidy(() => tf.tile(tf.linspace(-1, 1, 16).reshape([1, 16]), [rows, 1]) as tf.Tensor2D);
}

/** Column means of a row-major `[rows, 4]` array. */
function columnMeans(data: Float32Array, rows: number): number[] {
  return [0, 1, 2, 3].map(
    (c) => Array.from({ length: rows }, (_, r) => data[r * 4 + c] ?? 0).reduce((a, b) => a + b) / rows,
  );
}

describe.each(['cpu', 'wasm'] as const)('McDropout on %s', (backend) => {
  it('is off in predict (deterministic), on with the switch (varies, MC mean ≈ deterministic), without leaks', async () => {
    await initBackend(backend);
    const model = linearProbe(0.3, 7);
    const rows = 4000;
    const x = repeatedRow(rows);
    try {
      const before = tf.memory().numTensors;
      const [plain] = await predictData(model, [x]);
      const [again] = await predictData(model, [x]);
      expect(again).toEqual(plain);
      expect(isMcDropoutActive()).toBe(false);
      setMcDropoutActive(true);
      expect(isMcDropoutActive()).toBe(true);
      const [first] = await predictData(model, [x]);
      const [second] = await predictData(model, [x]);
      setMcDropoutActive(false);
      if (!plain || !first || !second) throw new Error('no output');
      expect(maxAbsDiff(first, second)).toBeGreaterThan(0.01);
      expect(maxAbsDiff(first.subarray(0, 4), first.subarray(4, 8))).toBeGreaterThan(0); // rows differ too
      // Standard error of a column mean ≈ 0.5/√4000 ≈ 0.008 here; 0.05 is > 5 of them.
      expect(maxAbsDiff(columnMeans(first, rows), plain.subarray(0, 4))).toBeLessThan(0.05);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      x.dispose();
      model.dispose();
    }
  });
});

describe('McDropout', () => {
  it('drops about `rate` of the values and scales the rest by 1/(1 − rate) when called with training: true', async () => {
    await initBackend('cpu');
    const layer = new McDropout({ rate: 0.25, seed: 1 });
    const x = tf.ones([50, 40]);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const values = await y.data();
    tf.dispose([x, y]);
    const zeros = values.filter((v) => v === 0).length;
    expect(values.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(zeros / values.length).toBeGreaterThan(0.2);
    expect(zeros / values.length).toBeLessThan(0.3);
  });

  it('is active inside model.fit / trainOnBatch: the training loss differs from evaluate', async () => {
    await initBackend('cpu');
    const model = linearProbe(0.5, 2);
    const x = repeatedRow(8);
    const y = tf.zeros([8, 4]);
    try {
      model.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
      const evaluated = model.evaluate(x, y) as tf.Scalar;
      const plainLoss = (await evaluated.data())[0] ?? Number.NaN;
      evaluated.dispose();
      const trainingLoss = (await model.trainOnBatch(x, y)) as number;
      expect(Math.abs(trainingLoss - plainLoss)).toBeGreaterThan(1e-3);
    } finally {
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
    }
  });

  it('keeps BatchNorm in inference mode while sampling (moving statistics, not batch statistics)', async () => {
    await initBackend('cpu');
    const input = tf.input({ shape: [8] });
    const normalised = tf.layers.batchNormalization({ epsilon: 1e-3 }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({
      inputs: input,
      outputs: new McDropout({ rate: 0.5, seed: 4 }).apply(normalised) as tf.SymbolicTensor,
    });
    const x = tf.tidy(() => tf.linspace(1, 8, 8).reshape([1, 8]).tile([4, 1]));
    try {
      setMcDropoutActive(true);
      const [out] = await predictData(model, [x]);
      const xs = await x.data();
      // Initial moving mean 0 and variance 1: kept values are x / √(1 + ε) / (1 − rate).
      out?.forEach((v, i) => {
        if (v !== 0) expect(v).toBeCloseTo((xs[i] ?? 0) / Math.sqrt(1.001) / 0.5, 4);
      });
      expect(out?.some((v) => v !== 0)).toBe(true);
    } finally {
      x.dispose();
      model.dispose();
    }
  });

  it('repeats its masks from the seed: a fresh or reset model draws the same sequence', async () => {
    await initBackend('cpu');
    const spec = tinySpecs.cnn1dClassifier; // McDropout 0.2 in the dense layer, BatchNorm in the trunk
    const a = buildModel(spec);
    const b = buildModel(spec);
    const inputs = inputsFor(a, 2);
    try {
      setMcDropoutActive(true);
      const [a1] = await predictData(a, inputs);
      const [a2] = await predictData(a, inputs);
      const [b1] = await predictData(b, inputs);
      expect(b1).toEqual(a1);
      expect(a2).not.toEqual(a1);
      expect(resetRandomStreams(a)).toBe(1);
      const [a3] = await predictData(a, inputs);
      expect(a3).toEqual(a1);
    } finally {
      tf.dispose(inputs);
      a.dispose();
      b.dispose();
    }
  });

  it('serialises its rate and seed, and refuses a rate outside [0, 1)', () => {
    expect(new McDropout({ rate: 0.2, seed: 5, name: 'drop' }).getConfig()).toMatchObject({
      rate: 0.2,
      seed: 5,
      name: 'drop',
    });
    expect(new McDropout({ rate: 0.2 }).getConfig()).not.toHaveProperty('seed');
    expect(McDropout.className).toBe('McDropout');
    expect(() => new McDropout({ rate: 1 })).toThrow(/rate must be in \[0, 1\)/);
  });
});
