/**
 * Test-only helpers of the ONNX export tests (imported by *.test.ts only; onnxruntime-web is a
 * devDependency): seeded weights and inputs, and a tfjs-vs-onnxruntime comparison.
 *
 * onnxruntime-web in Node: the package's `node` export condition (`dist/ort.node.min.mjs`) finds
 * its `ort-wasm-simd-threaded.wasm` next to itself, so no `env.wasm.wasmPaths` is needed; one
 * thread (no worker threads, deterministic, fastest for small models on 2 cores).
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { uniform01 } from '../blocks/random';
import { exportToOnnx } from './exportOnnx';

ort.env.wasm.numThreads = 1;

/** Uniform numbers in [0, 1) from a seed (mulberry32, as everywhere in ml/). */
export const seededRandom = uniform01;

/**
 * Replaces every weight by seeded non-trivial values: kernels uniform ±√(3/fanIn), biases and BN
 * means ±0.3, BN gammas 0.5–1.5, BN variances 0.3–1.8 (so the moving statistics matter).
 */
export function randomizeWeights(model: tf.LayersModel, seed = 1): void {
  const random = seededRandom(seed);
  const values = model.weights.map((w) => {
    const shape = w.shape.map((n) => n ?? 1);
    const size = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.length > 1 ? size / (shape.at(-1) ?? 1) : 1;
    const name = w.originalName;
    const [low, high] = name.endsWith('moving_variance')
      ? [0.3, 1.8]
      : name.endsWith('gamma')
        ? [0.5, 1.5]
        : shape.length === 1
          ? [-0.3, 0.3]
          : [-Math.sqrt(3 / fanIn), Math.sqrt(3 / fanIn)];
    const data = Float32Array.from({ length: size }, () => low + (high - low) * random());
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
}

export function randomInput(shape: readonly number[], seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * random() - 1);
}

export interface Comparison {
  /** max |tfjs − onnxruntime| over all outputs and batch sizes. */
  worst: number;
  /** Output shapes from onnxruntime, per run and output. */
  shapes: number[][][];
}

/**
 * Exports `model`, runs it in onnxruntime-web (wasm) and tfjs (current backend) on seeded inputs
 * of `[batch, ...shape]` per model input, for each batch size and each set of `inputShapes`.
 */
export async function compareWithOnnxRuntime(
  model: tf.LayersModel,
  inputShapes: readonly (readonly (readonly number[])[])[],
  batches: readonly number[] = [1, 3],
  bytes: Uint8Array = exportToOnnx(model),
): Promise<Comparison> {
  const session = await ort.InferenceSession.create(bytes);
  let worst = 0;
  const shapes: number[][][] = [];
  try {
    let seed = 100;
    for (const shapesOfRun of inputShapes) {
      for (const batch of batches) {
        const dims = shapesOfRun.map((shape) => [batch, ...shape]);
        const data = dims.map((d) => randomInput(d, seed++));
        const feeds = Object.fromEntries(
          session.inputNames.map((name, i) => [name, new ort.Tensor('float32', data[i] ?? [], dims[i])]),
        );
        const results = await session.run(feeds);
        const predicted = tf.tidy(() => {
          const out = model.predict(data.map((d, i) => tf.tensor(d, dims[i])));
          return Array.isArray(out) ? out : [out];
        });
        try {
          const expected = await Promise.all(predicted.map((t) => t.data()));
          shapes.push(session.outputNames.map((name) => [...((results[name]?.dims ?? []) as number[])]));
          session.outputNames.forEach((name, k) => {
            const actual = results[name]?.data as Float32Array;
            const reference = expected[k] as Float32Array;
            if (actual.length !== reference.length || predicted[k]?.shape.join() !== results[name]?.dims.join()) {
              throw new Error(`output ${name}: shape ${results[name]?.dims} vs tfjs ${predicted[k]?.shape}`);
            }
            for (let i = 0; i < actual.length; i++)
              worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (reference[i] ?? 0)));
          });
        } finally {
          tf.dispose(predicted);
        }
      }
    }
  } finally {
    await session.release();
  }
  return { worst, shapes };
}
