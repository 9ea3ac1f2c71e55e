import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend/initBackend';
import { evaluateRecipeSets } from '../ml/recipes/trainRecipe';
import { loadShippedModel, type ModelSource } from '../ml/registry/modelRegistry';
import { findRecipe } from './modelRecipes';

const modelsDir = fileURLToPath(new URL('../../public/models/', import.meta.url));
const source: ModelSource = {
  readText: (path) => readFile(join(modelsDir, path), 'utf8'),
  readBytes: async (path) => new Uint8Array(await readFile(join(modelsDir, path))),
};
const shipped = (JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as { models: string[] }).models;

describe.skipIf(shipped.length === 0)('shipped models', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(shipped)(
    '%s: the card matches its recipe and the headline metric reproduces from the shipped weights',
    async (id) => {
      const recipe = findRecipe(id);
      expect(recipe, `no recipe for shipped model ${id}`).toBeDefined();
      if (!recipe) return;
      const { model, card } = await loadShippedModel(source, id);
      try {
        expect(card.architecture).toEqual(recipe.architecture);
        expect(card.input).toEqual(recipe.input);
        expect(card.training.command).toBe(`npm run train -- ${id}`);
        expect(card.limitations.length).toBeGreaterThan(0);
        const evaluation = await evaluateRecipeSets(model, recipe, { headlineOnly: true });
        const measured = evaluation.metrics.find((m) => m.name === card.metrics.headline.name);
        expect(measured, `headline metric ${card.metrics.headline.name} not measured`).toBeDefined();
        const tolerance = card.metrics.headline.tolerance ?? 0;
        expect(Math.abs((measured?.value ?? Number.NaN) - card.metrics.headline.value)).toBeLessThanOrEqual(tolerance);
      } finally {
        model.dispose();
      }
    },
    240_000,
  );
});
