import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { type ArchitectureSpec, buildModel } from './buildModel';
import { inputsFor, maxAbsDiff, predictData, type TinySpecName, tinyLength, tinySpecs } from './testSpecs';

const batch = 3;

/** Expected output shape of each tiny spec for `batch` samples. */
const expectedShapes: Record<TinySpecName, number[]> = {
  cnn1dClassifier: [batch, 3],
  cnn1dRegressor: [batch, 2],
  unet1d: [batch, 1, tinyLength, 1],
  unet1dUpSampling: [batch, 1, tinyLength, 2],
  autoencoder1d: [batch, 1, tinyLength, 1],
  vae1d: [batch, 1, tinyLength, 1],
  twoHeaded: [batch, 2],
  sequenceLstm: [batch, 3],
  sequenceGru: [batch, 6, 2],
  mlp: [batch, 4],
};

const names = Object.keys(tinySpecs) as TinySpecName[];

/** Builds `spec` on `backend`, predicts a fixed batch, checks for leaks; returns the outputs. */
async function forward(
  backend: 'cpu' | 'wasm',
  spec: ArchitectureSpec,
): Promise<{ shape: number[]; data: Float32Array }> {
  await initBackend(backend);
  const model = buildModel(spec);
  const inputs = inputsFor(model, batch);
  try {
    const before = tf.memory().numTensors;
    const [data] = await predictData(model, inputs);
    expect(tf.memory().numTensors).toBe(before);
    const shape = tf.tidy(
      () => (model.predict(inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs) as tf.Tensor).shape,
    );
    if (data === undefined) throw new Error('no output');
    return { shape, data };
  } finally {
    tf.dispose(inputs);
    model.dispose();
  }
}

describe.each(names)('%s', (name) => {
  const spec = tinySpecs[name];

  it('has the documented output shape, the same on cpu and wasm (max abs diff ≤ 1e-4)', async () => {
    const cpu = await forward('cpu', spec);
    const wasm = await forward('wasm', spec);
    expect(cpu.shape).toEqual(expectedShapes[name]);
    expect(wasm.shape).toEqual(expectedShapes[name]);
    expect(cpu.data.every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(cpu.data, wasm.data)).toBeLessThanOrEqual(1e-4);
  });

  it('draws its weights from the seed: same seed, same weights; another seed, others', async () => {
    await initBackend('cpu');
    const weightsOf = (s: ArchitectureSpec) => {
      const model = buildModel(s);
      try {
        return model.getWeights().map((w) => w.dataSync().slice());
      } finally {
        model.dispose();
      }
    };
    const first = weightsOf(spec);
    expect(weightsOf(spec)).toEqual(first);
    const other = weightsOf({ ...spec, seed: spec.seed + 1 });
    expect(other.some((w, i) => maxAbsDiff(w, first[i] ?? []) > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(0);
  });
});

describe('config validation', () => {
  it('refuses a U-Net length that does not halve depth times, naming the valid lengths', () => {
    const build = () => buildModel({ kind: 'unet1d', inputLength: 100, depth: 3 });
    expect(build).toThrow(WorkbenchError);
    expect(build).toThrow(/inputLength = 100 is not divisible by 2\^3 = 8.*96 or 104/);
  });

  it('refuses an autoencoder or VAE length that the decoder cannot give back', () => {
    expect(() => buildModel({ kind: 'autoencoder1d', inputLength: 30, filters: [4, 8] })).toThrow(/28 or 32/);
    expect(() => buildModel({ kind: 'vae1d', inputLength: 6, filters: [4, 8, 8] })).toThrow(/8 bins/);
  });

  it('names the bad option', () => {
    expect(() => buildModel({ ...tinySpecs.cnn1dClassifier, outputs: 1 })).toThrow(/outputs must be an integer ≥ 2/);
    expect(() => buildModel({ ...tinySpecs.mlp, dropoutRate: 1 })).toThrow(/dropoutRate must be in \[0, 1\)/);
    expect(() => buildModel({ ...tinySpecs.cnn1dClassifier, inputLength: 3 })).toThrow(
      /inputLength must be an integer ≥ 4/,
    );
    expect(() => buildModel({ ...tinySpecs.sequenceLstm, units: [] })).toThrow(/units must list at least 1/);
    expect(() => buildModel({ kind: 'nope' } as unknown as ArchitectureSpec)).toThrow(/unknown architecture kind nope/);
    const badActivation = { ...tinySpecs.unet1d, outputActivation: 'softmax' } as unknown as ArchitectureSpec;
    expect(() => buildModel(badActivation)).toThrow(/outputActivation must be one of relu, /);
    const badHead = { ...tinySpecs.twoHeaded, head: 'ranking' } as unknown as ArchitectureSpec;
    expect(() => buildModel(badHead)).toThrow(/head must be one of classifier, multiLabel, regressor/);
    expect(() => buildModel({ ...tinySpecs.sequenceGru, cell: 'rnn' } as unknown as ArchitectureSpec)).toThrow(/cell/);
  });

  it('fails before any weight exists, so a bad spec leaks nothing', () => {
    // Runs after the tests above in this file; every model they built was disposed.
    expect(tf.memory().numTensors).toBe(0);
  });
});

afterAll(async () => {
  await initBackend('cpu');
});
