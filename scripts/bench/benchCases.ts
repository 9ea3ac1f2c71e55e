/**
 * The networks `npm run bench` times: every shipped model (public/models/index.json, trained
 * weights), and seeded reference builds of the architectures not shipped yet.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { findRecipe } from '../../src/domains/modelRecipes';
import { type ArchitectureSpec, buildModel, registerBlockLayers } from '../../src/ml/blocks';
import { randomizeWeights } from '../../src/ml/onnx/onnxTestHelpers';
import { loadShippedModel, type ModelSource } from '../../src/ml/registry/modelRegistry';
import { buildModelA } from './trainingThroughput';

export interface BenchCase {
  /** Short name in the tables. */
  readonly name: string;
  /** What it is (architecture, size, where the weights come from). */
  readonly description: string;
  /** Builds or loads the model; the caller owns it. */
  build(): Promise<tf.LayersModel>;
  /**
   * Values of each model input for a batch, when the model needs realistic ones: a trained model
   * fed noise gives saturated softmax outputs, and comparing those says little. Default: seeded
   * uniform values on [-1, 1).
   */
  readonly inputs?: (batch: number) => Float32Array[];
}

const modelsDir = fileURLToPath(new URL('../../public/models/', import.meta.url));

/** `public/models/` on disk, as the CLI and the tests read it. */
export const fsModelSource: ModelSource = {
  readText: (path) => readFile(join(modelsDir, path), 'utf8'),
  readBytes: async (path) => new Uint8Array(await readFile(join(modelsDir, path))),
};

function shippedIds(): string[] {
  const index = JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as { models?: string[] };
  return index.models ?? [];
}

/**
 * A reference build: the spec's seeded Glorot weights, then every weight re-drawn from `seed`
 * (batch-norm statistics away from 0/1, so that folding them is really exercised).
 */
function reference(name: string, description: string, spec: ArchitectureSpec, seed: number): BenchCase {
  return {
    name,
    description: `${description}; seeded reference build (${JSON.stringify(spec)})`,
    build: async () => {
      const model = buildModel(spec);
      randomizeWeights(model, seed);
      return model;
    },
  };
}

const length = 2048;

/** The reference builds (architectures not shipped yet), all with input length 2048 where they take a spectrum. */
export const referenceCases: readonly BenchCase[] = [
  reference(
    'unet1d',
    '1D U-Net, blocks defaults: depth 3, 16-32-64-128 filters, 2 conv+BN+relu per level, k5, max pool, transposed conv',
    { kind: 'unet1d', inputLength: length, seed: 1 },
    11,
  ),
  reference(
    'unet1d-small',
    'small 1D U-Net shaped like the one of browser-notes §4.1: conv 16 k5 relu, pool, conv 32 k5 relu, transposed conv, concat, conv 16, conv 1x1; no BN',
    { kind: 'unet1d', inputLength: length, depth: 1, baseFilters: 16, convsPerLevel: 1, batchNorm: false, seed: 2 },
    12,
  ),
  reference(
    'autoencoder1d',
    '1D conv autoencoder, blocks defaults: filters 16-32-64, k5, BN, latent 16, dense decoder, transposed convs',
    { kind: 'autoencoder1d', inputLength: length, seed: 3 },
    13,
  ),
  reference(
    'twoHeaded',
    'spectrum CNN trunk (16-32-64, k7, BN, GAP) + 4 scalar inputs (MLP 32-32), merged, dense 64, 3-value regressor',
    { kind: 'twoHeaded', inputLength: length, parameterCount: 4, head: 'regressor', outputs: 3, seed: 4 },
    14,
  ),
  reference(
    'lstm',
    'sequence model: 64 steps x 32 features, LSTM 64 units, many-to-one, 4-class softmax head',
    { kind: 'sequence', timeSteps: 64, features: 32, units: [64], head: 'classifier', outputs: 4, seed: 5 },
    15,
  ),
  reference(
    'gru',
    'sequence model: 64 steps x 32 features, GRU 64 units, many-to-one, 4-class softmax head',
    {
      kind: 'sequence',
      timeSteps: 64,
      features: 32,
      cell: 'gru',
      units: [64],
      head: 'classifier',
      outputs: 4,
      seed: 6,
    },
    17,
  ),
  {
    name: 'modelA',
    description:
      'model A of browser-notes §2.3 (scripts/bench/trainingThroughput.ts): conv1d 16/32/32 k7/5/3 + BN + relu, 2 max pools, GAP, dense 8 softmax, on [N, 2048, 1]; seeded weights',
    build: async () => {
      const model = buildModelA(true);
      model.optimizer.dispose(); // compiled with its own Adam, which the model does not own
      randomizeWeights(model, 16);
      return model;
    },
  },
];

/** Every shipped model, with its trained weights, fed its recipe's simulated spectra (when it has a recipe). */
export function shippedCases(): BenchCase[] {
  registerBlockLayers();
  return shippedIds().map((id) => {
    const generator = findRecipe(id)?.generator;
    return {
      name: id,
      description: `shipped model public/models/${id} (trained weights; inputs from its recipe's simulator)`,
      build: async () => (await loadShippedModel(fsModelSource, id)).model,
      ...(generator === undefined
        ? {}
        : {
            inputs: (batch: number) => generator.generate(batch, 2026).inputs.map((f) => Float32Array.from(f.values)),
          }),
    };
  });
}

/** Input shapes of a model at a batch size (a free length axis, if any, taken as 2048). */
export function inputShapes(model: tf.LayersModel, batch: number): number[][] {
  return model.inputs.map((input) => input.shape.map((n, axis) => (axis === 0 ? batch : (n ?? length))));
}
