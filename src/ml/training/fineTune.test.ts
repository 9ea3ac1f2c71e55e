import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { initBackend } from '../backend/initBackend';
import { buildModel } from '../blocks/buildModel';
import type { ModelCard } from '../registry/modelCard';
import { testCard } from '../registry/testCard';
import { fineTune, type LabelledSpectrum } from './fineTune';
import { createRandom } from './random';

const length = 64;
const card = testCard({
  id: 'left-right',
  name: 'Left or right',
  input: { length, axis: { unit: 'index', min: 0, max: 1 }, normalisation: 'max', domain: 'any', complex: false },
  outputs: [{ name: 'side', classes: ['left', 'right'] }],
  uncertainty: { method: 'none', passes: 1 },
});

/** Spectra with one peak in the left (class 0) or right (class 1) half, with noise. */
function labelled(count: number, seed: number): LabelledSpectrum[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const side = n % 2;
    const centre = (side === 0 ? 0.25 : 0.75) * length + random.uniform(-6, 6);
    const x = Float64Array.from({ length }, (_, i) => i);
    const y = x.map((i) => 100 * Math.exp(-(((i - centre) / 3) ** 2)) + random.uniform(0, 10));
    const spectrum: Spectrum = {
      id: `s${n}`,
      name: `s${n}`,
      file: 'labels.csv',
      domain: 'generic',
      x: { values: x, unit: 'index', quantity: 'index' },
      y: { values: y, unit: 'a.u.' },
      meta: {},
    };
    return { spectrum, target: [side] };
  });
}

// 'flatten' keeps where the peak is (global average pooling would not: the task is about position).
const base = () =>
  buildModel({
    kind: 'cnn1d',
    inputLength: length,
    filters: [4, 8],
    kernelSize: 5,
    pooling: 'flatten',
    denseUnits: [8],
    head: 'classifier',
    outputs: 2,
    seed: 5,
  });

describe('fineTune', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('learns from labelled spectra, measures before/after on a held-out part, and leaves the original untouched', async () => {
    const original = base();
    const weightsBefore = await Promise.all(original.getWeights().map((w) => w.data()));
    const epochs: number[] = [];
    const result = await fineTune(original, card, labelled(48, 3), {
      learningRate: 0.01,
      epochs: 25,
      onProgress: (p) => {
        if (p.phase === 'epoch') epochs.push(p.epoch);
      },
    });
    expect(result.holdoutCount).toBe(12);
    expect(result.trainCount).toBe(36);
    expect(result.after[0]?.value).toBeGreaterThanOrEqual(0.9);
    expect(result.after[0]?.value).toBeGreaterThan(result.before[0]?.value ?? 1);
    expect(epochs.length).toBeGreaterThan(0);
    expect(result.card.id).toBe('left-right-tuned');
    expect(result.card.limitations.at(-1)).toMatch(/Fine-tuned on 36 spectra and measured on 12/);
    const weightsAfter = await Promise.all(original.getWeights().map((w) => w.data()));
    expect(weightsAfter).toEqual(weightsBefore);
    result.model.dispose();
  }, 120_000);

  it('stops with CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fineTune(base(), card, labelled(8, 1), { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it.each([
    ['too few spectra', labelled(3, 1), card, /at least 4/],
    [
      'a label outside the classes',
      [...labelled(4, 1), { ...labelled(1, 2)[0], target: [5] } as LabelledSpectrum],
      card,
      /not one of the 2 classes/,
    ],
    [
      'a generator model',
      labelled(8, 1),
      { ...card, task: 'generation' } as ModelCard,
      /only classifiers and regressors/,
    ],
  ])('refuses %s', async (_what, examples, c, message) => {
    await expect(fineTune(base(), c, examples)).rejects.toThrow(message);
  });
});

void tf;
