import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import {
  batchNormTraining,
  fastBatchNormTrainingInstalled,
  installFastBatchNormTraining,
  uninstallFastBatchNormTraining,
} from './fastBatchNormTraining';

type Backend = 'cpu' | 'wasm';

/** An input shape, the layer in front of the batch norm (its weights are the "upstream" ones), the batch-norm options. */
interface Case {
  readonly name: string;
  readonly shape: number[];
  readonly upstream: () => tf.layers.Layer;
  readonly batchNorm?: Parameters<typeof tf.layers.batchNormalization>[0];
}

const init = (seed: number) => tf.initializers.glorotUniform({ seed });
const randomInit = (seed: number, min: number, max: number) =>
  tf.initializers.randomUniform({ minval: min, maxval: max, seed });
const bn = (extra: Parameters<typeof tf.layers.batchNormalization>[0] = {}) => ({
  momentum: 0.9,
  gammaInitializer: randomInit(11, 0.5, 1.5),
  betaInitializer: randomInit(12, -0.5, 0.5),
  movingMeanInitializer: randomInit(13, -0.2, 0.2),
  movingVarianceInitializer: randomInit(14, 0.5, 1.5),
  ...extra,
});

const cases: Case[] = [
  { name: '2D [8, 5]', shape: [8, 5], upstream: () => tf.layers.dense({ units: 6, kernelInitializer: init(1) }) },
  {
    name: '3D [4, 40, 3] conv1d',
    shape: [4, 40, 3],
    upstream: () => tf.layers.conv1d({ filters: 7, kernelSize: 5, padding: 'same', kernelInitializer: init(2) }),
  },
  {
    name: '4D [3, 1, 33, 2] conv2d, ε 1e-5',
    shape: [3, 1, 33, 2],
    upstream: () =>
      tf.layers.conv2d({ filters: 9, kernelSize: [1, 3], padding: 'same', useBias: false, kernelInitializer: init(3) }),
    batchNorm: bn({ epsilon: 1e-5, momentum: 0.99 }),
  },
  {
    name: '4D [5, 3, 4, 2] conv2d with a large mean',
    shape: [5, 3, 4, 2],
    upstream: () =>
      tf.layers.conv2d({
        filters: 4,
        kernelSize: 2,
        padding: 'same',
        kernelInitializer: init(4),
        biasInitializer: tf.initializers.constant({ value: 3 }),
      }),
  },
];

interface Result {
  loss: number;
  grads: Float32Array[];
  movingMean: Float32Array;
  movingVariance: Float32Array;
  inference: Float32Array;
  /** 'input', then the weights' names. */
  names: string[];
  leaked: number;
}

/** One training-mode forward/backward (loss, gradients w.r.t. the input and every weight) and the moving statistics after it. */
async function trainingStep(backend: Backend, testCase: Case, fast: boolean): Promise<Result> {
  await initBackend(backend);
  if (fast) installFastBatchNormTraining();
  else uninstallFastBatchNormTraining();
  const before = tf.memory().numTensors;
  const input = tf.input({ shape: testCase.shape.slice(1) });
  const normalization = tf.layers.batchNormalization(testCase.batchNorm ?? bn());
  const normed = normalization.apply(testCase.upstream().apply(input)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: normed });
  const x = tf.tidy(() => tf.variable(tf.randomNormal(testCase.shape, 0.3, 1.2, 'float32', 21)));
  const outputShape = model.outputs[0]?.shape.slice(1) as number[];
  const weights = tf.randomNormal([testCase.shape[0] ?? 1, ...outputShape], 0, 1, 'float32', 22);
  try {
    // A loss that is not symmetric in the outputs, so every gradient term matters.
    const { value, grads } = tf.variableGrads(
      () => tf.mean(tf.square(tf.mul(model.apply(x, { training: true }) as tf.Tensor, weights))) as tf.Scalar,
      [x, ...model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val)],
    );
    const ordered = [x.name, ...model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val.name)];
    const result: Result = {
      loss: (await value.data())[0] ?? Number.NaN,
      grads: [],
      movingMean: await valuesOf(model.getWeights()[model.getWeights().length - 2]),
      movingVariance: await valuesOf(model.getWeights()[model.getWeights().length - 1]),
      inference: new Float32Array(),
      leaked: 0,
      names: ['input', ...model.trainableWeights.map((w) => w.name)],
    };
    for (const name of ordered) result.grads.push(await valuesOf(grads[name]));
    tf.dispose([value, ...Object.values(grads)]);
    const predicted = model.predict(x) as tf.Tensor;
    result.inference = new Float32Array(await predicted.data());
    predicted.dispose();
    tf.dispose([x, weights]);
    model.dispose();
    result.leaked = tf.memory().numTensors - before;
    return result;
  } finally {
    uninstallFastBatchNormTraining();
  }
}

async function valuesOf(t: tf.Tensor | undefined): Promise<Float32Array> {
  if (t === undefined) throw new Error('missing tensor');
  return new Float32Array(await t.data());
}

function maxAbs(values: Float32Array): number {
  return Math.max(0, ...Array.from(values, Math.abs));
}

function expectClose(actual: Float32Array | number[], expected: Float32Array | number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1e-30, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)) / scale);
  }
  expect(worst, `${what}: max |diff| / max |ref|`).toBeLessThanOrEqual(1e-5);
}

afterEach(() => uninstallFastBatchNormTraining());

describe('installFastBatchNormTraining', () => {
  it('is idempotent and reversible', async () => {
    await initBackend('wasm'); // registerWasmTrainingKernels (run by initBackend) installs it
    expect(fastBatchNormTrainingInstalled()).toBe(true);
    uninstallFastBatchNormTraining();
    expect(fastBatchNormTrainingInstalled()).toBe(false);
    installFastBatchNormTraining();
    installFastBatchNormTraining();
    expect(fastBatchNormTrainingInstalled()).toBe(true);
    const layer = tf.layers.batchNormalization();
    expect(layer.getClassName()).toBe('BatchNormalization');
    uninstallFastBatchNormTraining();
    expect(fastBatchNormTrainingInstalled()).toBe(false);
    uninstallFastBatchNormTraining();
    expect(fastBatchNormTrainingInstalled()).toBe(false);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    for (const testCase of cases) {
      it(`matches the stock layer on ${backend}: ${testCase.name}`, async () => {
        const stock = await trainingStep(backend, testCase, false);
        const fast = await trainingStep(backend, testCase, true);
        expectClose([fast.loss], [stock.loss], 'loss');
        expect(fast.grads.length).toBe(stock.grads.length);
        for (const [index, expected] of stock.grads.entries()) {
          const actual = fast.grads[index] ?? new Float32Array();
          const name = stock.names[index] ?? '';
          if (name.endsWith('/bias')) {
            // A bias in front of a batch norm over its channels has gradient 0: both give rounding
            // noise, compared with the kernel's gradient.
            const kernelScale = maxAbs(stock.grads[1] ?? new Float32Array());
            expect(maxAbs(actual), 'upstream bias (fast)').toBeLessThanOrEqual(1e-5 * kernelScale);
            expect(maxAbs(expected), 'upstream bias (stock)').toBeLessThanOrEqual(1e-5 * kernelScale);
          } else {
            expectClose(actual, expected, `gradient of ${name}`);
          }
        }
        expectClose(fast.movingMean, stock.movingMean, 'moving mean');
        expectClose(fast.movingVariance, stock.movingVariance, 'moving variance');
        expect(stock.leaked, 'tensors left behind (stock)').toBe(0);
        expect(fast.leaked, 'tensors left behind').toBe(0);
        // Inference is the stock call; it reads the moving statistics, which may differ from
        // stock's in the last bit after the training step, so: equal within rounding.
        expectClose(fast.inference, stock.inference, 'inference after a training step');
      });
    }
  }

  it('keeps the batch variance accurate on wasm for a mean large against the spread (x = 1e4 + noise)', async () => {
    await initBackend('wasm');
    const [rows, channels] = [640, 3];
    // Deterministic noise of standard deviation about 0.05·(c + 1) around 1e4 (float32 spacing there: 2^-10).
    const values = new Float32Array(rows * channels);
    let state = 12345;
    const uniform = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    };
    for (let i = 0; i < values.length; i++) values[i] = 1e4 + 0.17 * ((i % channels) + 1) * uniform();
    const gammaValues = [0.7, 1.3, -0.4];
    const betaValues = [0.2, -0.1, 0.5];
    const epsilon = 1e-6;
    const x = tf.tensor3d(values, [rows / 10, 10, channels]);
    const gamma = tf.tensor1d(gammaValues);
    const beta = tf.tensor1d(betaValues);
    const { output, mean, variance } = batchNormTraining(x, gamma, beta, epsilon);
    const [outputs, means, variances] = [await output.data(), await mean.data(), await variance.data()];
    tf.dispose([x, gamma, beta, output, mean, variance]);
    // Float64 two-pass reference over the same float32 inputs; biased variance, as tf.moments.
    const refMean: number[] = [];
    const refVariance: number[] = [];
    const refOutput = new Float64Array(values.length);
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let i = c; i < values.length; i += channels) sum += values[i] as number;
      const mu = sum / rows;
      let squares = 0;
      for (let i = c; i < values.length; i += channels) squares += ((values[i] as number) - mu) ** 2;
      const v = squares / rows;
      refMean.push(mu);
      refVariance.push(v);
      for (let i = c; i < values.length; i += channels) {
        refOutput[i] =
          ((gammaValues[c] as number) * ((values[i] as number) - mu)) / Math.sqrt(v + epsilon) +
          (betaValues[c] as number);
      }
    }
    for (let c = 0; c < channels; c++) {
      expect(Math.abs((variances[c] as number) / (refVariance[c] as number) - 1), `variance ${c}`).toBeLessThanOrEqual(
        1e-5,
      );
      expect(Math.abs((means[c] as number) - (refMean[c] as number)), `mean ${c}`).toBeLessThanOrEqual(1e4 * 2 ** -24);
    }
    // The spread is about 1e-5 of the mean: float32 sums of x or x² about 0 would lose it all.
    expect(Math.min(...refVariance)).toBeGreaterThan(1e-3);
    expectClose(Float32Array.from(outputs), Float32Array.from(refOutput), 'output');
  });

  it('hands other axes to the stock call (which fails in training for an inner axis in tfjs 4.22)', async () => {
    await initBackend('cpu');
    const outcome = (fast: boolean) => {
      if (fast) installFastBatchNormTraining();
      else uninstallFastBatchNormTraining();
      const layer = tf.layers.batchNormalization({ axis: 1 });
      const x = tf.randomNormal([4, 6, 3], 0, 1, 'float32', 3);
      try {
        const inference = layer.apply(x, { training: false }) as tf.Tensor;
        const values = Array.from(inference.dataSync());
        inference.dispose();
        let message = '';
        try {
          tf.tidy(() => layer.apply(x, { training: true }) as tf.Tensor);
        } catch (error) {
          message = String(error);
        }
        return { values, message };
      } finally {
        x.dispose();
        layer.dispose();
        uninstallFastBatchNormTraining();
      }
    };
    const stock = outcome(false);
    const fast = outcome(true);
    expect(fast).toEqual(stock);
  });

  it('trains model-A-like nets the same with trainOnBatch on wasm, without leaks', async () => {
    const run = async (fast: boolean) => {
      await initBackend('wasm');
      if (fast) installFastBatchNormTraining();
      else uninstallFastBatchNormTraining();
      const model = tf.sequential();
      model.add(
        tf.layers.conv1d({
          inputShape: [64, 1],
          filters: 4,
          kernelSize: 5,
          padding: 'same',
          useBias: false,
          kernelInitializer: init(7),
        }),
      );
      model.add(tf.layers.batchNormalization());
      model.add(tf.layers.activation({ activation: 'relu' }));
      model.add(tf.layers.globalAveragePooling1d());
      model.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(8) }));
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
      const x = tf.randomNormal([6, 64, 1], 0, 1, 'float32', 9);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
      const losses: number[] = [];
      await model.trainOnBatch(x, y);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) losses.push((await model.trainOnBatch(x, y)) as number);
      expect(tf.memory().numTensors).toBe(before);
      const weights = await Promise.all(model.getWeights().map(async (w) => new Float32Array(await w.data())));
      tf.dispose([x, y]);
      model.dispose();
      uninstallFastBatchNormTraining();
      return { losses, weights };
    };
    const stock = await run(false);
    const fast = await run(true);
    expectClose(fast.losses, stock.losses, 'losses');
    for (const [index, expected] of stock.weights.entries()) {
      expectClose(fast.weights[index] ?? [], expected, `weight ${index}`);
    }
  });
});
