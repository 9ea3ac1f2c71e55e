/**
 * A faster `Tile` for the tfjs wasm backend. The stock kernel computes a source index per output
 * value (~35 ns each here); tfjs's batch-norm gradient tiles the per-channel scale over the whole
 * activation (`[1, 1, 1, C]` → `[N, H, W, C]`), which made Tile the largest single cost of a
 * training step. This one copies whole blocks: each input row once, then doubles the filled
 * block with `copyWithin` (memmove speed) along every repeated axis. Strings go to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { inputOf, type KernelArgs, type SingleOutputKernel, sizeOf, wasmBackendOf } from './wasmKernelCalls';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/** Fills `target[0 : count · blockSize]` with `count` copies of its first `blockSize` values. */
function repeatBlock(target: HeapArray, start: number, blockSize: number, count: number): void {
  let filled = blockSize;
  const total = blockSize * count;
  while (filled < total) {
    const chunk = Math.min(filled, total - filled);
    target.copyWithin(start + filled, start, start + chunk);
    filled += chunk;
  }
}

/**
 * Tiles `source` (shape `shape`) by `reps` into `target` (row-major, shape `shape[i]·reps[i]`).
 * Exported for tests.
 */
export function tileInto(
  source: HeapArray,
  shape: readonly number[],
  reps: readonly number[],
  target: HeapArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    target[0] = source[0] ?? 0;
    return;
  }
  const sourceStrides = new Array<number>(rank).fill(1);
  const targetStrides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) {
    sourceStrides[axis] = (sourceStrides[axis + 1] ?? 1) * (shape[axis + 1] ?? 1);
    targetStrides[axis] = (targetStrides[axis + 1] ?? 1) * (shape[axis + 1] ?? 1) * (reps[axis + 1] ?? 1);
  }
  const fill = (axis: number, from: number, to: number): void => {
    const size = shape[axis] ?? 1;
    if (axis === rank - 1) {
      target.set(source.subarray(from, from + size), to);
    } else {
      const sourceStride = sourceStrides[axis] ?? 1;
      const targetStride = targetStrides[axis] ?? 1;
      for (let i = 0; i < size; i++) fill(axis + 1, from + i * sourceStride, to + i * targetStride);
    }
    // The block just written (all of this axis, inner axes already tiled) repeats reps[axis] times.
    const block = axis === rank - 1 ? size : size * (targetStrides[axis] ?? 1);
    repeatBlock(target, to, block, reps[axis] ?? 1);
  };
  fill(0, 0, 0);
}

/** Builds the kernel function; `stock` is the kernel it replaces (used for strings). */
export function makeTileKernel(stock: SingleOutputKernel): SingleOutputKernel {
  return (args: KernelArgs) => {
    const x = inputOf(args, 'x', 'Tile');
    const reps = (args.attrs as { reps: number[] }).reps;
    if (x.dtype === 'string' || x.dtype === 'complex64' || reps.length !== x.shape.length) return stock(args);
    const backend: BackendWasm = wasmBackendOf(args);
    const outShape = x.shape.map((size, axis) => size * (reps[axis] ?? 1));
    const out: tf.TensorInfo = backend.makeOutput(outShape, x.dtype);
    if (sizeOf(outShape) === 0) return out;
    // Views after the allocation: growing the heap detaches earlier ones.
    tileInto(backend.typedArrayFromHeap(x) as HeapArray, x.shape, reps, backend.typedArrayFromHeap(out) as HeapArray);
    return out;
  };
}
