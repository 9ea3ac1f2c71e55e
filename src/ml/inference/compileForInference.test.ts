import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { type ArchitectureSpec, buildModel } from '../blocks/buildModel';
import { setMcDropoutActive } from '../blocks/mcDropout';
import { resetRandomStreams } from '../blocks/resetRandomStreams';
import { inputsFor, maxAbsDiff, type TinySpecName, tinySpecs } from '../blocks/testSpecs';
import { randomizeWeights } from '../onnx/onnxTestHelpers';
import { type CompiledModel, compileForInference } from './compileForInference';

const backends = ['cpu', 'wasm'] as const;
const tolerance = 1e-5;

/** Every output of `run`, copied, with the tensors freed. */
async function outputsOf(run: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  const out = run();
  const list = Array.isArray(out) ? out : [out];
  const values = await Promise.all(list.map(async (t) => new Float32Array(await t.data<'float32'>())));
  tf.dispose(list);
  return values;
}

/**
 * Compiles `model` on `backend`, checks that the compiled plan gives predict's outputs (max abs
 * diff ≤ 1e-5) at batch 1 and 3 and leaves no tensor behind; returns the compiled plan's steps.
 */
async function expectSameAsPredict(
  backend: 'cpu' | 'wasm',
  makeModel: () => tf.LayersModel,
  check: (compiled: CompiledModel) => void = () => {},
  afterDispose: () => void = () => {},
): Promise<readonly string[]> {
  await initBackend(backend);
  const before = tf.memory().numTensors;
  const model = makeModel();
  randomizeWeights(model, 7);
  const compiled = compileForInference(model);
  try {
    for (const batch of [1, 3]) {
      const inputs = inputsFor(model, batch, 11);
      const arg = inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs;
      const expected = await outputsOf(() => model.predict(arg) as tf.Tensor | tf.Tensor[]);
      const during = tf.memory().numTensors;
      const actual = await outputsOf(() => compiled.predict(arg));
      expect(tf.memory().numTensors).toBe(during);
      expect(actual.length).toBe(expected.length);
      expected.forEach((values, k) => {
        expect(maxAbsDiff(values, actual[k] ?? new Float32Array())).toBeLessThanOrEqual(tolerance);
      });
      tf.dispose(inputs);
    }
    check(compiled);
    return compiled.steps;
  } finally {
    compiled.dispose();
    model.dispose();
    afterDispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

describe.each(backends)('compileForInference on %s', (backend) => {
  it.each(Object.keys(tinySpecs) as TinySpecName[])('%s: same outputs as model.predict', async (name) => {
    await expectSameAsPredict(backend, () => buildModel(tinySpecs[name] as ArchitectureSpec));
  });

  it('folds conv → BN → relu into one fused conv and the transposed conv into a matrix product (U-Net)', async () => {
    const spec: ArchitectureSpec = { kind: 'unet1d', inputLength: 32, depth: 2, baseFilters: 4, seed: 3 };
    const steps = await expectSameAsPredict(
      backend,
      () => buildModel(spec),
      (compiled) => {
        // 2 levels + bottleneck + 2 decoder levels, 2 conv blocks each: BN and activation folded.
        expect(compiled.foldedLayers).toBe(20);
      },
    );
    expect(steps.filter((s) => s === 'Conv2D+BatchNormalization+Activation(relu)')).toHaveLength(10);
    expect(steps.filter((s) => s === 'Conv2DTranspose(matMul)')).toHaveLength(2);
    expect(steps).not.toContain('BatchNormalization (layer)');
    expect(steps).toContain('MaxPooling2D (layer)');
  });

  it('folds dense → BN → activation (MLP) and keeps McDropout as a pass-through step', async () => {
    const spec: ArchitectureSpec = {
      kind: 'mlp',
      inputSize: 5,
      units: [8, 8],
      batchNorm: true,
      head: 'regressor',
      outputs: 2,
    };
    const steps = await expectSameAsPredict(backend, () => buildModel(spec));
    expect(steps).toEqual([
      'Dense+BatchNormalization+Activation(relu)',
      'McDropout (layer)',
      'Dense+BatchNormalization+Activation(relu)',
      'McDropout (layer)',
      'Dense',
    ]);
  });

  it('model A (conv1d + BN + relu, pooling1d, GAP, softmax dense)', async () => {
    const build = () => {
      const model = tf.sequential();
      [8, 8].forEach((filters, i) => {
        model.add(
          tf.layers.conv1d({
            ...(i === 0 ? { inputShape: [32, 2] } : {}),
            filters,
            kernelSize: 5,
            padding: 'same',
            useBias: false,
          }),
        );
        model.add(tf.layers.batchNormalization());
        model.add(tf.layers.activation({ activation: 'relu' }));
        model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
      });
      model.add(tf.layers.globalAveragePooling1d());
      model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
      return model;
    };
    const steps = await expectSameAsPredict(backend, build);
    expect(steps.filter((s) => s === 'Conv1D+BatchNormalization+Activation(relu)')).toHaveLength(2);
  });
});

describe('compileForInference with Monte-Carlo dropout', () => {
  it('samples the same masks as model.predict while MC dropout is active, deterministic otherwise', async () => {
    await initBackend('wasm');
    const model = buildModel(tinySpecs.cnn1dRegressor as ArchitectureSpec);
    const compiled = compileForInference(model);
    const [x] = inputsFor(model, 4);
    try {
      setMcDropoutActive(true);
      resetRandomStreams(model);
      const sampled = await outputsOf(() => model.predict(x as tf.Tensor) as tf.Tensor);
      resetRandomStreams(model);
      const viaCompiled = await outputsOf(() => compiled.predict(x as tf.Tensor));
      expect(maxAbsDiff(viaCompiled[0] ?? [], sampled[0] ?? [])).toBeLessThanOrEqual(tolerance);
      setMcDropoutActive(false);
      const deterministic = await outputsOf(() => model.predict(x as tf.Tensor) as tf.Tensor);
      expect(maxAbsDiff(deterministic[0] ?? [], sampled[0] ?? [])).toBeGreaterThan(0);
      const compiledDeterministic = await outputsOf(() => compiled.predict(x as tf.Tensor));
      expect(maxAbsDiff(deterministic[0] ?? [], compiledDeterministic[0] ?? [])).toBeLessThanOrEqual(tolerance);
    } finally {
      setMcDropoutActive(false);
      tf.dispose(x);
      compiled.dispose();
      model.dispose();
    }
  });
});

/** The layer {@link unusualModel} applies twice: `model.dispose()` releases it once only (tfjs). */
let sharedLayer: tf.layers.Layer | undefined;

/** Layers and wirings the blocks do not use, but a loaded model might. */
function unusualModel(): tf.LayersModel {
  const input = tf.input({ shape: [1, 16, 3], name: 'x' });
  const side = tf.input({ shape: [5, 4], name: 'side' });
  const conv = tf.layers.conv2d({ filters: 4, kernelSize: [1, 3], padding: 'same', name: 'conv' });
  const a = conv.apply(input) as tf.SymbolicTensor;
  // BN whose input is also read elsewhere: not folded (the raw conv output is needed).
  const bn = tf.layers.batchNormalization({ name: 'bn_shared_input' }).apply(a) as tf.SymbolicTensor;
  const leaky = tf.layers.leakyReLU({ alpha: 0.1 }).apply(bn) as tf.SymbolicTensor;
  const merged = tf.layers.add().apply([a, leaky]) as tf.SymbolicTensor;
  // Conv with bias + BN (center/scale off) + ELU layer; strided 'valid'.
  let b = tf.layers
    .conv2d({ filters: 6, kernelSize: [1, 3], strides: [1, 2], name: 'strided' })
    .apply(merged) as tf.SymbolicTensor;
  b = tf.layers.batchNormalization({ center: false, scale: false, epsilon: 0.01 }).apply(b) as tf.SymbolicTensor;
  b = tf.layers.elu().apply(b) as tf.SymbolicTensor;
  // Transposed convs: kernel 3 ≠ stride 2 (runs as a layer), kernel = stride [1, 2] with sigmoid (matMul).
  const t1 = tf.layers.conv2dTranspose({ filters: 2, kernelSize: [1, 3], strides: [1, 2], padding: 'same' }).apply(b);
  const t2 = tf.layers
    .conv2dTranspose({ filters: 2, kernelSize: [1, 2], strides: [1, 2], activation: 'sigmoid' })
    .apply(b);
  const up = tf.layers.concatenate().apply([t1 as tf.SymbolicTensor, t2 as tf.SymbolicTensor]) as tf.SymbolicTensor;
  // A nested model and a shared layer used twice, dense on a rank-3 input + ReLU layer.
  const shared = tf.layers.dense({ units: 4, name: 'shared' });
  sharedLayer = shared;
  const innerInput = tf.input({ shape: [5, 4] });
  const innerDense = tf.layers.dense({ units: 4, useBias: false }).apply(innerInput) as tf.SymbolicTensor;
  const inner = tf.model({ inputs: innerInput, outputs: tf.layers.reLU().apply(innerDense) as tf.SymbolicTensor });
  const s1 = inner.apply(shared.apply(side)) as tf.SymbolicTensor;
  const s2 = tf.layers.flatten().apply(shared.apply(s1)) as tf.SymbolicTensor;
  const head = tf.layers
    .dense({ units: 3, activation: 'tanh' })
    .apply(tf.layers.flatten().apply(up)) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([head, s2]) as tf.SymbolicTensor;
  return tf.model({ inputs: [input, side], outputs: [joined, up] });
}

describe.each(backends)('compileForInference on %s, unusual layers', (backend) => {
  it('keeps predict’s outputs for shared/nested layers, several outputs, unfoldable BN and transposed convs', async () => {
    const steps = await expectSameAsPredict(backend, unusualModel, undefined, () => sharedLayer?.dispose());
    expect(steps).toContain('BatchNormalization (layer)');
    expect(steps).toContain('Conv2D+BatchNormalization+ELU(elu)');
    expect(steps).toContain('Conv2DTranspose (layer)');
    expect(steps).toContain('Conv2DTranspose(matMul)');
    expect(steps).toContain('Dense+ReLU(relu)');
  });
});

describe('compileForInference, an input passed through as an output', () => {
  it('returns a copy the caller owns (model.predict itself leaks 2 tensors on this model)', async () => {
    await initBackend('wasm');
    const input = tf.input({ shape: [3] });
    // A linear Activation layer returns its input tensor itself: the fed tensor must survive.
    const linear = tf.layers.activation({ activation: 'linear' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({
      inputs: input,
      outputs: [input, tf.layers.dense({ units: 2 }).apply(linear) as tf.SymbolicTensor],
    });
    const compiled = compileForInference(model);
    const x = tf.tensor2d([[1, 2, 3]]);
    const before = tf.memory().numTensors;
    const [same, dense] = compiled.predict(x) as tf.Tensor[];
    expect(same).not.toBe(x);
    expect(Array.from(await (same as tf.Tensor).data())).toEqual([1, 2, 3]);
    expect(dense?.shape).toEqual([1, 2]);
    tf.dispose([same as tf.Tensor, dense as tf.Tensor]);
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed).toBe(false);
    x.dispose();
    compiled.dispose();
    model.dispose();
  });
});

describe('compileForInference refuses what it does not know', () => {
  it('names the layer (Embedding), leaves nothing behind, and a disposed plan refuses to run', async () => {
    await initBackend('cpu');
    const input = tf.input({ shape: [4] });
    const output = tf.layers.embedding({ inputDim: 10, outputDim: 2, name: 'emb' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: output });
    const before = tf.memory().numTensors;
    expect(() => compileForInference(model)).toThrow(/Embedding 'emb' cannot be compiled for inference: not supported/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    const mlp = buildModel(tinySpecs.mlp as ArchitectureSpec);
    const compiled = compileForInference(mlp);
    compiled.dispose();
    compiled.dispose();
    const x = tf.zeros([1, 5]);
    expect(() => compiled.predict(x)).toThrow(/disposed/);
    x.dispose();
    mlp.dispose();
  });
});
