import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { buildModel, registerBlockLayers } from '../ml/blocks';
import type { ModelSource } from '../ml/registry/modelRegistry';
import { modelToFiles } from '../ml/registry/modelToFiles';
import type { ModelFile } from '../ml/registry/readModelFiles';
import { testCard } from '../ml/registry/testCard';
import { createEngine } from './engine';

const card = testCard({
  id: 'tiny-counter',
  name: 'Tiny counter',
  outputs: [{ name: 'peaks', classes: ['1', '2', '3'] }],
});

function memorySource(folders: Record<string, ModelFile[]>): ModelSource {
  const files = new Map<string, Uint8Array>([
    ['index.json', new TextEncoder().encode(JSON.stringify({ models: Object.keys(folders) }))],
  ]);
  for (const [id, list] of Object.entries(folders)) for (const f of list) files.set(`${id}/${f.name}`, f.bytes);
  const get = async (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`ENOENT ${path}`);
    return bytes;
  };
  return { readBytes: get, readText: async (path) => new TextDecoder().decode(await get(path)) };
}

const spectrum = (id: string, points: number): Spectrum => ({
  id,
  name: id,
  file: `${id}.csv`,
  domain: 'generic',
  x: { values: Float64Array.from({ length: points }, (_, i) => i), unit: 'index', quantity: 'index' },
  y: {
    values: Float64Array.from({ length: points }, (_, i) => Math.exp(-(((i - points / 2) / 4) ** 2))),
    unit: 'a.u.',
  },
  meta: {},
});

describe('engine: models', () => {
  let files: ModelFile[];
  beforeAll(async () => {
    registerBlockLayers();
    await tf.setBackend('cpu');
    const model = buildModel({
      kind: 'cnn1d',
      inputLength: 32,
      filters: [4],
      kernelSize: 5,
      denseUnits: [8],
      denseDropoutRate: 0.3,
      head: 'classifier',
      outputs: 3,
      seed: 7,
    });
    files = await modelToFiles(model, card);
  });

  it('lists shipped cards and predicts with uncertainty; a bad spectrum gets its own error', async () => {
    const engine = createEngine({ models: memorySource({ 'tiny-counter': files }) });
    await engine.initBackend('cpu');
    const cards = await engine.listModels();
    expect(cards.ok && cards.value.map((c) => c.id)).toEqual(['tiny-counter']);
    const result = await engine.predict('job-p', 'tiny-counter', [spectrum('a', 100), spectrum('one-point', 1)], 10);
    if (!result.ok) throw new Error(result.error.message);
    const [a, bad] = result.value;
    expect(a?.ok && a.value.values.length).toBe(3);
    expect(a?.ok && a.value.passes).toBe(10);
    expect(bad).toMatchObject({ ok: false, error: { code: 'CONTRACT_MISMATCH' } });
  });

  it('loads a user model from dropped files (with or without card) and runs it', async () => {
    const engine = createEngine();
    await engine.initBackend('cpu');
    const asFiles = (list: ModelFile[]) => list.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
    const withCard = await engine.loadUserModel(asFiles(files));
    expect(withCard).toMatchObject({ ok: true, value: { id: 'user-tiny-counter' } });
    const without = await engine.loadUserModel(asFiles(files.filter((f) => f.name !== 'card.json')));
    if (!without.ok) throw new Error(without.error.message);
    expect(without.value).toMatchObject({
      id: 'user-model',
      task: 'classification',
      input: { length: 32, normalisation: 'none' },
    });
    expect(without.value.limitations.join(' ')).toMatch(/No card\.json/);
    const listed = await engine.listModels();
    expect(listed.ok && listed.value.map((c) => c.id)).toEqual(['user-tiny-counter', 'user-model']);
    const result = await engine.predict('job-u', 'user-model', [spectrum('a', 64)], 5);
    expect(result.ok && result.value[0]?.ok).toBe(true);
  });

  it('fine-tunes a model on labelled spectra into a new user model, and exports zip and ONNX', async () => {
    const engine = createEngine({ models: memorySource({ 'tiny-counter': files }) });
    await engine.initBackend('cpu');
    const examples = Array.from({ length: 8 }, (_, i) => ({ spectrum: spectrum(`s${i}`, 40 + i), target: [i % 3] }));
    const progress: number[] = [];
    const tuned = await engine.fineTune('job-f', 'tiny-counter', examples, { epochs: 2 }, (f) => progress.push(f));
    if (!tuned.ok) throw new Error(tuned.error.message);
    expect(tuned.value).toMatchObject({ card: { id: 'user-tiny-counter-tuned' }, trainCount: 6, holdoutCount: 2 });
    expect(tuned.value.before[0]?.name).toBe('accuracy');
    expect(progress.length).toBeGreaterThan(0);
    const listed = await engine.listModels();
    expect(listed.ok && listed.value.map((c) => c.id)).toContain('user-tiny-counter-tuned');
    const zip = await engine.exportModelZip('user-tiny-counter-tuned');
    if (!zip.ok) throw new Error(zip.error.message);
    const { unzipSync } = await import('fflate');
    expect(Object.keys(unzipSync(zip.value)).sort()).toEqual(
      ['tiny-counter-tuned/card.json', 'tiny-counter-tuned/group1-shard1of1.bin', 'tiny-counter-tuned/model.json'].map(
        (f) => f.replace('tiny-counter-tuned', 'user-tiny-counter-tuned'),
      ),
    );
    const onnx = await engine.exportOnnx('tiny-counter');
    expect(onnx.ok && onnx.value.length).toBeGreaterThan((files[1] as ModelFile).bytes.length);
  });

  it('reports a broken upload and an unknown model as typed errors', async () => {
    const engine = createEngine();
    const broken = await engine.loadUserModel([new File(['{"nope":1}'], 'model.json')]);
    expect(broken).toMatchObject({ ok: false, error: { code: 'INVALID_MODEL', file: 'model.json' } });
    const unknown = await engine.predict('job-x', 'no-such-model', [spectrum('a', 10)]);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_MODEL' } });
  });
});
