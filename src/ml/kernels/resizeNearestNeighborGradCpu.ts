import * as tf from '@tensorflow/tfjs';

/**
 * The gradient of resizeNearestNeighbor for the **cpu** backend, written as the exact adjoint of the
 * forward mapping: every output pixel adds its gradient to the input pixel it was copied from.
 *
 * Why: tfjs-backend-cpu 4.22's kernel indexes `dy` with the *images'* batch stride
 * (`batchOffset + dyR * dyStrides[1]`), so for batch > 1 every sample after the first gets the
 * first sample's gradient region shifted — wrong gradients for any upSampling2d model trained on
 * cpu with batches (found by our cpu-vs-wasm architecture probe; wasm and the adjoint agree).
 */
export const resizeNearestNeighborGradCpuConfig: tf.KernelConfig = {
  kernelName: 'ResizeNearestNeighborGrad',
  backendName: 'cpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { images, dy } = inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
    const { alignCorners, halfPixelCenters } = attrs as unknown as { alignCorners: boolean; halfPixelCenters: boolean };
    const cpu = backend as unknown as {
      data: { get(id: unknown): { values: Float32Array } };
      makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
    };
    const [batch, inHeight, inWidth, channels] = images.shape as [number, number, number, number];
    const [, outHeight, outWidth] = dy.shape as [number, number, number, number];
    const dyValues = cpu.data.get(dy.dataId).values;
    const dx = new Float32Array(batch * inHeight * inWidth * channels);
    const source = (out: number, inSize: number, outSize: number): number => {
      const scale = alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize;
      const fraction = halfPixelCenters ? scale * (out + 0.5) : scale * out;
      const nearest = Math.min(inSize - 1, alignCorners ? Math.round(fraction) : Math.floor(fraction));
      return halfPixelCenters ? Math.max(0, nearest) : nearest;
    };
    const rows = Int32Array.from({ length: outHeight }, (_, r) => source(r, inHeight, outHeight));
    const cols = Int32Array.from({ length: outWidth }, (_, c) => source(c, inWidth, outWidth));
    let read = 0;
    for (let b = 0; b < batch; b++) {
      for (let r = 0; r < outHeight; r++) {
        const rowBase = (b * inHeight + (rows[r] as number)) * inWidth;
        for (let c = 0; c < outWidth; c++) {
          const base = (rowBase + (cols[c] as number)) * channels;
          for (let k = 0; k < channels; k++) dx[base + k] = (dx[base + k] as number) + (dyValues[read++] as number);
        }
      }
    }
    return cpu.makeTensorInfo([batch, inHeight, inWidth, channels], 'float32', dx);
  },
};

let registered = false;

/**
 * Registers our corrections of tfjs 4.22 kernels that compute wrong results (idempotent).
 * `initBackend` calls it for every backend choice; tests that call `tf.setBackend` directly
 * should call it too.
 */
export function registerKernelFixes(): void {
  if (registered) return;
  registered = true;
  tf.unregisterKernel('ResizeNearestNeighborGrad', 'cpu');
  tf.registerKernel(resizeNearestNeighborGradCpuConfig);
}
