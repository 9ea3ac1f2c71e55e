import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { type ArchitectureSpec, buildModel } from '../blocks/buildModel';
import { setMcDropoutActive } from '../blocks/mcDropout';
import { resetRandomStreams } from '../blocks/resetRandomStreams';
import { inputsFor, maxAbsDiff } from '../blocks/testSpecs';
import { randomizeWeights } from '../onnx/onnxTestHelpers';
import { type CompiledModel, compileForInference } from './compileForInference';
import { recurrentKernels } from './wasmRecurrence';

const tolerance = 1e-5;

async function values(out: tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  const list = Array.isArray(out) ? out : [out];
  const result = await Promise.all(list.map(async (t) => new Float32Array(await t.data<'float32'>())));
  tf.dispose(list);
  return result;
}

/**
 * Worst |predict − compiled| over batches 1 and 32 on `backend`, the compiled steps, and the tfjs
 * kernels one compiled call at batch 32 runs. Also checks that the compiled calls leave no tensor
 * behind and that `dispose` frees what compiling made.
 */
async function compare(backend: 'cpu' | 'wasm', build: () => tf.LayersModel) {
  await initBackend(backend);
  const model = build();
  randomizeWeights(model, 3);
  const beforeCompile = tf.memory().numTensors;
  const compiled = compileForInference(model);
  const ownTensors = tf.memory().numTensors - beforeCompile;
  let worst = 0;
  let kernels: string[] = [];
  try {
    for (const batch of [1, 32]) {
      const [x] = inputsFor(model, batch, 21);
      const expected = await values(model.predict(x as tf.Tensor) as tf.Tensor);
      const before = tf.memory().numTensors;
      const actual = await values(compiled.predict(x as tf.Tensor));
      expect(tf.memory().numTensors).toBe(before);
      expected.forEach((v, k) => {
        expect(actual[k]?.length).toBe(v.length);
        worst = Math.max(worst, maxAbsDiff(v, actual[k] ?? []));
      });
      if (batch === 32) {
        const info = await tf.profile(() => tf.dispose(compiled.predict(x as tf.Tensor)));
        kernels = info.kernels.map((k) => k.name);
      }
      tf.dispose(x);
    }
    return { worst, steps: compiled.steps, kernels };
  } finally {
    const before = tf.memory().numTensors;
    compiled.dispose();
    expect(before - tf.memory().numTensors).toBe(ownTensors);
    model.dispose();
  }
}

function sequenceModel(layers: tf.layers.Layer[], timeSteps = 7, features = 3): tf.LayersModel {
  const input = tf.input({ shape: [timeSteps, features] });
  const output = layers.reduce<tf.SymbolicTensor>((t, layer) => layer.apply(t) as tf.SymbolicTensor, input);
  return tf.model({ inputs: input, outputs: output });
}

/** Every recurrent configuration `buildModel` makes: cell × many-to-one/many-to-many × stacked × McDropout; odd widths pad. */
const blockSpecs: Record<string, ArchitectureSpec> = {
  'LSTM 64, many-to-one (the bench model, shorter)': {
    kind: 'sequence',
    timeSteps: 12,
    features: 5,
    units: [64],
    head: 'classifier',
    outputs: 4,
    seed: 5,
  },
  'LSTM 8+6 stacked, many-to-many, McDropout': {
    kind: 'sequence',
    timeSteps: 9,
    features: 3,
    units: [8, 6],
    mode: 'manyToMany',
    dropoutRate: 0.2,
    head: 'regressor',
    outputs: 2,
    seed: 6,
  },
  'LSTM 7+4 stacked, many-to-one': {
    kind: 'sequence',
    timeSteps: 5,
    features: 2,
    units: [7, 4],
    head: 'regressor',
    outputs: 1,
    seed: 7,
  },
  'GRU 5, many-to-one': {
    kind: 'sequence',
    timeSteps: 10,
    features: 4,
    cell: 'gru',
    units: [5],
    head: 'classifier',
    outputs: 3,
    seed: 8,
  },
  'GRU 8+8 stacked, many-to-many, McDropout': {
    kind: 'sequence',
    timeSteps: 6,
    features: 3,
    cell: 'gru',
    units: [8, 8],
    mode: 'manyToMany',
    dropoutRate: 0.1,
    head: 'regressor',
    outputs: 2,
    seed: 9,
  },
};

describe('recurrent layers on the wasm backend', () => {
  it('load the SIMD gate kernels on tfjs-backend-wasm (the fast path the tests below exercise)', async () => {
    await initBackend('wasm');
    expect(recurrentKernels()).toBeDefined();
    await initBackend('cpu');
    expect(recurrentKernels()).toBeUndefined();
  });
});

describe.each(['cpu', 'wasm'] as const)('LSTM and GRU in compileForInference on %s', (backend) => {
  it.each(Object.keys(blockSpecs))('%s: predict’s outputs at batch 1 and 32', async (name) => {
    const spec = blockSpecs[name] as ArchitectureSpec;
    const { worst, steps, kernels } = await compare(backend, () => buildModel(spec));
    expect(worst).toBeLessThanOrEqual(tolerance);
    const cell = name.startsWith('LSTM') ? 'LSTM' : 'GRU';
    const layers = 'units' in spec ? (spec.units?.length ?? 1) : 1;
    expect(steps.filter((s) => s === `${cell}(sequence)`)).toHaveLength(layers);
    if (backend === 'wasm') {
      // One input projection per layer, nothing per time step (the layer runs ~25 kernels a step).
      expect(kernels.filter((k) => k === '_FusedMatMul').length).toBeGreaterThanOrEqual(layers);
      for (const perStep of ['BatchMatMul', 'SplitV', 'Unpack', 'Tanh', 'Sigmoid', 'ClipByValue']) {
        expect(kernels).not.toContain(perStep);
      }
    }
  });

  it.each(['lstm', 'gru'] as const)('%s: sigmoid, goBackwards, no bias, stacked with returnSequences', async (cell) => {
    const make = cell === 'lstm' ? tf.layers.lstm : tf.layers.gru;
    const layers = () => [
      make({ units: 5, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid', dropout: 0.3 }),
      make({ units: 4, returnSequences: true, useBias: false }),
      make({ units: 3, goBackwards: true }),
      tf.layers.dense({ units: 2 }),
    ];
    const { worst, steps } = await compare(backend, () => sequenceModel(layers(), 8));
    expect(worst).toBeLessThanOrEqual(tolerance);
    expect(steps.filter((s) => s === `${cell.toUpperCase()}(sequence)`)).toHaveLength(3);
  });

  it('leaves returnState and other activations to the layer', async () => {
    const build = () => {
      const input = tf.input({ shape: [5, 3] });
      // The state h is the output tensor itself, and nobody reads it: it must not be freed.
      const [output, , c] = tf.layers.lstm({ units: 4, returnState: true }).apply(input) as tf.SymbolicTensor[];
      const relu = tf.layers
        .lstm({ units: 3, activation: 'relu' })
        .apply(tf.layers.repeatVector({ n: 2 }).apply(c as tf.SymbolicTensor));
      const gru = tf.layers.gru({ units: 3, recurrentActivation: 'tanh' }).apply(input) as tf.SymbolicTensor;
      const merged = tf.layers.concatenate().apply([output as tf.SymbolicTensor, relu as tf.SymbolicTensor, gru]);
      return tf.model({ inputs: input, outputs: merged as tf.SymbolicTensor });
    };
    const { worst, steps } = await compare(backend, build);
    expect(worst).toBeLessThanOrEqual(tolerance);
    expect(steps.filter((s) => s === 'LSTM (layer)')).toHaveLength(2);
    expect(steps).toContain('GRU (layer)');
    expect(steps.some((s) => s.endsWith('(sequence)'))).toBe(false);
  });
});

describe('recurrent layers with Monte-Carlo dropout (wasm)', () => {
  it.each(['lstm', 'gru'] as const)(
    '%s: the same MC samples as predict, and the same deterministic output',
    async (cell) => {
      await initBackend('wasm');
      const spec: ArchitectureSpec = {
        kind: 'sequence',
        timeSteps: 8,
        features: 3,
        cell,
        units: [8, 6],
        dropoutRate: 0.3,
        head: 'regressor',
        outputs: 2,
        seed: 4,
      };
      const model = buildModel(spec);
      randomizeWeights(model, 5);
      const compiled: CompiledModel = compileForInference(model);
      const [x] = inputsFor(model, 4);
      try {
        setMcDropoutActive(true);
        resetRandomStreams(model);
        const sampled = await values(model.predict(x as tf.Tensor) as tf.Tensor);
        resetRandomStreams(model);
        const viaCompiled = await values(compiled.predict(x as tf.Tensor));
        expect(maxAbsDiff(viaCompiled[0] ?? [], sampled[0] ?? [])).toBeLessThanOrEqual(tolerance);
        setMcDropoutActive(false);
        const deterministic = await values(model.predict(x as tf.Tensor) as tf.Tensor);
        expect(maxAbsDiff(deterministic[0] ?? [], sampled[0] ?? [])).toBeGreaterThan(1e-3);
        const compiledDeterministic = await values(compiled.predict(x as tf.Tensor));
        expect(maxAbsDiff(deterministic[0] ?? [], compiledDeterministic[0] ?? [])).toBeLessThanOrEqual(tolerance);
      } finally {
        setMcDropoutActive(false);
        tf.dispose(x);
        compiled.dispose();
        model.dispose();
      }
    },
  );
});
