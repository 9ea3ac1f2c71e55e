/**
 * A linear layer (Conv1D, Conv2D, Dense, or a Conv2DTranspose whose kernel equals its stride along
 * the length) with what follows it folded in, as one fused tfjs op: an inference BatchNormalization
 * becomes a per-channel scale of the kernel and a bias, an activation becomes the op's fused
 * activation. Used by `compileForInference`.
 *
 * Conv2DTranspose with kernel [1, s] and stride [1, s] writes each input bin to s output bins with
 * no overlap: y[n, h, w·s + j, o] = Σ_i x[n, h, w, i] · W[0, j, o, i] + b[o]. That is one matrix
 * product of x as `[N·H·W, Cin]` with W as `[Cin, s·Cout]`, read back as `[N, H, W·s, Cout]`
 * (row-major, no transpose); tfjs runs it as a transposed convolution over a zero-stuffed input.
 */
import * as tf from '@tensorflow/tfjs';

/** Activations that tfjs's fused conv2d and matMul apply themselves (on cpu, wasm, webgl, webgpu). */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu';

const fusable: readonly string[] = ['linear', 'relu', 'relu6', 'elu', 'sigmoid'];

type Kind = 'conv2d' | 'conv1d' | 'dense' | 'upsampleMatMul';

export interface FoldedLinear {
  readonly kind: Kind;
  /** Layer class names folded in, for reports ('Conv2D', 'BatchNormalization', 'Activation(relu)'). */
  readonly parts: string[];
  /** Kernel values; the output channel is the index modulo `outChannels` (every kind). */
  readonly kernel: Float32Array;
  readonly kernelShape: number[];
  readonly outChannels: number;
  /** One value per kernel column (`outChannels`, or s·outChannels for upsampleMatMul), or none. */
  bias: Float32Array | undefined;
  activation: FusedActivation;
  leakyreluAlpha: number;
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: 'same' | 'valid';
  /** Upsampling factor s of upsampleMatMul (1 otherwise). */
  readonly factor: number;
}

type Config = tf.serialization.ConfigDict;

/** `[a, b]` from a number or a list of one or two numbers. */
function pair(value: unknown, leading: number): [number, number] {
  const list = Array.isArray(value) ? (value as number[]) : [value as number];
  return list.length === 1 ? [leading, list[0] as number] : [list[0] as number, list[1] as number];
}

/** The values of the weight of `layer` named `<layer>/<suffix>`, or undefined. */
function weightValues(layer: tf.layers.Layer, suffix: string): Float32Array | undefined {
  const weight = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  return weight === undefined ? undefined : Float32Array.from(weight.read().dataSync() as Float32Array);
}

/** The fused activation of an activation name, or undefined when tfjs cannot fuse it. */
function fusedActivationOf(name: unknown): FusedActivation | undefined {
  return typeof name === 'string' && fusable.includes(name) ? (name as FusedActivation) : undefined;
}

/**
 * The folded form of a linear layer applied to an input of `inputRank`, or undefined when the
 * layer is not one of the supported cases (then it runs as is).
 */
export function foldLinear(layer: tf.layers.Layer, className: string, inputRank: number): FoldedLinear | undefined {
  const config: Config = layer.getConfig();
  const activation = fusedActivationOf(config.activation ?? 'linear');
  const kernel = weightValues(layer, 'kernel');
  const shape = layer.weights.find((w) => w.originalName.endsWith('/kernel'))?.shape;
  if (activation === undefined || kernel === undefined || shape === undefined) return undefined;
  if (shape.some((n) => n === null)) return undefined;
  const kernelShape = shape as number[];
  const bias = config.useBias === false ? undefined : weightValues(layer, 'bias');
  const base = { parts: [className], kernel, bias, activation, leakyreluAlpha: 0.2, factor: 1 };
  const channelsLast = (config.dataFormat ?? 'channelsLast') === 'channelsLast';
  const pad = config.padding;
  if (className === 'Dense') {
    return { ...base, kind: 'dense', kernelShape, outChannels: kernelShape[1] as number, ...noGeometry };
  }
  if (!channelsLast || (pad !== 'same' && pad !== 'valid')) return undefined;
  const strides = pair(config.strides ?? 1, 1);
  const dilations = pair(config.dilationRate ?? 1, 1);
  if (className === 'Conv2D' && inputRank === 4) {
    return { ...base, kind: 'conv2d', kernelShape, outChannels: kernelShape[3] as number, strides, dilations, pad };
  }
  if (className === 'Conv1D' && inputRank === 3) {
    const [k, inChannels, outChannels] = kernelShape as [number, number, number];
    return {
      ...base,
      kind: 'conv1d',
      kernelShape: [1, k, inChannels, outChannels],
      outChannels,
      strides,
      dilations,
      pad,
    };
  }
  if (className === 'Conv2DTranspose' && inputRank === 4) return upsampleMatMul(base, kernelShape, strides, dilations);
  return undefined;
}

const noGeometry = { strides: [1, 1], dilations: [1, 1], pad: 'valid' } as const satisfies Partial<FoldedLinear>;

/** Conv2DTranspose kernel [1, s], stride [1, s] as a `[Cin, s·Cout]` matrix (see the file comment). */
function upsampleMatMul(
  base: Pick<FoldedLinear, 'parts' | 'kernel' | 'bias' | 'activation' | 'leakyreluAlpha'>,
  kernelShape: number[],
  strides: [number, number],
  dilations: [number, number],
): FoldedLinear | undefined {
  const [kH, kW, outChannels, inChannels] = kernelShape as [number, number, number, number];
  const factor = strides[1];
  if (kH !== 1 || strides[0] !== 1 || kW !== factor || dilations[0] !== 1 || dilations[1] !== 1) return undefined;
  const matrix = new Float32Array(inChannels * factor * outChannels);
  for (let j = 0; j < factor; j++) {
    for (let o = 0; o < outChannels; o++) {
      for (let i = 0; i < inChannels; i++) {
        matrix[i * factor * outChannels + j * outChannels + o] =
          base.kernel[(j * outChannels + o) * inChannels + i] ?? 0;
      }
    }
  }
  const bias = base.bias === undefined ? undefined : tiled(base.bias, factor);
  return {
    ...base,
    parts: ['Conv2DTranspose(matMul)'],
    kind: 'upsampleMatMul',
    kernel: matrix,
    kernelShape: [inChannels, factor * outChannels],
    outChannels,
    bias,
    ...noGeometry,
    factor,
  };
}

function tiled(values: Float32Array, times: number): Float32Array {
  const out = new Float32Array(values.length * times);
  for (let t = 0; t < times; t++) out.set(values, t * values.length);
  return out;
}

/**
 * Folds an inference BatchNormalization on the last axis into `linear` (whose activation must be
 * linear): y = (z − mean)·γ/√(var + ε) + β = z·s + t per channel. Returns false when it cannot.
 */
export function foldBatchNorm(linear: FoldedLinear, layer: tf.layers.Layer, inputRank: number): boolean {
  const config: Config = layer.getConfig();
  const axis = config.axis as number | number[];
  const lastAxis =
    axis === -1 || axis === inputRank - 1 || (Array.isArray(axis) && axis.length === 1 && axis[0] === -1);
  if (linear.activation !== 'linear' || !lastAxis) return false;
  const mean = weightValues(layer, 'moving_mean');
  const variance = weightValues(layer, 'moving_variance');
  const gamma = config.scale === false ? undefined : weightValues(layer, 'gamma');
  const beta = config.center === false ? undefined : weightValues(layer, 'beta');
  const channels = linear.outChannels;
  if (mean?.length !== channels || variance?.length !== channels) return false;
  const epsilon = config.epsilon as number;
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = (gamma?.[c] ?? 1) / Math.sqrt((variance[c] ?? 1) + epsilon);
    shift[c] = (beta?.[c] ?? 0) - (mean[c] ?? 0) * (scale[c] ?? 1);
  }
  for (let i = 0; i < linear.kernel.length; i++)
    linear.kernel[i] = (linear.kernel[i] ?? 0) * (scale[i % channels] ?? 1);
  const columns = linear.kernelShape.at(-1) ?? channels;
  const bias = new Float32Array(columns);
  for (let i = 0; i < columns; i++) {
    const c = i % channels;
    bias[i] = (linear.bias?.[i] ?? 0) * (scale[c] ?? 1) + (shift[c] ?? 0);
  }
  linear.bias = bias;
  linear.parts.push('BatchNormalization');
  return true;
}

/** Folds an activation layer into `linear` (whose activation must be linear). Returns false when it cannot. */
export function foldActivation(linear: FoldedLinear, layer: tf.layers.Layer, className: string): boolean {
  if (linear.activation !== 'linear') return false;
  const config: Config = layer.getConfig();
  let activation: FusedActivation | undefined;
  if (className === 'Activation') activation = fusedActivationOf(config.activation);
  else if (className === 'ReLU' && config.maxValue == null) activation = 'relu';
  else if (className === 'ELU' && (config.alpha ?? 1) === 1) activation = 'elu';
  else if (className === 'LeakyReLU' && typeof config.alpha === 'number') {
    activation = 'leakyrelu';
    linear.leakyreluAlpha = config.alpha;
  }
  if (activation === undefined) return false;
  linear.activation = activation;
  linear.parts.push(`${className}(${activation})`);
  return true;
}

/** A folded linear layer ready to run: its weights live in tensors until `dispose()`. */
export interface FusedOp {
  run(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** Uploads the folded weights once and returns the fused op (call `run` inside a `tf.tidy`). */
export function materialise(linear: FoldedLinear): FusedOp {
  const filter = tf.keep(tf.tensor(linear.kernel, linear.kernelShape, 'float32'));
  const bias = linear.bias === undefined ? undefined : tf.keep(tf.tensor1d(linear.bias, 'float32'));
  const { activation, leakyreluAlpha, strides, dilations, pad, factor } = linear;
  const fused = { ...(bias === undefined ? {} : { bias }), activation, leakyreluAlpha };
  const conv = (x: tf.Tensor4D) =>
    tf.fused.conv2d({ x, filter: filter as tf.Tensor4D, strides, pad, dilations, dataFormat: 'NHWC', ...fused });
  const matMul = (a: tf.Tensor2D) => tf.fused.matMul({ a, b: filter as tf.Tensor2D, ...fused });
  const run = (x: tf.Tensor): tf.Tensor => {
    switch (linear.kind) {
      case 'conv2d':
        return conv(x as tf.Tensor4D);
      case 'conv1d': {
        const [n, length, channels] = x.shape as [number, number, number];
        const y = conv(tf.reshape(x, [n, 1, length, channels]));
        return tf.reshape(y, [n, y.shape[2], y.shape[3]]);
      }
      case 'dense': {
        if (x.rank === 2) return matMul(x as tf.Tensor2D);
        const lead = x.shape.slice(0, -1);
        const y = matMul(tf.reshape(x, [-1, x.shape.at(-1) as number]));
        return tf.reshape(y, [...lead, linear.outChannels]);
      }
      case 'upsampleMatMul': {
        const [n, h, w, channels] = x.shape as [number, number, number, number];
        const y = matMul(tf.reshape(x, [n * h * w, channels]));
        return tf.reshape(y, [n, h, w * factor, linear.outChannels]);
      }
    }
  };
  return { run, dispose: () => tf.dispose(bias === undefined ? [filter] : [filter, bias]) };
}
