import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { buildModel, registerBlockLayers, resetRandomStreams } from '../blocks';
import { tinySpecs } from '../blocks/testSpecs';
import type { ModelCard } from '../registry/modelCard';
import { testCard } from '../registry/testCard';
import { compileForInference } from './compileForInference';
import { predictSpectra } from './predictSpectra';

const card = testCard({
  domain: 'emission',
  input: {
    length: 32,
    axis: { unit: 'nm', min: 400, max: 500 },
    normalisation: 'max',
    domain: 'emission',
    complex: false,
  },
});

function spectrum(id: string, from: number, to: number, domain: Spectrum['domain'] = 'emission'): Spectrum {
  const n = 200;
  const x = Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  return {
    id,
    name: id,
    file: `${id}.csv`,
    domain,
    x: { values: x, unit: 'nm', quantity: 'wavelength' },
    y: { values: x.map((v) => Math.exp(-(((v - 450) / 5) ** 2))), unit: 'counts' },
    meta: {},
  };
}

describe('predictSpectra', () => {
  beforeAll(async () => {
    registerBlockLayers();
    await tf.setBackend('cpu');
  });

  it('gives class probabilities with SD and entropy; a spectrum outside the contract gets its own error', async () => {
    const model = buildModel({
      kind: 'cnn1d',
      inputLength: 32,
      filters: [4],
      kernelSize: 5,
      denseUnits: [8],
      denseDropoutRate: 0.3,
      head: 'classifier',
      outputs: 3,
      seed: 3,
    });
    const spectra = [
      spectrum('a', 380, 520),
      spectrum('narrow', 430, 470),
      spectrum('b', 390, 510),
      spectrum('gamma', 380, 520, 'gamma'),
    ];
    const results = await predictSpectra(model, card, spectra, { passes: 20 });
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
    const [a, narrow, , gamma] = results;
    if (!a?.ok || narrow?.ok !== false || gamma?.ok !== false) throw new Error('unexpected');
    expect(a.value.values.map((v) => v.name)).toEqual(['one', 'two', 'three']);
    expect(a.value.values.reduce((s, v) => s + v.mean, 0)).toBeCloseTo(1, 5);
    expect(a.value.values.some((v) => v.sd > 0)).toBe(true);
    expect(a.value.entropy).toBeGreaterThan(0);
    expect(a.value.entropy).toBeLessThanOrEqual(Math.log(3) + 1e-9);
    expect(['one', 'two', 'three']).toContain(a.value.predictedClass);
    expect(a.value).toMatchObject({ passes: 20, stochastic: true, model: 'test-classifier', spectrumId: 'a' });
    expect(narrow.error).toMatchObject({ code: 'CONTRACT_MISMATCH', file: 'narrow.csv' });
    expect(gamma.error.code).toBe('CONTRACT_MISMATCH');
  });

  it('gives the same Monte-Carlo results through the compiled forward pass (same seeded masks)', async () => {
    const model = buildModel({
      kind: 'cnn1d',
      inputLength: 32,
      filters: [4],
      kernelSize: 5,
      denseUnits: [8],
      denseDropoutRate: 0.3,
      head: 'classifier',
      outputs: 3,
      seed: 3,
    });
    const compiled = compileForInference(model);
    const spectra = [spectrum('a', 380, 520), spectrum('b', 390, 510)];
    resetRandomStreams(model);
    const plain = await predictSpectra(model, card, spectra, { passes: 12 });
    resetRandomStreams(model);
    const fast = await predictSpectra(model, card, spectra, { passes: 12, forward: compiled.predict });
    for (const [i, result] of plain.entries()) {
      const other = fast[i];
      if (!result.ok || !other?.ok) throw new Error('prediction failed');
      result.value.values.forEach((v, k) => {
        expect(Math.abs(v.mean - (other.value.values[k]?.mean ?? Number.NaN))).toBeLessThan(1e-5);
        expect(Math.abs(v.sd - (other.value.values[k]?.sd ?? Number.NaN))).toBeLessThan(1e-5);
      });
    }
    compiled.dispose();
  });

  it('names regressor outputs with their units from the card', async () => {
    const model = buildModel({
      kind: 'cnn1d',
      inputLength: 32,
      filters: [4],
      kernelSize: 5,
      denseUnits: [],
      head: 'regressor',
      outputs: 2,
      seed: 4,
    });
    const regressor: ModelCard = {
      ...card,
      task: 'regression',
      outputs: [
        { name: 'position', unit: 'nm' },
        { name: 'area', unit: 'counts·nm' },
      ],
    };
    const [result] = await predictSpectra(model, regressor, [spectrum('a', 380, 520)]);
    if (!result?.ok) throw new Error('prediction failed');
    expect(result.value.values.map((v) => [v.name, v.unit])).toEqual([
      ['position', 'nm'],
      ['area', 'counts·nm'],
    ]);
    // No dropout in this model: one pass, SD 0, said as such.
    expect(result.value).toMatchObject({ passes: 1, stochastic: false });
    expect(result.value.entropy).toBeUndefined();
  });
});

describe('predictSpectra with a multi-label model', () => {
  beforeAll(async () => {
    registerBlockLayers();
    await tf.setBackend('cpu');
  });

  it('gives an independent probability per label and the labels at or above 0.5', async () => {
    const model = buildModel({ ...tinySpecs.cnn1dClassifier, head: 'multiLabel', denseDropoutRate: 0.3, seed: 5 });
    const multi = {
      ...card,
      task: 'multilabel' as const,
      outputs: [{ name: 'nuclides', classes: ['Cs-137', 'Co-60', 'K-40'] }],
    };
    const [result] = await predictSpectra(model, multi, [spectrum('a', 380, 520)], { passes: 10 });
    if (!result?.ok) throw new Error('prediction failed');
    const { values, predictedLabels, predictedClass } = result.value;
    expect(values.map((v) => v.name)).toEqual(['Cs-137', 'Co-60', 'K-40']);
    // sigmoid outputs do not sum to one, and the labels are exactly those at or above 0.5
    expect(predictedClass).toBeUndefined();
    expect(predictedLabels).toEqual(
      values
        .filter((v) => v.mean >= 0.5)
        .sort((a, b) => b.mean - a.mean)
        .map((v) => v.name),
    );
    for (const v of values) expect(v.mean).toBeGreaterThan(0);
  });
});
