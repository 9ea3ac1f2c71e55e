import { MODEL_CARD_SCHEMA, MODEL_CARD_VERSION, type ModelCard } from './modelCard';

/**
 * A model card for tests (an untrained model, plumbing only): a 32-point index-axis classifier
 * with three classes unless `overrides` say otherwise.
 */
export function testCard(overrides: Partial<ModelCard> = {}): ModelCard {
  return {
    schema: MODEL_CARD_SCHEMA,
    version: MODEL_CARD_VERSION,
    id: 'test-classifier',
    name: 'Test classifier',
    task: 'classification',
    domain: 'any',
    summary: 'untrained, for plumbing tests only',
    architecture: {},
    input: { length: 32, axis: { unit: 'index', min: 0, max: 1 }, normalisation: 'max', domain: 'any', complex: false },
    outputs: [{ name: 'class', classes: ['one', 'two', 'three'] }],
    training: {
      generator: 'none',
      parameters: {},
      seed: 0,
      sizes: { train: 0, validation: 0, test: 0 },
      epochs: 0,
      backend: 'cpu',
      durationS: 0,
      date: '2026-11-25',
      command: 'none',
    },
    metrics: { headline: { name: 'accuracy', value: 0.5 }, heldOut: [], real: [] },
    uncertainty: { method: 'mc-dropout', passes: 30 },
    limitations: ['untrained'],
    ...overrides,
  };
}
