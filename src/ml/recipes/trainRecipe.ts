import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../blocks/buildModel';
import { registerBlockLayers } from '../blocks/registerBlockLayers';
import { MODEL_CARD_SCHEMA, MODEL_CARD_VERSION, type ModelCard } from '../registry/modelCard';
import type { Dataset } from '../training/dataset';
import { deriveSeed } from '../training/random';
import { type TrainProgress, type TrainResult, train } from '../training/train';
import { type Evaluation, evaluateRecipe } from './evaluateRecipe';
import type { ModelRecipe } from './modelRecipe';

/** Salts of the three splits: each is generated from its own seed, so the test set can be regenerated alone. */
const SPLIT_SALT = { train: 1, validation: 2, test: 3 } as const;

/** The held-out test set of a recipe, exactly as its training run saw it. */
export function recipeTestSet(recipe: ModelRecipe): Dataset {
  return recipe.generator.generate(recipe.sizes.test, deriveSeed(recipe.seed, SPLIT_SALT.test));
}

/**
 * Measures a model on the recipe's test split and on each of its extra held-out sets (metrics of
 * extra set k named `<name>: <metric>`, drawn from seed salt 10 + k), as the card reports them.
 */
export async function evaluateRecipeSets(
  model: tf.LayersModel,
  recipe: ModelRecipe,
  options: { readonly headlineOnly?: boolean } = {},
): Promise<Evaluation> {
  const sets = recipe.extraTestSets ?? [];
  // With headlineOnly, only the set the headline is measured on (the reproduction test needs no more).
  const headlineSet = sets.findIndex((set) => recipe.headline.name.startsWith(`${set.name}: `));
  const skipMain = options.headlineOnly === true && headlineSet >= 0;
  const main = skipMain ? { metrics: [] } : await evaluateRecipe(model, recipe, recipeTestSet(recipe));
  const metrics = [...main.metrics];
  for (const [k, extra] of sets.entries()) {
    if (options.headlineOnly === true && headlineSet >= 0 && k !== headlineSet) continue;
    const data = extra.generator.generate(extra.size, deriveSeed(recipe.seed, 10 + k));
    const evaluation = await evaluateRecipe(model, recipe, data);
    for (const metric of evaluation.metrics) {
      const name = `${extra.name}: ${metric.name}`;
      metrics.push(
        name === recipe.headline.name
          ? { name, value: metric.value, tolerance: recipe.headline.tolerance }
          : { name, value: metric.value },
      );
    }
  }
  return { ...main, metrics };
}

export interface TrainRecipeOptions {
  readonly onProgress?: (progress: TrainProgress) => void | Promise<void>;
  readonly signal?: AbortSignal;
  /** The command line to write into the card (how to reproduce). */
  readonly command: string;
  /** ISO date to write into the card (default today). */
  readonly date?: string;
}

/**
 * Trains a recipe from nothing: generates the three splits from the recipe's seed, builds and
 * compiles the architecture, trains with the recipe's schedule and early stopping, measures the
 * held-out metrics (with MC dropout) and writes them into a model card.
 */
export async function trainRecipe(
  recipe: ModelRecipe,
  options: TrainRecipeOptions,
): Promise<{ model: tf.LayersModel; card: ModelCard; result: TrainResult }> {
  registerBlockLayers();
  const started = Date.now();
  const trainSet = recipe.generator.generate(recipe.sizes.train, deriveSeed(recipe.seed, SPLIT_SALT.train));
  const validation = recipe.generator.generate(recipe.sizes.validation, deriveSeed(recipe.seed, SPLIT_SALT.validation));
  const model = buildModel(recipe.architecture);
  model.compile({
    optimizer: tf.train.adam(recipe.learningRate),
    loss: recipe.loss,
    metrics: recipe.task === 'classification' ? ['accuracy'] : recipe.task === 'multilabel' ? ['binaryAccuracy'] : [],
  });
  const result = await train(
    model,
    { train: trainSet, validation },
    {
      ...recipe.train,
      seed: deriveSeed(recipe.seed, 4),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  const evaluation = await evaluateRecipeSets(model, recipe);
  const headline = evaluation.metrics.find((m) => m.name === recipe.headline.name);
  if (!headline) throw new Error(`recipe ${recipe.id}: headline metric '${recipe.headline.name}' was not measured`);
  const card: ModelCard = {
    schema: MODEL_CARD_SCHEMA,
    version: MODEL_CARD_VERSION,
    id: recipe.id,
    name: recipe.name,
    task: recipe.task,
    domain: recipe.domain,
    summary: recipe.summary,
    architecture: recipe.architecture as unknown as Record<string, unknown>,
    input: recipe.input,
    outputs: recipe.outputs,
    training: {
      generator: recipe.generator.id,
      parameters: {
        ...(recipe.generator.describe() as unknown as Record<string, unknown>),
        ...(recipe.extraTestSets === undefined
          ? {}
          : {
              extraTestSets: recipe.extraTestSets.map((set) => ({
                name: set.name,
                description: set.description,
                size: set.size,
                generator: set.generator.describe(),
              })),
            }),
      },
      seed: recipe.seed,
      sizes: recipe.sizes,
      epochs: result.history.length,
      backend: tf.getBackend(),
      durationS: Math.round((Date.now() - started) / 100) / 10,
      date: options.date ?? new Date().toISOString().slice(0, 10),
      command: options.command,
    },
    metrics: { headline: { ...headline, tolerance: recipe.headline.tolerance }, heldOut: evaluation.metrics, real: [] },
    uncertainty: {
      method: 'mc-dropout',
      passes: recipe.passes,
      ...(evaluation.coverage68 === undefined ? {} : { coverage68: evaluation.coverage68 }),
      ...(evaluation.coverage95 === undefined ? {} : { coverage95: evaluation.coverage95 }),
    },
    limitations: recipe.limitations,
  };
  return { model, card, result };
}
