/**
 * `Cast` for the tfjs wasm backend without a copy when the dtype does not change, as tfjs's cpu
 * backend does it (its cast returns `identity` then): the output shares the input's data,
 * reference counted, as `identityWasm.ts`. tfjs's Relu gradient, dy·cast(step(x), 'float32'),
 * casts a float32 activation to float32 on every step; the stock wasm kernel copied it (~1.4 ms
 * per step of model A). Other dtype pairs go to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import { inputOf, type KernelArgs, type SingleOutputKernel, wasmBackendOf } from './wasmKernelCalls';

/** Builds the kernel function; `stock` is the kernel it replaces. */
export function makeCastKernel(stock: SingleOutputKernel): SingleOutputKernel {
  return (args: KernelArgs) => {
    const x = inputOf(args, 'x', 'Cast');
    const dtype = (args.attrs as { dtype?: tf.DataType } | undefined)?.dtype;
    if (dtype !== x.dtype || x.dtype === 'string') return stock(args);
    wasmBackendOf(args).incRef(x.dataId);
    const out: tf.TensorInfo = { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    return out;
  };
}
