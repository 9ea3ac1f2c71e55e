/**
 * A zero-copy `Identity` for the tfjs wasm backend, as tfjs's cpu and webgl backends do it: the
 * output shares the input's data (reference counted, like wasm's own Reshape). tfjs tensors are
 * immutable, so sharing is safe. It matters for training: the engine clones every tensor it saves
 * for the backward pass through Identity, and the stock wasm kernel copied each one (~40 copies
 * of a whole activation per step of a small conv net). Strings go to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import { inputOf, type KernelArgs, type SingleOutputKernel, wasmBackendOf } from './wasmKernelCalls';

/** Builds the kernel function; `stock` is the kernel it replaces. */
export function makeIdentityKernel(stock: SingleOutputKernel): SingleOutputKernel {
  return (args: KernelArgs) => {
    const x = inputOf(args, 'x', 'Identity');
    if (x.dtype === 'string') return stock(args);
    wasmBackendOf(args).incRef(x.dataId);
    const out: tf.TensorInfo = { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    return out;
  };
}
