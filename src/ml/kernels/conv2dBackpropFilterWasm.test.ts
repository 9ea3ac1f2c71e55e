import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { conv2dBackpropFilterIm2col } from './conv2dBackpropFilterIm2col';
import {
  type Conv2dBackpropFilterStrategy,
  conv2dBackpropFilterWasm,
  forwardConvGeometry,
} from './conv2dBackpropFilterWasm';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: [number, number];
  readonly pad: Pad;
}

/** Strides 1, 2, 3 and unequal; same/valid/explicit; [1, k] and [k, k]; odd/even; batch 1 and > 1. */
const cases: Case[] = [
  { x: [2, 1, 37, 3], filter: [1, 5, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [1, 1, 64, 1], filter: [1, 7, 1, 8], strides: [1, 1], pad: 'same' },
  { x: [3, 1, 40, 4], filter: [1, 4, 4, 2], strides: [1, 1], pad: 'same' },
  { x: [2, 1, 37, 3], filter: [1, 5, 3, 4], strides: [1, 2], pad: 'same' },
  { x: [2, 1, 20, 4], filter: [1, 2, 4, 3], strides: [1, 2], pad: 'valid' },
  { x: [2, 1, 31, 2], filter: [1, 3, 2, 5], strides: [1, 3], pad: 'valid' },
  { x: [3, 7, 9, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'valid' },
  { x: [3, 8, 10, 2], filter: [2, 4, 2, 5], strides: [3, 3], pad: 'same' },
  { x: [1, 9, 11, 1], filter: [3, 2, 1, 1], strides: [3, 2], pad: 'valid' },
  { x: [2, 9, 8, 3], filter: [4, 4, 3, 2], strides: [1, 2], pad: 'same' },
  { x: [1, 6, 6, 2], filter: [1, 1, 2, 3], strides: [1, 1], pad: 'valid' },
  {
    x: [2, 6, 6, 3],
    filter: [3, 3, 3, 2],
    strides: [1, 1],
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
  { x: [2, 6, 7, 2], filter: [3, 3, 2, 3], strides: [1, 1], pad: 1 },
  { x: [2, 9, 9, 2], filter: [3, 3, 2, 3], strides: [2, 2], pad: 2 },
  // Bottom padding larger than k − 1: dy reaches past x.
  {
    x: [2, 5, 7, 3],
    filter: [2, 2, 3, 2],
    strides: [1, 1],
    pad: [
      [0, 0],
      [0, 4],
      [3, 1],
      [0, 0],
    ],
  },
];

const describeCase = ({ x, filter, strides, pad }: Case) =>
  `x [${x}] filter [${filter}] strides [${strides}] pad ${JSON.stringify(pad)}`;

function maxAbs(values: Float32Array): number {
  return values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff = Math.max(diff, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  expect(diff, what).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(expected)));
}

/** Seeded inputs (the same numbers on every backend) and the dy of the forward conv. */
function inputs(c: Case): { x: tf.Tensor4D; dy: tf.Tensor4D } {
  const x = tf.randomUniform(c.x, -1, 1, 'float32', 11) as tf.Tensor4D;
  const outShape = tf.tidy(() => tf.conv2d(x, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad).shape);
  return { x, dy: tf.randomUniform(outShape, -1, 1, 'float32', 12) as tf.Tensor4D };
}

/** dW through tfjs's own gradient of conv2d, on one backend; leaves no tensor behind. */
async function filterGradient(backend: 'cpu' | 'wasm', c: Case): Promise<Float32Array> {
  await initBackend(backend);
  const before = tf.memory().numTensors;
  const grad = tf.tidy(() => {
    const { x, dy } = inputs(c);
    const w = tf.randomUniform(c.filter, -1, 1, 'float32', 13);
    return tf.grad((filter: tf.Tensor) =>
      tf
        .conv2d(x, filter as tf.Tensor4D, c.strides, c.pad)
        .mul(dy)
        .sum(),
    )(w);
  });
  const values = new Float32Array(await grad.data());
  grad.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

describe('Conv2DBackpropFilter on wasm', () => {
  it.each(cases)('matches the cpu backend: $x $filter $strides $pad', async (c) => {
    const expected = await filterGradient('cpu', c);
    expectClose(await filterGradient('wasm', c), expected, describeCase(c));
  });

  it('gives the same dW with every layout, and with im2col in several batch chunks', async () => {
    for (const c of cases) {
      const expected = await filterGradient('cpu', c);
      await initBackend('wasm');
      const backend = tf.backend() as unknown as BackendWasm;
      const numDataIds = backend.numDataIds();
      const { x, dy } = inputs(c);
      const geometry = forwardConvGeometry(x.shape, dy.shape, {
        strides: c.strides,
        pad: c.pad,
        filterShape: c.filter,
      });
      const strategies: Conv2dBackpropFilterStrategy[] = ['simd', 'im2col', 'xImages', 'dyImages'];
      const results = strategies.map((strategy) => conv2dBackpropFilterWasm(backend, x, dy, geometry, strategy));
      // A budget of one sample's im2col rows forces one chunk per sample.
      const rowsPerSample = c.filter[0] * c.filter[1] * c.filter[2] * dy.shape[1] * dy.shape[2];
      results.push(conv2dBackpropFilterIm2col(backend, x, dy, geometry, rowsPerSample));
      for (const [index, info] of results.entries()) {
        const dw = tf.engine().makeTensorFromTensorInfo(info);
        expect(dw.shape).toEqual(c.filter);
        expectClose(
          new Float32Array(await dw.data()),
          expected,
          `${strategies[index] ?? 'chunked'}: ${describeCase(c)}`,
        );
        dw.dispose();
      }
      tf.dispose([x, dy]);
      expect(backend.numDataIds()).toBe(numDataIds);
    }
  });

  it('trains a conv1d layer like cpu does (conv1d goes through conv2d)', async () => {
    const gradients = async (backend: 'cpu' | 'wasm') => {
      await initBackend(backend);
      const layer = tf.layers.conv1d({
        filters: 6,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      });
      const x = tf.randomUniform([4, 50, 3], -1, 1, 'float32', 21);
      tf.tidy(() => layer.apply(x) as tf.Tensor); // builds the weights
      const before = tf.memory().numTensors;
      const kernel = layer.trainableWeights[0]?.read() as tf.Variable;
      const loss = () => tf.tidy(() => (layer.apply(x) as tf.Tensor).square().sum() as tf.Scalar);
      const { value, grads } = tf.variableGrads(loss, [kernel]);
      const gradient = grads[kernel.name];
      if (gradient === undefined) throw new Error('no kernel gradient');
      expect(gradient.shape).toEqual([5, 3, 6]);
      const values = new Float32Array(await gradient.data());
      tf.dispose([value, gradient]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      layer.dispose();
      return values;
    };
    expectClose(await gradients('wasm'), await gradients('cpu'), 'conv1d kernel gradient');
  });

  it('rejects dilations > 1 clearly, both in tfjs’s gradient and in the kernel itself', async () => {
    await initBackend('wasm');
    const x = tf.randomUniform([1, 1, 16, 2], -1, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomUniform([1, 3, 2, 2], -1, 1, 'float32', 2) as tf.Tensor4D;
    const dilated = (filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, 1, 'same', 'NHWC', [1, 2]).sum();
    expect(() => tf.grad(dilated)(w)).toThrow(/dilation/);
    const dy = tf.ones([1, 1, 16, 2]);
    const call = (attrs: Record<string, unknown>) =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        strides: 1,
        pad: 'same',
        dataFormat: 'NHWC',
        filterShape: [1, 3, 2, 2],
        ...attrs,
      } as never);
    expect(() => call({ dilations: [1, 2] })).toThrow(WorkbenchError);
    expect(() => call({ dilations: [1, 2] })).toThrow(/dilations > 1 are not supported/);
    expect(() => call({ dataFormat: 'NCHW' })).toThrow(/only NHWC/);
    expect(() => call({ filterShape: [1, 5, 2, 2], pad: 'valid' })).toThrow(/dy has shape/);
    tf.dispose([x, w, dy]);
  });
});
