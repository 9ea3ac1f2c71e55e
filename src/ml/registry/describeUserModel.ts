import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { MODEL_CARD_SCHEMA, MODEL_CARD_VERSION, type ModelCard } from './modelCard';

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/\.json$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'model';

/**
 * A card for a user's model that came without one: the input length from the model's input
 * shape, spectra resampled by position and NOT normalised (we cannot know how it was trained),
 * outputs named by index. Its limitations say so, and the UI shows them.
 */
export function describeUserModel(model: tf.LayersModel, name: string): ModelCard {
  const shape = model.inputs[0]?.shape ?? [];
  if (model.inputs.length !== 1) {
    throw new WorkbenchError(
      'INVALID_MODEL',
      `the model has ${model.inputs.length} inputs; without a card.json only single-input spectrum models can run`,
      { file: name },
    );
  }
  const length = shape.length === 4 ? shape[2] : shape[1];
  const channels = shape.length === 4 ? shape[3] : shape.length === 3 ? shape[2] : 1;
  if (typeof length !== 'number' || length < 2 || channels !== 1) {
    throw new WorkbenchError(
      'INVALID_MODEL',
      `cannot read a spectrum length from the input shape [${shape.map(String).join(', ')}]: expected [N, 1, L, 1], [N, L, 1] or [N, L]; add a card.json`,
      { file: name },
    );
  }
  const outputs = model.outputs[0]?.shape.at(-1) ?? 1;
  const last = model.layers.at(-1);
  const activation = (last?.getConfig() as { activation?: string } | undefined)?.activation;
  const classifier = activation === 'softmax';
  const id = `user-${slug(name)}`;
  return {
    schema: MODEL_CARD_SCHEMA,
    version: MODEL_CARD_VERSION,
    id,
    name: `${name} (your model)`,
    task: classifier ? 'classification' : 'regression',
    domain: 'any',
    summary: 'A model you loaded, without a model card.',
    architecture: {},
    input: { length, axis: { unit: 'index', min: 0, max: 1 }, normalisation: 'none', domain: 'any', complex: false },
    outputs: classifier
      ? [{ name: 'class', classes: Array.from({ length: outputs ?? 1 }, (_, k) => `class ${k}`) }]
      : Array.from({ length: outputs ?? 1 }, (_, k) => ({ name: `output ${k}` })),
    training: {
      generator: 'unknown',
      parameters: {},
      seed: 0,
      sizes: { train: 0, validation: 0, test: 0 },
      epochs: 0,
      backend: 'unknown',
      durationS: 0,
      date: 'unknown',
      command: 'unknown',
    },
    metrics: { headline: { name: 'none measured', value: Number.NaN }, heldOut: [], real: [] },
    uncertainty: { method: 'none', passes: 1 },
    limitations: [
      'No card.json: spectra are resampled by position to the input length and not normalised; the axis range, units and normalisation the model expects are unknown.',
      'No metrics: nothing is known about how well this model works.',
    ],
  };
}
