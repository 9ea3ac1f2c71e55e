/**
 * Loads `trainingSimdModule.ts` over tfjs-backend-wasm's own memory, so that its loops read and
 * write tensors where they lie on the wasm heap (the technique of `ml/inference/wasmRecurrence.ts`).
 *
 * Relies on one tfjs-backend-wasm 4.22 internal: the Emscripten module's `asm.memory` (and the
 * public `dataIdMap` entries' `memoryOffset`). When it is missing, the memory is shared (threaded
 * build), the engine lacks WebAssembly SIMD, or synchronous compilation is refused (a browser's
 * main thread, modules over 4 KB), {@link trainingSimd} returns undefined and each kernel takes
 * its JavaScript or XNNPACK path instead (same results within rounding; tested).
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WorkbenchError } from '../../core/errors';
import { trainingSimdExports, trainingSimdModule } from './trainingSimdModule';

type SimdFunction = (...args: number[]) => void;

/** The loaded module on one wasm backend. */
export interface TrainingSimd {
  readonly backend: BackendWasm;
  readonly memory: WebAssembly.Memory;
  readonly run: Readonly<Record<(typeof trainingSimdExports)[number], SimdFunction>>;
}

/** What this file uses of tfjs-backend-wasm's Emscripten module. */
interface EmscriptenModule {
  readonly asm?: { readonly memory?: unknown };
}

const loaded = new WeakMap<object, TrainingSimd | null>();
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/** Tests and benchmarks: `false` makes {@link trainingSimd} return undefined (the fallback paths). */
export function setTrainingSimdEnabled(value: boolean): void {
  enabled = value;
}

function instantiate(backend: BackendWasm): TrainingSimd | null {
  const memory = (backend.wasm as unknown as EmscriptenModule | undefined)?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  try {
    if (compiled === undefined) {
      const bytes = trainingSimdModule();
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    }
    if (compiled === null) return null;
    const instance = new WebAssembly.Instance(compiled, { env: { memory } });
    const run = Object.fromEntries(
      trainingSimdExports.map((id) => [id, instance.exports[id] as SimdFunction]),
    ) as TrainingSimd['run'];
    return { backend, memory, run };
  } catch {
    return null;
  }
}

/** The module on `backend`, or undefined when it cannot load there (see the file comment). */
export function trainingSimd(backend: BackendWasm): TrainingSimd | undefined {
  if (!enabled) return undefined;
  let simd = loaded.get(backend);
  if (simd === undefined) {
    simd = instantiate(backend);
    loaded.set(backend, simd);
  }
  return simd ?? undefined;
}

/** Byte address of a tensor's data on the wasm heap. */
export function heapAddress(simd: TrainingSimd, info: tf.TensorInfo): number {
  const data = simd.backend.dataIdMap.get(info.dataId) as { memoryOffset?: number } | undefined;
  if (data?.memoryOffset === undefined) {
    throw new WorkbenchError('INTERNAL', 'trainingSimd: a tensor is not on the wasm heap');
  }
  return data.memoryOffset;
}

/** The heap as float32 (take it after the last allocation: growing the heap replaces the buffer). */
export function heapF32(simd: TrainingSimd): Float32Array {
  return new Float32Array(simd.memory.buffer);
}

/** A float32 scratch buffer on the heap (not zeroed): its tensor info and byte address. Free with `release`. */
export function scratch(simd: TrainingSimd, floats: number): { info: tf.TensorInfo; at: number } {
  const info = simd.backend.makeOutput([Math.max(1, floats)], 'float32');
  return { info, at: heapAddress(simd, info) };
}
