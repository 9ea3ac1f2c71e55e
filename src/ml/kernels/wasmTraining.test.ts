import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { registerWasmTrainingKernels, wasmTrainingKernelNames } from './index';

const length = 64;
const samples = 16;

/** A 1D U-Net-ish net as 2D layers: conv [1, 5] + batch norm, pool, conv, conv2dTranspose [1, 2] stride 2. */
function buildModel(seed: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const input = tf.input({ shape: [1, length, 1] });
  let h = tf.layers
    .conv2d({ filters: 8, kernelSize: [1, 5], padding: 'same', kernelInitializer: init(1) })
    .apply(input);
  h = tf.layers.batchNormalization().apply(h);
  h = tf.layers.activation({ activation: 'relu' }).apply(h);
  h = tf.layers.maxPooling2d({ poolSize: [1, 2], strides: [1, 2] }).apply(h);
  h = tf.layers
    .conv2d({ filters: 8, kernelSize: [1, 3], padding: 'same', activation: 'relu', kernelInitializer: init(2) })
    .apply(h);
  h = tf.layers
    .conv2dTranspose({ filters: 8, kernelSize: [1, 2], strides: [1, 2], padding: 'same', kernelInitializer: init(3) })
    .apply(h);
  const output = tf.layers.conv2d({ filters: 1, kernelSize: [1, 1], kernelInitializer: init(4) }).apply(h);
  return tf.model({ inputs: input, outputs: output as tf.SymbolicTensor });
}

/** Toy task: noisy peaks in, the clean peaks out (seeded). */
function toyData(): { x: tf.Tensor4D; y: tf.Tensor4D } {
  return tf.tidy(() => {
    const positions = tf.linspace(0, length - 1, length).reshape([1, length]);
    const centres = tf.randomUniform([samples, 1], 10, length - 10, 'float32', 31);
    const clean = tf.exp(positions.sub(centres).div(3).square().neg());
    const noisy = clean.add(tf.randomNormal([samples, length], 0, 0.2, 'float32', 32));
    return { x: noisy.reshape([samples, 1, length, 1]), y: clean.reshape([samples, 1, length, 1]) };
  });
}

describe('training kernels for wasm', () => {
  it('are registered by initBackend, idempotently and without warnings', async () => {
    await initBackend('wasm');
    const registered = wasmTrainingKernelNames.map((name) => tf.getKernel(name, 'wasm'));
    expect(registered.every((config) => config !== undefined)).toBe(true);
    const warn = vi.spyOn(console, 'warn');
    try {
      registerWasmTrainingKernels();
      registerWasmTrainingKernels();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect(wasmTrainingKernelNames.map((name) => tf.getKernel(name, 'wasm'))).toEqual(registered);
    // Only the wasm registry is touched.
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.backendName).toBe('cpu');
  });

  it('give the gradients cpu gives for a conv / batch-norm / pool / conv2dTranspose net', async () => {
    const gradients = async (backend: 'cpu' | 'wasm') => {
      await initBackend(backend);
      const model = buildModel(5);
      const { x, y } = toyData();
      const { value, grads } = tf.variableGrads(
        () => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      );
      const result = { loss: (await value.data())[0] ?? Number.NaN, grads: new Map<string, Float32Array>() };
      for (const [name, grad] of Object.entries(grads)) {
        result.grads.set(name.replace(/_\d+\//, '/'), new Float32Array(await grad.data()));
      }
      tf.dispose([x, y, value, ...Object.values(grads)]);
      model.dispose();
      return result;
    };
    const cpu = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(wasm.loss).toBeCloseTo(cpu.loss, 5);
    expect(wasm.grads.size).toBe(cpu.grads.size);
    for (const [index, expected] of [...cpu.grads.values()].entries()) {
      const actual = [...wasm.grads.values()][index] ?? new Float32Array();
      const scale = Math.max(1, ...Array.from(expected, Math.abs));
      const diff = Math.max(...Array.from(expected, (v, i) => Math.abs(v - (actual[i] ?? Number.NaN))));
      expect(diff, [...cpu.grads.keys()][index]).toBeLessThanOrEqual(1e-4 * scale);
    }
  });

  it('train that net on wasm: the loss falls, and no tensor is left behind per epoch', async () => {
    const info = await initBackend('wasm');
    expect(info.name).toBe('wasm');
    const model = buildModel(7);
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const { x, y } = toyData();
    const losses: number[] = [];
    const tensorCounts: number[] = [];
    for (let epoch = 0; epoch < 8; epoch++) {
      const history = await model.fit(x, y, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0 });
      losses.push(Number(history.history.loss?.[0]));
      tensorCounts.push(tf.memory().numTensors);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)).toBeLessThan(0.5 * (losses[0] ?? 0));
    // The optimiser creates its slots in the first epoch; after that the count stays put.
    expect(new Set(tensorCounts.slice(1)).size).toBe(1);
    tf.dispose([x, y]);
    model.dispose();
  });
});
