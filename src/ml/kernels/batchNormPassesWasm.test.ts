import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { batchNormTraining } from './fastBatchNormTraining';
import { setTrainingSimdEnabled, trainingSimd } from './trainingSimd';

interface Case {
  readonly shape: number[];
  /** Added to x: a mean large against the spread. */
  readonly offset: number;
  readonly spread: number;
}

/** Channels a multiple of 4 (the SIMD path); rows a multiple of the 64-row blocks and not. */
const cases: Case[] = [
  { shape: [4, 64, 4], offset: 0.3, spread: 1 },
  { shape: [3, 37, 8], offset: -0.5, spread: 2 },
  { shape: [2, 1, 50, 12], offset: 0, spread: 1 },
  { shape: [7, 32], offset: 1, spread: 0.5 },
];

/** A mean large against the spread: float32 sums about 0 (as the stock ops) would lose the variance. */
const largeMean: Case = { shape: [2, 300, 4], offset: 1e4, spread: 0.05 };

const epsilon = 1e-3;

interface Outcome {
  output: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
  grads: Float32Array[];
}

function inputs(c: Case) {
  const channels = c.shape[c.shape.length - 1] ?? 1;
  const x = tf.tidy(() => tf.randomNormal(c.shape, 0, c.spread, 'float32', 3).add(c.offset));
  const gamma = tf.randomUniform([channels], 0.5, 1.5, 'float32', 4);
  const beta = tf.randomUniform([channels], -0.5, 0.5, 'float32', 5);
  const weights = tf.randomNormal(c.shape, 0, 1, 'float32', 6);
  return { x, gamma, beta, weights };
}

/** Output, moments and gradients (x, γ, β) of Σ w·y: ours, or the stock ops differentiated by tfjs. */
async function run(c: Case, ours: boolean): Promise<Outcome> {
  const before = tf.memory().numTensors;
  const { x, gamma, beta, weights } = inputs(c);
  const axes = c.shape.slice(0, -1).map((_, i) => i);
  const kept: tf.Tensor[] = [];
  const forward = (input: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    if (ours) {
      const { output, mean, variance } = batchNormTraining(input, g, b, epsilon);
      kept.push(mean, variance);
      return output;
    }
    const { mean, variance } = tf.moments(input, axes);
    kept.push(tf.keep(mean), tf.keep(variance));
    return tf.batchNorm(input, mean, variance, b, g, epsilon);
  };
  const output = tf.tidy(() => forward(x, gamma, beta));
  const grads = tf.grads((input, g, b) => tf.sum(tf.mul(forward(input, g, b), weights)))([x, gamma, beta]);
  const outcome: Outcome = {
    output: new Float32Array(await output.data()),
    mean: new Float32Array(await (kept[0] as tf.Tensor).data()),
    variance: new Float32Array(await (kept[1] as tf.Tensor).data()),
    grads: await Promise.all(grads.map(async (g) => new Float32Array(await g.data()))),
  };
  tf.dispose([x, gamma, beta, weights, output, ...kept, ...grads]);
  expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
  return outcome;
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string, tolerance = 1e-5): void {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(1e-30, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)));
  expect(worst / scale, `${what}: max |diff| / max |ref|`).toBeLessThanOrEqual(tolerance);
}

function compare(actual: Outcome, expected: Outcome, what: string): void {
  expectClose(actual.output, expected.output, `${what} output`);
  expectClose(actual.mean, expected.mean, `${what} mean`);
  expectClose(actual.variance, expected.variance, `${what} variance`);
  ['x', 'γ', 'β'].forEach((name, i) => {
    expectClose(actual.grads[i] ?? new Float32Array(), expected.grads[i] ?? new Float32Array(), `${what} d${name}`);
  });
}

async function spies() {
  await initBackend('wasm');
  const simd = trainingSimd(tf.backend() as unknown as BackendWasm);
  if (simd === undefined) throw new Error('the SIMD module did not load');
  return (['bn_moments', 'bn_normalize', 'bn_grad_sums', 'bn_grad_dx'] as const).map((name) =>
    vi.spyOn(simd.run, name),
  );
}

afterEach(() => {
  setTrainingSimdEnabled(true);
  vi.restoreAllMocks();
});

describe('batch-norm passes in WebAssembly SIMD', () => {
  it.each(cases)('match the stock ops on cpu: $shape, mean $offset, spread $spread', async (c) => {
    await initBackend('cpu');
    const expected = await run(c, false);
    const calls = await spies();
    const actual = await run(c, true);
    // Two forward passes (the output, then inside tf.grads), one backward.
    expect(calls.map((spy) => spy.mock.calls.length)).toEqual([2, 2, 1, 1]);
    compare(actual, expected, JSON.stringify(c.shape));
  });

  it('keep x = 1e4 + noise to float64-reference accuracy: moments, output and gradients', async () => {
    const c = largeMean;
    await spies();
    const { x, gamma, beta, weights } = inputs(c);
    const [values, g, b, dy] = await Promise.all(
      [x, gamma, beta, weights].map(async (t) => Float64Array.from(await t.data())),
    );
    tf.dispose([x, gamma, beta, weights]);
    const ours = await run(c, true);
    const channels = 4;
    const rows = (values?.length ?? 0) / channels;
    const reference = { output: [] as number[], dx: [] as number[], dGamma: [] as number[], dBeta: [] as number[] };
    for (let ch = 0; ch < channels; ch++) {
      const at = (i: number, array: Float64Array | undefined) => array?.[i * channels + ch] as number;
      let mu = 0;
      for (let i = 0; i < rows; i++) mu += at(i, values) / rows;
      let variance = 0;
      for (let i = 0; i < rows; i++) variance += (at(i, values) - mu) ** 2 / rows;
      const invStd = 1 / Math.sqrt(variance + epsilon);
      const xhat = (i: number) => (at(i, values) - mu) * invStd;
      let dBeta = 0;
      let dGamma = 0;
      for (let i = 0; i < rows; i++) {
        dBeta += at(i, dy);
        dGamma += at(i, dy) * xhat(i);
      }
      const gammaC = g?.[ch] as number;
      for (let i = 0; i < rows; i++) {
        reference.output[i * channels + ch] = gammaC * xhat(i) + (b?.[ch] as number);
        reference.dx[i * channels + ch] = gammaC * invStd * (at(i, dy) - dBeta / rows - (xhat(i) * dGamma) / rows);
      }
      reference.dGamma.push(dGamma);
      reference.dBeta.push(dBeta);
      expect(Math.abs((ours.variance[ch] as number) / variance - 1), `variance ${ch}`).toBeLessThanOrEqual(1e-5);
      expect(Math.abs((ours.mean[ch] as number) - mu), `mean ${ch}`).toBeLessThanOrEqual(1e4 * 2 ** -24);
    }
    expectClose(ours.output, Float32Array.from(reference.output), 'output');
    expectClose(ours.grads[0] ?? new Float32Array(), Float32Array.from(reference.dx), 'dx');
    expectClose(ours.grads[1] ?? new Float32Array(), Float32Array.from(reference.dGamma), 'dγ');
    expectClose(ours.grads[2] ?? new Float32Array(), Float32Array.from(reference.dBeta), 'dβ');
  });

  it('give the JavaScript passes’ results when the SIMD module is unavailable', async () => {
    const c = cases[1] as Case;
    const calls = await spies();
    setTrainingSimdEnabled(false);
    const off = await run(c, true);
    expect(calls.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    setTrainingSimdEnabled(true);
    const on = await run(c, true);
    compare(on, off, 'SIMD against JavaScript');
  });
});
