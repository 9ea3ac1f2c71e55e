import { describe, expect, it } from 'vitest';
import type { ModelRecipe } from '../../../ml/recipes';
import { ANOMALY_FEATURES, ANOMALY_KINDS } from './anomalyFeatures';
import { METAL_SYMBOLS } from './concentrationSetup';
import { CONDITION_BINS } from './concentrationTestSets';
import { emissionAnomalyRnn } from './emissionAnomalyRnn';
import { emissionConcentration1Head } from './emissionConcentration1Head';
import { emissionConcentration2Head } from './emissionConcentration2Head';
import { emissionLineSelection } from './emissionLineSelection';

const concentration: readonly ModelRecipe[] = [
  emissionConcentration2Head,
  emissionConcentration1Head,
  emissionLineSelection,
];

describe('emission recipes', () => {
  it.each([...concentration, emissionAnomalyRnn])(
    '%s: the generator feeds the architecture and the headline set exists',
    (recipe) => {
      const described = recipe.generator.describe();
      const spec = recipe.architecture as unknown as Record<string, unknown>;
      const shapes = described.inputs.map((i) => i.shape);
      if (spec.kind === 'twoHeaded') expect(shapes).toEqual([[1, spec.inputLength, 1], [spec.parameterCount]]);
      if (spec.kind === 'cnn1d') expect(shapes).toEqual([[1, spec.inputLength, 1]]);
      if (spec.kind === 'mlp') expect(shapes).toEqual([[spec.inputSize]]);
      if (spec.kind === 'sequence') expect(shapes).toEqual([[spec.timeSteps, spec.features]]);
      expect(described.targets[0]?.shape).toEqual([spec.outputs]);
      expect(recipe.input.length).toBe(
        spec.kind === 'sequence' ? spec.timeSteps : shapes[0]?.[shapes[0].length === 1 ? 0 : 1],
      );
      const headlineSet = recipe.headline.name.split(': ')[0];
      if (recipe.headline.name.includes(': ')) expect(recipe.extraTestSets?.map((s) => s.name)).toContain(headlineSet);
      expect(recipe.limitations.length).toBeGreaterThan(0);
    },
  );

  it('the concentration models share seed, data and held-out sets, so that they compare like with like', () => {
    expect(new Set(concentration.map((r) => r.seed)).size).toBe(1);
    expect(emissionConcentration2Head.sizes).toEqual(emissionConcentration1Head.sizes);
    expect(emissionConcentration2Head.extraTestSets?.map((s) => s.name)).toEqual(CONDITION_BINS.map((b) => b.name));
    expect(emissionConcentration1Head.extraTestSets?.map((s) => s.name)).toEqual(CONDITION_BINS.map((b) => b.name));
    expect(emissionLineSelection.extraTestSets?.[0]?.name).toBe(CONDITION_BINS[0]?.name);
    for (const r of concentration) expect(r.outputs.map((o) => o.name)).toEqual(METAL_SYMBOLS);
    // The two-headed contract carries the training ranges that flag extrapolation.
    expect(emissionConcentration2Head.input.scalars?.map((s) => [s.min, s.max])).toEqual([
      [3, 4],
      [15, 35],
    ]);
  });

  it('the anomaly detector names the four simulated faults from the documented features', () => {
    expect(emissionAnomalyRnn.outputs[0]?.classes).toEqual(ANOMALY_KINDS);
    expect(emissionAnomalyRnn.generator.describe().inputs[0]?.shape).toEqual([24, ANOMALY_FEATURES.length]);
    expect(emissionAnomalyRnn.input.axis.unit).toBe('s');
  });
});
