import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { buildModel } from './buildModel';
import { setMcDropoutActive } from './mcDropout';
import { registerBlockLayers } from './registerBlockLayers';
import { resetRandomStreams } from './resetRandomStreams';
import { loadFromMemory, saveToMemory } from './serialization';
import { splitVae1d } from './subModel';
import { inputsFor, lossFor, predictData, type TinySpecName, targetsFor, tinySpecs } from './testSpecs';

beforeAll(async () => {
  await initBackend('cpu');
});
afterEach(() => {
  setMcDropoutActive(false);
});

/** The bytes of all weight buffers of the artifacts, as one array. */
function weightBytes(artifacts: tf.io.ModelArtifacts): Uint8Array {
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
}

/** Artifacts as a model card would store them: topology and specs through JSON text, weights copied. */
function throughJson(artifacts: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  const { modelTopology, weightSpecs, format, generatedBy, convertedBy } = artifacts;
  const json = JSON.parse(JSON.stringify({ modelTopology, weightSpecs, format, generatedBy, convertedBy }));
  return { ...json, weightData: weightBytes(artifacts).slice().buffer };
}

describe.each(Object.keys(tinySpecs) as TinySpecName[])('%s', (name) => {
  const spec = tinySpecs[name];

  it('round-trips bit-exactly through saveToMemory / JSON / loadFromMemory (weights and predict)', async () => {
    const startTensors = tf.memory().numTensors;
    const model = buildModel(spec);
    const inputs = inputsFor(model, 2);
    const x = inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs;
    const y =
      name.startsWith('autoencoder') || name.startsWith('vae')
        ? (inputs[0] as tf.Tensor).clone()
        : targetsFor(model, spec, 2);
    let loaded: tf.LayersModel | undefined;
    try {
      // One step first, so that BatchNorm moving statistics and all weights are off their initial values.
      model.compile({ optimizer: tf.train.adam(1e-2), loss: lossFor(spec) });
      await model.trainOnBatch(x, y);
      const saved = await saveToMemory(model);
      loaded = await loadFromMemory(throughJson(saved));
      const resaved = await saveToMemory(loaded);
      expect(resaved.weightSpecs).toEqual(saved.weightSpecs);
      expect(weightBytes(resaved)).toEqual(weightBytes(saved));
      expect(weightBytes(saved).byteLength).toBe(model.countParams() * 4); // all float32, BatchNorm statistics included
      expect(await predictData(loaded, inputs)).toEqual(await predictData(model, inputs));
      // Seeds of McDropout / VaeSampling survive: the same Monte-Carlo draws from a fresh stream.
      setMcDropoutActive(true);
      resetRandomStreams(model);
      expect(await predictData(loaded, inputs)).toEqual(await predictData(model, inputs));
    } finally {
      setMcDropoutActive(false);
      tf.dispose([...inputs, y]);
      model.optimizer.dispose();
      model.dispose();
      loaded?.optimizer?.dispose();
      loaded?.dispose();
    }
    expect(tf.memory().numTensors).toBe(startTensors);
  });
});

describe('serialisation helpers', () => {
  it('registerBlockLayers is idempotent, and a loaded VAE splits into the same encoder and decoder', async () => {
    registerBlockLayers();
    registerBlockLayers();
    const model = buildModel({ ...tinySpecs.vae1d, klWeight: 0.25 });
    const loaded = await loadFromMemory(await saveToMemory(model));
    const original = splitVae1d(model);
    const reloaded = splitVae1d(loaded);
    const z = tf.randomNormal([3, 3], 0, 1, 'float32', 1);
    try {
      expect(loaded.getLayer('z').getConfig()).toMatchObject({ klWeight: 0.25, sampleAtInference: false });
      expect(await predictData(reloaded.decoder, [z])).toEqual(await predictData(original.decoder, [z]));
    } finally {
      z.dispose();
      for (const m of [model, loaded, original.encoder, original.decoder, reloaded.encoder, reloaded.decoder])
        m.dispose();
    }
  });
});
