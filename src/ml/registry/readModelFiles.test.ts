import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../../core/errors';
import { thrownWorkbenchError } from '../../core/thrownWorkbenchError';
import { loadModelFromFiles, type ModelFile, readModelFiles } from './readModelFiles';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Saves a small model the way tfjs writes it to disk: model.json + one .bin shard. */
async function modelFiles(): Promise<{ files: ModelFile[]; model: tf.LayersModel }> {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [8],
        units: 4,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightData || !saved.weightSpecs) throw new Error('save failed');
  const weights = new Uint8Array(saved.weightData as ArrayBuffer);
  const json = {
    modelTopology: saved.modelTopology,
    format: 'layers-model',
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: saved.weightSpecs }],
  };
  return {
    model,
    files: [
      { name: 'model.json', bytes: encode(json) },
      { name: 'group1-shard1of1.bin', bytes: weights },
    ],
  };
}

describe('readModelFiles / loadModelFromFiles', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('loads a dropped LayersModel and predicts exactly as the original', async () => {
    const { files, model } = await modelFiles();
    const { model: loaded, card } = await loadModelFromFiles(files);
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(Array.from(await (loaded.predict(x) as tf.Tensor).data())).toEqual(
      Array.from(await (model.predict(x) as tf.Tensor).data()),
    );
    expect(card).toBeNull();
  });

  it.each<[string, (files: ModelFile[]) => ModelFile[], RegExp]>([
    ['no model.json', (f) => f.slice(1), /no model\.json/],
    ['a missing weight file', (f) => f.slice(0, 1), /weight file 'group1-shard1of1\.bin' .* is missing/],
    [
      'a truncated weight file',
      (f) => [f[0] as ModelFile, { name: 'group1-shard1of1.bin', bytes: (f[1] as ModelFile).bytes.slice(0, 10) }],
      /hold 10 bytes, model\.json describes \d+/,
    ],
    [
      'model.json that is not JSON',
      (f) => [{ name: 'model.json', bytes: new TextEncoder().encode('{oops') }, f[1] as ModelFile],
      /not valid JSON/,
    ],
    [
      'JSON without a topology',
      (f) => [{ name: 'model.json', bytes: encode({ hello: 1 }) }, f[1] as ModelFile],
      /no modelTopology/,
    ],
    ['an invalid card', (f) => [...f, { name: 'card.json', bytes: encode({ schema: 'x' }) }], /not a model card/],
  ])('refuses %s with INVALID_MODEL', async (_what, mutate, message) => {
    const { files } = await modelFiles();
    const error = thrownWorkbenchError(() => readModelFiles(mutate(files)));
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(message);
    expect(error.file).toBeDefined();
  });

  it('refuses oversized model files before parsing them', async () => {
    const { files } = await modelFiles();
    const error = thrownWorkbenchError(() => readModelFiles(files, 100));
    expect(error).toMatchObject({ code: 'INVALID_MODEL', file: 'model.json' });
    expect(error.message).toMatch(/more than the limit/);
  });

  it('turns a topology tfjs cannot build into INVALID_MODEL', async () => {
    const { files } = await modelFiles();
    const json = JSON.parse(new TextDecoder().decode((files[0] as ModelFile).bytes));
    json.modelTopology.config.layers[0].class_name = 'NoSuchLayer';
    const broken = [{ name: 'model.json', bytes: encode(json) }, files[1] as ModelFile];
    const error = await loadModelFromFiles(broken).catch((e: WorkbenchError) => e);
    expect(error).toMatchObject({ code: 'INVALID_MODEL', file: 'model.json' });
    expect((error as WorkbenchError).message).toMatch(/could not build the model.*NoSuchLayer/);
  });
});
