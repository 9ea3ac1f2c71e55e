import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { heapAddress, heapF32, setTrainingSimdEnabled, trainingSimd } from './trainingSimd';
import { trainingSimdExports, trainingSimdModule } from './trainingSimdModule';
import { sleb, uleb } from './wasmSimdAssembler';

const fakeBackend = (wasm: unknown) => ({ wasm }) as unknown as BackendWasm;

afterEach(() => setTrainingSimdEnabled(true));

describe('trainingSimd', () => {
  it('assembles a valid module that loads over the wasm backend’s memory in Node', async () => {
    expect(WebAssembly.validate(trainingSimdModule())).toBe(true);
    await initBackend('wasm');
    const backend = tf.backend() as unknown as BackendWasm;
    // A tfjs upgrade that drops `asm.memory` makes this fail (the kernels would silently fall back).
    const simd = trainingSimd(backend);
    expect(simd).toBeDefined();
    expect(Object.keys(simd?.run ?? {})).toEqual([...trainingSimdExports]);
    expect(trainingSimd(backend)).toBe(simd);
  });

  it('works on tensors where they lie: bn_normalize on a heap tensor', async () => {
    await initBackend('wasm');
    const simd = trainingSimd(tf.backend() as unknown as BackendWasm);
    if (simd === undefined) throw new Error('the SIMD module did not load');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]);
    const params = tf.tensor1d([1, 1, 1, 1, 2, 2, 2, 2, 0.5, 0, 0, 0]); // centre, scale, offset
    const out = tf.zeros([2, 4]);
    const p = heapAddress(simd, params);
    simd.run.bn_normalize(heapAddress(simd, x), heapAddress(simd, out), 2, 1, p, p + 16, p + 32);
    // Written in place: the tensor's own data changed.
    expect(Array.from(await out.data())).toEqual([0.5, 2, 4, 6, 8.5, 10, 12, 14]);
    const at = heapAddress(simd, out) / 4;
    expect(Array.from(heapF32(simd).subarray(at, at + 2))).toEqual([0.5, 2]);
    tf.dispose([x, params, out]);
  });

  it('falls back (undefined) without asm.memory, with a shared memory, or when disabled', async () => {
    expect(trainingSimd(fakeBackend(undefined))).toBeUndefined();
    expect(trainingSimd(fakeBackend({}))).toBeUndefined();
    expect(trainingSimd(fakeBackend({ asm: { memory: {} } }))).toBeUndefined();
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(trainingSimd(fakeBackend({ asm: { memory: shared } }))).toBeUndefined();
    // Any plain memory will do: the module imports it whatever its size.
    expect(trainingSimd(fakeBackend({ asm: { memory: new WebAssembly.Memory({ initial: 1 }) } }))).toBeDefined();
    await initBackend('wasm');
    setTrainingSimdEnabled(false);
    expect(trainingSimd(tf.backend() as unknown as BackendWasm)).toBeUndefined();
  });

  it('encodes LEB128 as the WebAssembly binary format does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });
});
