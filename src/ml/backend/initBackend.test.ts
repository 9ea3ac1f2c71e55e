import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { initBackend } from './initBackend';

// Node has no navigator.gpu and tfjs does not register webgl there: the candidates are wasm and cpu.
describe('initBackend in Node', () => {
  it('auto picks wasm and reports SIMD and threads', async () => {
    const info = await initBackend('auto');
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.requested).toBe('auto');
    expect(info.adapterDescription).toMatch(/^WebAssembly (SIMD|without SIMD), \d+ threads?$/);
    // Node 20 has wasm SIMD, and tfjs disables wasm threads in Node.
    expect(info.adapterDescription).toBe('WebAssembly SIMD, 1 thread');
    expect(info.isFallbackAdapter).toBe(false);
    expect(info.tried).toEqual([{ name: 'wasm' }]);
  });

  it('cpu gives cpu', async () => {
    const info = await initBackend('cpu');
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.tried).toEqual([{ name: 'cpu' }]);
  });

  it('webgpu falls back to wasm and says why webgpu failed', async () => {
    const info = await initBackend('webgpu');
    expect(info.name).toBe('wasm');
    expect(info.requested).toBe('webgpu');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.tried).toHaveLength(2);
    expect(info.tried[0]?.name).toBe('webgpu');
    expect(info.tried[0]?.error).toMatch(/navigator\.gpu/);
    expect(info.tried[1]).toEqual({ name: 'wasm' });
  });

  it('webgl (not registered in Node) falls back to wasm with the tfjs error', async () => {
    const info = await initBackend('webgl');
    expect(info.name).toBe('wasm');
    expect(info.tried[0]?.name).toBe('webgl');
    expect(info.tried[0]?.error).toMatch(/webgl/);
  });

  it('records the reason tfjs gives when an initialisation fails', async () => {
    // A stand-in for a broken webgl: tfjs logs the error and resolves setBackend(...) false.
    tf.registerBackend('webgl', () => Promise.reject(new Error('no WebGL context here')));
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const info = await initBackend('webgl');
      expect(info.name).toBe('wasm');
      expect(info.tried[0]).toEqual({
        name: 'webgl',
        error: expect.stringMatching(/Initialization of backend webgl failed.*no WebGL context here/),
      });
    } finally {
      quiet.mockRestore();
      tf.removeBackend('webgl');
    }
  });

  it('gives up on a backend whose initialisation hangs, and the next one still works', async () => {
    // A stand-in for the threaded-wasm hang of browser-notes.md §2.2.
    tf.registerBackend('webgl', () => new Promise<never>(() => {}));
    const info = await initBackend('webgl', { attemptTimeoutMs: 50 });
    expect(info.name).toBe('wasm');
    expect(info.tried[0]?.error).toMatch(/did not finish within 50 ms; webgl disabled/);
    expect(tf.findBackendFactory('webgl')).toBeNull();
    const x = tf.scalar(3);
    expect(await x.data()).toEqual(new Float32Array([3]));
    x.dispose();
  });

  it('serialises concurrent calls; the last one wins', async () => {
    const [first, second] = await Promise.all([initBackend('cpu'), initBackend('wasm')]);
    expect(first.name).toBe('cpu');
    expect(second.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('registers the wasm training kernels, so conv nets can train on wasm (tfjs#8474)', async () => {
    await initBackend('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    const x = tf.ones([1, 1, 8, 2]) as tf.Tensor4D;
    const w = tf.ones([1, 3, 2, 1]) as tf.Tensor4D;
    const dw = tf.grad((filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, 1, 'same').sum())(w);
    // Each tap sees every input position but the one its offset pushes outside.
    expect(Array.from(await dw.data())).toEqual([7, 7, 8, 8, 7, 7]);
    tf.dispose([x, w, dw]);
  });

  it('computes on the chosen backend', async () => {
    await initBackend('auto');
    const x = tf.tensor1d([1, 2, 3]);
    const y = x.square();
    expect(Array.from(await y.data())).toEqual([1, 4, 9]);
    tf.dispose([x, y]);
  });
});
