import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../core/errors';
import { initBackend } from '../backend/initBackend';
import { exportToOnnx, exportToOnnxAsync } from './exportOnnx';
import { decodeModel } from './onnxProto';
import { compareWithOnnxRuntime, randomizeWeights } from './onnxTestHelpers';

const tolerance = 1e-4;
const worstDiffs: Record<string, number> = {};

beforeAll(async () => {
  await initBackend('cpu');
});

/** conv2d [1,k] + BN + relu + maxpool + dropout + GAP + dense softmax, plus strided/odd-length same padding. */
function cnnClassifier(): tf.LayersModel {
  const input = tf.input({ shape: [1, 63, 2] });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: [1, 5], padding: 'same', useBias: false }).apply(input);
  x = tf.layers.batchNormalization().apply(x);
  x = tf.layers.activation({ activation: 'relu' }).apply(x);
  x = tf.layers.maxPooling2d({ poolSize: [1, 2] }).apply(x); // 31
  x = tf.layers
    .conv2d({ filters: 8, kernelSize: [1, 3], strides: [1, 2], padding: 'same', activation: 'elu' })
    .apply(x); // 16
  x = tf.layers.averagePooling2d({ poolSize: [1, 3], strides: [1, 2], padding: 'same' }).apply(x); // 8, pad 0/1
  x = tf.layers.depthwiseConv2d({ kernelSize: [1, 3], depthMultiplier: 2, padding: 'same' }).apply(x);
  x = tf.layers.separableConv2d({ filters: 6, kernelSize: [1, 3], padding: 'valid', activation: 'relu6' }).apply(x);
  x = tf.layers.dropout({ rate: 0.3 }).apply(x);
  x = tf.layers.globalAveragePooling2d({}).apply(x);
  const output = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'cnn' });
}

/** A small 1D U-Net on [N, 1, L, 1] with a dynamic L (multiple of 2). */
function uNet(): tf.LayersModel {
  const input = tf.input({ shape: [1, null, 1] });
  const c1 = tf.layers.conv2d({ filters: 6, kernelSize: [1, 3], padding: 'same', activation: 'relu' }).apply(input);
  let p = tf.layers.maxPooling2d({ poolSize: [1, 2] }).apply(c1);
  p = tf.layers
    .zeroPadding2d({
      padding: [
        [0, 0],
        [1, 1],
      ],
    })
    .apply(p);
  const c2 = tf.layers
    .conv2d({ filters: 8, kernelSize: [1, 3], dilationRate: [1, 2], padding: 'valid', activation: 'tanh' })
    .apply(p); // L/2 + 2 − 4 = L/2 − 2
  const padded = tf.layers
    .zeroPadding2d({
      padding: [
        [0, 0],
        [1, 1],
      ],
    })
    .apply(c2); // L/2
  // Strided 'same' on a dynamic length: auto_pad SAME_UPPER (pads 1/2 and 0/1 here).
  const strided = tf.layers.conv2d({ filters: 8, kernelSize: [1, 5], strides: [1, 2], padding: 'same' }).apply(c1);
  const pooled = tf.layers.maxPooling2d({ poolSize: [1, 3], strides: [1, 2], padding: 'same' }).apply(c1);
  const sum = tf.layers.add().apply([padded, strided] as tf.SymbolicTensor[]);
  const c3 = tf.layers.concatenate().apply([sum, pooled] as tf.SymbolicTensor[]);
  const up = tf.layers.upSampling2d({ size: [1, 2] }).apply(c3);
  const upBilinear = tf.layers.upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(c3);
  const tSame = tf.layers
    .conv2dTranspose({ filters: 4, kernelSize: [1, 2], strides: [1, 2], padding: 'same' })
    .apply(c3);
  const merged = tf.layers.concatenate({ axis: -1 }).apply([c1, up, upBilinear, tSame] as tf.SymbolicTensor[]);
  const projected = tf.layers.conv2d({ filters: 2, kernelSize: [1, 1] }).apply(merged);
  // Dense on a 4D tensor (per position): MatMul in the native layout.
  const output = tf.layers.dense({ units: 1 }).apply(projected) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'unet' });
}

/**
 * Static-length decoder with real 2D kernels: transposed convs with k > s (valid, same), k < s
 * (output_padding), and Cropping2D (tfjs cannot crop a dynamic length).
 */
function upsampler(): tf.LayersModel {
  return tf.sequential({
    name: 'upsampler',
    layers: [
      tf.layers.conv2dTranspose({
        inputShape: [2, 8, 3],
        filters: 4,
        kernelSize: [2, 3],
        strides: [1, 2],
        padding: 'valid',
      }),
      tf.layers.cropping2D({
        cropping: [
          [1, 0],
          [0, 1],
        ],
      }), // [3, 17] → [2, 16]
      tf.layers.conv2dTranspose({
        filters: 3,
        kernelSize: [1, 3],
        strides: [1, 2],
        padding: 'same',
        activation: 'relu',
      }),
      tf.layers.conv2dTranspose({ filters: 2, kernelSize: [2, 1], strides: [1, 3], padding: 'valid' }),
      tf.layers.conv2d({ filters: 2, kernelSize: [2, 3], strides: [1, 2], padding: 'same' }),
    ],
  });
}

/** conv1d + pooling1d + flatten + dense, with a dilated conv and activation layers. */
function conv1dNet(): tf.LayersModel {
  return tf.sequential({
    name: 'conv1d',
    layers: [
      tf.layers.conv1d({ inputShape: [48, 3], filters: 8, kernelSize: 5, padding: 'same' }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.conv1d({ filters: 6, kernelSize: 3, padding: 'valid', dilationRate: 2, activation: 'gelu' }),
      tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
      tf.layers.batchNormalization(),
      tf.layers.flatten(),
      tf.layers.dense({ units: 5, activation: 'swish' }),
      tf.layers.dense({ units: 3, activation: 'sigmoid' }),
    ],
  });
}

/** Dense autoencoder on [N, 1, 32, 1] with a reshape back. */
function autoencoder(): tf.LayersModel {
  return tf.sequential({
    name: 'autoencoder',
    layers: [
      tf.layers.flatten({ inputShape: [1, 32, 1] }),
      tf.layers.dense({ units: 16, activation: 'selu' }),
      tf.layers.dense({ units: 6, activation: 'tanh' }),
      tf.layers.dense({ units: 32, activation: 'softplus' }),
      tf.layers.reshape({ targetShape: [1, 32, 1] }),
    ],
  });
}

/** Spectrum + scalars, two outputs; Concatenate, Add, Multiply, GlobalMaxPooling2D. */
function twoInputs(): tf.LayersModel {
  const spectrum = tf.input({ shape: [1, 32, 2], name: 'spectrum' });
  const scalars = tf.input({ shape: [3], name: 'scalars' });
  let x = tf.layers.conv2d({ filters: 8, kernelSize: [1, 5], padding: 'same', activation: 'relu' }).apply(spectrum);
  x = tf.layers.globalMaxPooling2d({}).apply(x);
  const s = tf.layers.dense({ units: 8, activation: 'tanh' }).apply(scalars);
  const sum = tf.layers.add().apply([x, s] as tf.SymbolicTensor[]);
  const product = tf.layers.multiply().apply([x, s] as tf.SymbolicTensor[]);
  const merged = tf.layers.concatenate().apply([sum, product, scalars] as tf.SymbolicTensor[]);
  const classes = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(merged) as tf.SymbolicTensor;
  const score = tf.layers.dense({ units: 1 }).apply(merged) as tf.SymbolicTensor;
  return tf.model({ inputs: [spectrum, scalars], outputs: [classes, score], name: 'twoInputs' });
}

const cases: [string, () => tf.LayersModel, number[][][]][] = [
  ['cnn classifier', cnnClassifier, [[[1, 63, 2]]]],
  ['u-net', uNet, [[[1, 32, 1]], [[1, 44, 1]]]],
  ['upsampler', upsampler, [[[2, 8, 3]]]],
  ['conv1d', conv1dNet, [[[48, 3]]]],
  ['autoencoder', autoencoder, [[[1, 32, 1]]]],
  ['two inputs', twoInputs, [[[1, 32, 2], [3]]]],
];

describe('exportToOnnx', () => {
  it.each(cases)('%s matches tfjs in onnxruntime-web (batch 1 and 3)', async (label, build, shapes) => {
    const model = build();
    try {
      randomizeWeights(model, label.length);
      const before = tf.memory().numTensors;
      const bytes = exportToOnnx(model);
      expect(tf.memory().numTensors).toBe(before);
      const { worst } = await compareWithOnnxRuntime(model, shapes, [1, 3], bytes);
      worstDiffs[label] = worst;
      expect(worst).toBeLessThanOrEqual(tolerance);
    } finally {
      model.dispose();
    }
  });

  it('writes producer, opset, one initializer per weight, and no more bytes than the weights need', () => {
    const model = cnnClassifier();
    try {
      const bytes = exportToOnnx(model, { producerName: 'test-producer', docString: 'a test' });
      const proto = decodeModel(bytes);
      expect(proto.producerName).toBe('test-producer');
      expect(proto.docString).toBe('a test');
      expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
      const initializers = proto.graph?.initializer ?? [];
      for (const weight of model.weights) {
        const matching = initializers.filter((t) => t.name === weight.name);
        expect(matching, weight.name).toHaveLength(1);
        expect(matching[0]?.rawData?.length).toBe(4 * weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1));
      }
      const weightBytes = model.weights.reduce(
        (sum, w) => sum + 4 * w.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
        0,
      );
      expect(bytes.length).toBeGreaterThan(weightBytes);
      expect(bytes.length).toBeLessThan(weightBytes + 8192);
      const [input] = proto.graph?.input ?? [];
      expect(input?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue))).toEqual([
        'N',
        1,
        63,
        2,
      ]);
    } finally {
      model.dispose();
    }
  });

  it('declares a dynamic length as L and supports opsets 13 and 21', async () => {
    const model = uNet();
    try {
      randomizeWeights(model, 3);
      for (const opset of [13, 21]) {
        const bytes = exportToOnnx(model, { opset });
        const proto = decodeModel(bytes);
        expect(
          proto.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue)),
        ).toEqual(['N', 1, 'L', 1]);
        const { worst } = await compareWithOnnxRuntime(model, [[[1, 20, 1]]], [2], bytes);
        expect(worst).toBeLessThanOrEqual(tolerance);
      }
      expect(() => exportToOnnx(model, { opset: 12 })).toThrow(/opset/);
    } finally {
      model.dispose();
    }
  });

  it('gives the same bytes from exportToOnnxAsync', async () => {
    const model = autoencoder();
    try {
      randomizeWeights(model, 9);
      expect(await exportToOnnxAsync(model)).toEqual(exportToOnnx(model));
    } finally {
      model.dispose();
    }
  });

  it('refuses an unsupported layer, naming its class and name', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 3 }),
        tf.layers.embedding({ inputDim: 5, outputDim: 2, name: 'emb' }),
      ],
    });
    try {
      const error = (() => {
        try {
          exportToOnnx(model);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('INVALID_OPTION');
      expect((error as WorkbenchError).message).toMatch(/Embedding 'emb'/);
    } finally {
      model.dispose();
    }
  });

  it('reports the worst differences', () => {
    console.info('ONNX export, worst |tfjs − onnxruntime| per model:', worstDiffs);
    expect(Object.keys(worstDiffs)).toHaveLength(cases.length);
  });
});
