/**
 * Helpers for writing a wasm kernel out of other wasm kernels and small JavaScript loops, the way
 * tfjs's own backends compose kernels: call the registered `kernelFunc`s directly with the
 * backend, free every intermediate with `backend.disposeData`, and return one fresh `TensorInfo`
 * (which the engine then wraps in a tensor). Going through `tf.*` ops instead would work (nested
 * ops are not taped inside a kernel) but would create engine-tracked tensors to keep and dispose.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WorkbenchError } from '../../core/errors';

/** What tfjs hands a kernel function. */
export interface KernelArgs {
  readonly inputs: tf.NamedTensorInfoMap;
  readonly backend: unknown;
  readonly attrs?: tf.NamedAttrMap;
}

/** A kernel function that returns one output (all the kernels here do). */
export type SingleOutputKernel = (args: KernelArgs) => tf.TensorInfo;

/** The wasm backend of a kernel call. */
export function wasmBackendOf(args: KernelArgs): BackendWasm {
  return args.backend as BackendWasm;
}

/** Input `name` of a kernel call; throws a clear error when tfjs did not pass it. */
export function inputOf(args: KernelArgs, name: string, kernel: string): tf.TensorInfo {
  const info = args.inputs[name];
  if (info === undefined) throw new WorkbenchError('INTERNAL', `${kernel} (wasm): input '${name}' is missing`);
  return info;
}

/** Runs the wasm kernel `name`; the caller owns the result (free it with {@link release}). */
export function runWasmKernel(
  backend: BackendWasm,
  name: string,
  inputs: tf.NamedTensorInfoMap | tf.TensorInfo[],
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) {
    throw new WorkbenchError('INTERNAL', `wasm kernel '${name}' is not registered (is the wasm backend loaded?)`);
  }
  const out = kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, attrs, backend });
  if (Array.isArray(out)) throw new WorkbenchError('INTERNAL', `wasm kernel '${name}' returned several outputs`);
  return out;
}

/** The same data seen with another shape: no copy, no new dataId (a reshape of row-major data). */
export function view(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Frees intermediates made by {@link runWasmKernel}; views and kernel inputs must not be passed. */
export function release(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** `x` transposed by `perm` (a new tensor). */
export function transpose(backend: BackendWasm, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return runWasmKernel(backend, 'Transpose', { x }, { perm });
}

/** `x[begin : begin + size]` (a new tensor). */
export function slice(backend: BackendWasm, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  return runWasmKernel(backend, 'Slice', { x }, { begin, size });
}

/** A float32 copy of `x` with its own dataId (wasm's Identity kernel may share data instead). */
export function copyFloat32(backend: BackendWasm, x: tf.TensorInfo): tf.TensorInfo {
  const out = backend.makeOutput([...x.shape], 'float32');
  heapFloat32(backend, out).set(heapFloat32(backend, x));
  return out;
}

/**
 * A float32 tensor's values, in place on the wasm heap. Take these views only after the last
 * allocation of the kernel: growing the heap detaches views taken earlier.
 */
export function heapFloat32(backend: BackendWasm, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Product of the sizes (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}
