/**
 * End to end: toy generator → split → model → train → metrics. The model is small and trains in
 * seconds on the cpu backend, whose Conv2DBackpropFilter costs ~100 ns per multiply-add
 * (TensorBuffer.get per element): a trainable conv over L = 128 would take minutes here. So the
 * front end is a fixed bank of Ricker (Mexican-hat) filters, the classic peak detector (as in
 * scipy.signal.find_peaks_cwt), and only the dense layers learn.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { expectedCalibrationError } from '../metrics/calibration';
import { accuracy, argmaxRows, macroF1 } from '../metrics/classification';
import { splitDataset } from './dataset';
import { toyPeaksClassification } from './toyGenerators';
import { train } from './train';

const length = 128;
/** Ricker widths σ in points: the FWHM at L = 128 is 1–4 points, σ 0.4–1.7. */
const widths = [0.5, 1, 1.5, 2];
const kernelLength = 13;

/** Kernel [1, k, 1, widths]: (1 − t²)·exp(−t²/2)/√σ with t = offset / σ. */
function rickerBank(): tf.Tensor4D {
  const values = new Float32Array(kernelLength * widths.length);
  widths.forEach((sigma, f) => {
    for (let i = 0; i < kernelLength; i++) {
      const t = (i - (kernelLength - 1) / 2) / sigma;
      values[i * widths.length + f] = ((1 - t * t) * Math.exp(-0.5 * t * t)) / Math.sqrt(sigma);
    }
  });
  return tf.tensor4d(values, [1, kernelLength, 1, widths.length]);
}

function peakCounter(): tf.LayersModel {
  const bank = rickerBank();
  const init = (seed: number) => tf.initializers.heNormal({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [1, length, 1] }),
      tf.layers.conv2d({
        filters: widths.length,
        kernelSize: [1, kernelLength],
        padding: 'same',
        activation: 'relu',
        useBias: false,
        trainable: false,
        weights: [bank],
      }),
      tf.layers.maxPooling2d({ poolSize: [1, 4], strides: [1, 4] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  bank.dispose();
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

beforeAll(async () => {
  await initBackend('cpu');
});

it('a small classifier counts toy peaks with > 80 % test accuracy in seconds', async () => {
  const started = performance.now();
  const dataset = toyPeaksClassification({ length }).generate(8000, 1);
  const split = splitDataset(dataset, { train: 0.8, validation: 0.1, test: 0.1 }, 2);
  const model = peakCounter();
  const before = tf.memory().numTensors;
  try {
    const result = await train(model, split, {
      epochs: 8,
      batchSize: 64,
      seed: 3,
      learningRate: { kind: 'cosine', initial: 0.01 },
    });
    const input = split.test.inputs[0];
    const target = split.test.targets[0];
    if (input === undefined || target === undefined) throw new Error('test split has no fields');
    const output = tf.tidy(
      () => model.predict(tf.tensor(input.values, [split.test.size, ...input.shape])) as tf.Tensor,
    );
    const probabilities = new Float32Array(await output.data());
    output.dispose();
    const truth = argmaxRows(target.values, 3);
    const predicted = argmaxRows(probabilities, 3);
    const testAccuracy = accuracy(truth, predicted);
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `toy peak counter: test accuracy ${testAccuracy.toFixed(3)}, macro F1 ${macroF1(truth, predicted).toFixed(3)}, ` +
        `ECE ${expectedCalibrationError(probabilities, truth).toFixed(3)}, best epoch ${result.bestEpoch}, ` +
        `${seconds.toFixed(1)} s`,
    );
    expect(testAccuracy).toBeGreaterThan(0.8);
    expect(seconds).toBeLessThan(30);
    // Adam's moments (2 per trainable weight) and step counters are the only new tensors.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * model.trainableWeights.length + 2);
  } finally {
    model.dispose();
  }
});
