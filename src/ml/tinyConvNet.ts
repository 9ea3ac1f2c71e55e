/**
 * A tiny, fully deterministic 1D conv net for backend cross-checks: the same seed gives the same
 * weights everywhere, so the outputs of webgpu, wasm, webgl and cpu can be compared number by
 * number (they should agree to ~1e-5; float32 summation order differs between backends).
 *
 * Layout: a spectrum is `[N, 1, L, 1]` and the 1D layers are 2D layers with `[1, k]` kernels,
 * because tfjs-layers has no upSampling1d (browser-notes.md §1.1). `L` must be even (one pool).
 */
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../core/errors';
import { uniform01 } from './blocks/random';

/** Default seed of the weights. */
export const tinyConvNetSeed = 42;

/** conv2d over the length axis only; zero initial weights, replaced by seeded ones below. */
function conv(filters: number, kernelLength: number, activation: 'relu' | 'linear') {
  return tf.layers.conv2d({
    filters,
    kernelSize: [1, kernelLength],
    padding: 'same',
    activation,
    kernelInitializer: 'zeros',
    biasInitializer: 'zeros',
  });
}

/**
 * conv [1,7]×8 relu → maxPool [1,2] → conv [1,5]×16 relu → upSample [1,2] → conv [1,3]×1 linear.
 * Input `[N, 1, L, 1]` with any even `L`; output the same shape. Kernels are He-uniform
 * (limit √(6/fanIn)), biases uniform on ±0.1, all drawn from uniform01(`seed`) in layer order.
 * The caller owns the model: call `model.dispose()`.
 */
export function buildTinyConvNet(seed = tinyConvNetSeed): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.inputLayer({ inputShape: [1, null, 1] }),
      conv(8, 7, 'relu'),
      tf.layers.maxPooling2d({ poolSize: [1, 2], strides: [1, 2] }),
      conv(16, 5, 'relu'),
      tf.layers.upSampling2d({ size: [1, 2] }),
      conv(1, 3, 'linear'),
    ],
  });
  const random = uniform01(seed);
  const uniform = (limit: number) => (2 * random() - 1) * limit;
  const values = model.weights.map(({ shape }) => {
    const size = shape.reduce<number>((product, n) => product * (n ?? 1), 1);
    // Kernels are [1, k, in, out]; biases are [out].
    const limit = shape.length === 4 ? Math.sqrt(6 / ((shape[1] ?? 1) * (shape[2] ?? 1))) : 0.1;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = uniform(limit);
    return tf.tensor(data, shape as number[]);
  });
  // setWeights assigns (shares) the data; our tensors can go right away.
  model.setWeights(values);
  tf.dispose(values);
  return model;
}

/**
 * A deterministic batch of spectrum-like inputs, `batch × length` values in row order (the
 * `[N, 1, L, 1]` layout): three Gaussian peaks on a sloped baseline plus 1 % noise, values ~0–1.
 */
export function tinyConvNetInput(length = 256, batch = 2, seed = 7): Float32Array {
  const random = uniform01(seed);
  const out = new Float32Array(length * batch);
  for (let b = 0; b < batch; b++) {
    const peaks = Array.from({ length: 3 }, () => ({
      centre: random() * length,
      width: 2 + random() * (length / 32),
      height: 0.3 + 0.7 * random(),
    }));
    const slope = 0.1 * random();
    for (let i = 0; i < length; i++) {
      let value = slope * (1 - i / length) + 0.01 * (2 * random() - 1);
      for (const { centre, width, height } of peaks) value += height * Math.exp(-0.5 * ((i - centre) / width) ** 2);
      out[b * length + i] = value;
    }
  }
  return out;
}

/**
 * Builds the net on the current tfjs backend, predicts `input` (`batch × length` values, see
 * {@link tinyConvNetInput}) and returns the `batch × length` outputs. Leaves no tensor behind.
 */
export async function runTinyConvNet(
  input: Float32Array,
  length: number,
  batch: number,
  seed = tinyConvNetSeed,
): Promise<Float32Array> {
  if (!Number.isInteger(length) || length < 2 || length % 2 !== 0) {
    throw new WorkbenchError('INVALID_OPTION', `length must be an even integer ≥ 2, got ${length}`);
  }
  if (!Number.isInteger(batch) || batch < 1) {
    throw new WorkbenchError('INVALID_OPTION', `batch must be a positive integer, got ${batch}`);
  }
  if (input.length !== length * batch) {
    throw new WorkbenchError('INVALID_OPTION', `input has ${input.length} values, expected ${batch} × ${length}`);
  }
  const model = buildTinyConvNet(seed);
  try {
    const output = tf.tidy(() => model.predict(tf.tensor4d(input, [batch, 1, length, 1])) as tf.Tensor);
    try {
      // await data(), never dataSync(): on webgpu/webgl a sync read stalls the GPU pipeline.
      // Copied, because the cpu backend hands out its own storage.
      return new Float32Array(await output.data<'float32'>());
    } finally {
      output.dispose();
    }
  } finally {
    model.dispose();
  }
}
