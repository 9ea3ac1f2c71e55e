import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { buildAutoencoder1d } from './autoencoder1d';
import { setMcDropoutActive } from './mcDropout';
import { inputsFor, maxAbsDiff, predictData, tinyLength, tinySpecs } from './testSpecs';
import { buildVae1d, sampleVae, type Vae1dConfig } from './vae1d';
import { VaeSampling, vaeKlDivergence } from './vaeSampling';

beforeAll(async () => {
  await initBackend('cpu');
});
afterEach(() => {
  setMcDropoutActive(false);
});

// No BatchNorm: the encoder then gives the same μ, logVar in training and inference mode.
const config: Vae1dConfig = { ...tinySpecs.vae1d, batchNorm: false };

async function scalar(t: tf.Tensor): Promise<number> {
  try {
    return (await t.data())[0] ?? Number.NaN;
  } finally {
    t.dispose();
  }
}

/** First training loss of a fresh VAE with the given KL weight, and the KL of its encoder on x. */
async function firstStep(klWeight: number, x: tf.Tensor): Promise<{ loss: number; kl: number }> {
  const { model, encoder, decoder } = buildVae1d({ ...config, klWeight });
  try {
    const kl = await scalar(tf.tidy(() => vaeKlDivergence(...(encoder.predict(x) as [tf.Tensor, tf.Tensor]))));
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
    const loss = (await model.trainOnBatch(x, x)) as number;
    model.optimizer.dispose();
    return { loss, kl };
  } finally {
    for (const m of [model, encoder, decoder]) m.dispose();
  }
}

describe('buildVae1d', () => {
  it('adds β·KL to the loss that model.fit minimises (KL > 0)', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tidy(() => tf.randomUniform([4, 1, tinyLength, 1], -1, 1, 'float32', 5));
    try {
      const beta = 0.5;
      const withKl = await firstStep(beta, x);
      const withoutKl = await firstStep(0, x);
      expect(withKl.kl).toBeGreaterThan(0);
      expect(withKl.kl).toBeCloseTo(withoutKl.kl, 6);
      // Same seeds, so the same ε: the only difference is the KL term.
      expect(withKl.loss - withoutKl.loss).toBeCloseTo(beta * withKl.kl, 4);
    } finally {
      x.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lowers the total loss (reconstruction + KL) over a few fit epochs', async () => {
    const before = tf.memory().numTensors;
    const { model, encoder, decoder } = buildVae1d({ ...tinySpecs.vae1d, klWeight: 0.1 });
    const [x] = inputsFor(model, 4);
    if (x === undefined) throw new Error('no input');
    try {
      model.compile({ optimizer: tf.train.adam(3e-3), loss: 'meanSquaredError' });
      const history = await model.fit(x, x, { epochs: 6, batchSize: 4, verbose: 0, shuffle: false });
      const losses = history.history.loss as number[];
      expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0);
      const kl = await scalar(tf.tidy(() => vaeKlDivergence(...(encoder.predict(x) as [tf.Tensor, tf.Tensor]))));
      expect(kl).toBeGreaterThan(0);
    } finally {
      x.dispose();
      model.optimizer.dispose();
      for (const m of [model, encoder, decoder]) m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sends the KL gradient to the encoder: with a large β, training shrinks the KL', async () => {
    const { model, encoder, decoder } = buildVae1d({ ...config, klWeight: 10 });
    const [x] = inputsFor(model, 4);
    if (x === undefined) throw new Error('no input');
    const klOf = () => scalar(tf.tidy(() => vaeKlDivergence(...(encoder.predict(x) as [tf.Tensor, tf.Tensor]))));
    try {
      const before = await klOf();
      model.compile({ optimizer: tf.train.adam(1e-2), loss: 'meanSquaredError' });
      await model.fit(x, x, { epochs: 5, batchSize: 4, verbose: 0, shuffle: false });
      expect(await klOf()).toBeLessThan(0.5 * before);
    } finally {
      x.dispose();
      model.optimizer.dispose();
      for (const m of [model, encoder, decoder]) m.dispose();
    }
  });

  it('reconstructs from μ in predict (deterministic) and samples in Monte-Carlo mode', async () => {
    const before = tf.memory().numTensors;
    const { model, encoder, decoder } = buildVae1d(tinySpecs.vae1d);
    const [x] = inputsFor(model, 2);
    if (x === undefined) throw new Error('no input');
    try {
      const [plain] = await predictData(model, [x]);
      const [mu, logVar] = encoder.predict(x) as tf.Tensor[];
      const [viaMu] = await predictData(decoder, [mu as tf.Tensor]);
      tf.dispose([mu, logVar] as tf.Tensor[]);
      expect(plain).toEqual(viaMu);
      setMcDropoutActive(true);
      const [sampled] = await predictData(model, [x]);
      expect(maxAbsDiff(sampled ?? [], plain ?? [])).toBeGreaterThan(1e-4);
    } finally {
      x.dispose();
      for (const m of [model, encoder, decoder]) m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exposes encoder [μ, logVar] and decoder sub-models; sampleVae generates seeded spectra', async () => {
    const before = tf.memory().numTensors;
    const { model, encoder, decoder } = buildVae1d(tinySpecs.vae1d);
    expect(encoder.outputs.map((o) => o.shape)).toEqual([
      [null, 3],
      [null, 3],
    ]);
    expect(decoder.inputs[0]?.shape).toEqual([null, 3]);
    const one = sampleVae(decoder, 5, 42);
    const same = sampleVae(decoder, 5, 42);
    const other = sampleVae(decoder, 5, 43);
    expect(one.shape).toEqual([5, 1, tinyLength, 1]);
    expect(await same.data()).toEqual(await one.data());
    expect(maxAbsDiff(await other.data(), await one.data())).toBeGreaterThan(1e-4);
    tf.dispose([one, same, other]);
    // Each part holds its own reference on the shared layers: any disposal order frees everything.
    decoder.dispose();
    model.dispose();
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => sampleVae(decoder, 0, 1)).toThrow(/n must be an integer ≥ 1/);
  });
});

describe('VaeSampling', () => {
  it('draws z = μ + exp(½ logVar)·ε in training, μ otherwise unless sampleAtInference', async () => {
    const mu = tf.fill([4000, 2], 1);
    const logVar = tf.fill([4000, 2], Math.log(4));
    const layer = new VaeSampling({ seed: 3 });
    const inference = layer.apply([mu, logVar]) as tf.Tensor;
    expect(await inference.data()).toEqual(await mu.data());
    const z = layer.apply([mu, logVar], { training: true }) as tf.Tensor;
    const { mean, variance } = tf.moments(z);
    expect(await scalar(mean)).toBeCloseTo(1, 1);
    expect(Math.sqrt(await scalar(variance))).toBeCloseTo(2, 1);
    const always = new VaeSampling({ sampleAtInference: true, seed: 3 }).apply([mu, logVar]) as tf.Tensor;
    expect(await always.data()).toEqual(await z.data()); // same seed, first call: the same ε
    expect(new VaeSampling({ klWeight: 0.5, seed: 9 }).getConfig()).toMatchObject({ klWeight: 0.5, seed: 9 });
    tf.dispose([mu, logVar, inference, z, always]);
  });

  it('gives a KL of 0 for the prior and the closed form otherwise', async () => {
    expect(await scalar(vaeKlDivergence(tf.zeros([2, 3]), tf.zeros([2, 3])))).toBeCloseTo(0, 7);
    // One dimension, μ = 1, σ² = e: ½(e + 1 − 1 − 1) = (e − 1)/2.
    expect(await scalar(vaeKlDivergence(tf.ones([1, 1]), tf.ones([1, 1])))).toBeCloseTo((Math.E - 1) / 2, 5);
  });
});

describe('buildAutoencoder1d', () => {
  it('exposes encoder [N, d] and decoder [N, d] → [N, 1, L, C] that compose to the full model', async () => {
    const before = tf.memory().numTensors;
    const { model, encoder, decoder } = buildAutoencoder1d(tinySpecs.autoencoder1d);
    const [x] = inputsFor(model, 2);
    if (x === undefined) throw new Error('no input');
    try {
      expect(encoder.outputs[0]?.shape).toEqual([null, 4]);
      const [full] = await predictData(model, [x]);
      const latent = encoder.predict(x) as tf.Tensor;
      const [composed] = await predictData(decoder, [latent]);
      latent.dispose();
      expect(composed).toEqual(full);
    } finally {
      x.dispose();
      for (const m of [encoder, model, decoder]) m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
