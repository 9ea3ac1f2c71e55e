import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { exportToOnnx, type LayerConverter } from './exportOnnx';
import { decodeModel } from './onnxProto';
import { compareWithOnnxRuntime, randomizeWeights } from './onnxTestHelpers';

const tolerance = 1e-4;

beforeAll(async () => {
  await initBackend('cpu');
});

/** Stands in for the blocks' McDropout (same class name, identity in predict). */
class McDropout extends tf.layers.Layer {
  static className = 'McDropout';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
  }
}

/** A custom layer the exporter does not know: y = 2x. */
class Double extends tf.layers.Layer {
  static className = 'Double';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.mul(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, 2);
  }
}

async function expectMatch(model: tf.LayersModel, shapes: number[][][], bytes?: Uint8Array): Promise<number> {
  const { worst } = await compareWithOnnxRuntime(model, shapes, [1, 3], bytes);
  expect(worst).toBeLessThanOrEqual(tolerance);
  return worst;
}

describe('exportToOnnx, graph structure and the remaining layers', () => {
  it('inlines a nested model and stores the weights of a shared layer once', async () => {
    const inner = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [6], units: 5, activation: 'hardSigmoid' }),
        tf.layers.dense({ units: 4 }),
      ],
    });
    const a = tf.input({ shape: [6] });
    const b = tf.input({ shape: [6] });
    const shared = tf.layers.dense({ units: 6, activation: 'softsign' });
    const left = inner.apply(shared.apply(a)) as tf.SymbolicTensor;
    const right = inner.apply(shared.apply(b)) as tf.SymbolicTensor;
    const output = tf.layers.multiply().apply([left, right]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: output });
    try {
      randomizeWeights(model, 5);
      const bytes = exportToOnnx(model);
      const names = decodeModel(bytes).graph?.initializer?.map((t) => t.name) ?? [];
      expect(names.filter((n) => model.weights.some((w) => w.name === n))).toHaveLength(model.weights.length);
      expect(model.weights).toHaveLength(6);
      await expectMatch(model, [[[6], [6]]], bytes);
    } finally {
      model.dispose();
    }
  });

  it('maps McDropout to the identity and takes converters for custom layers', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 3 }), new McDropout({}), new Double({})],
    });
    const double: LayerConverter = ({ graph, inputs: [x], layer }) => {
      if (x === undefined) throw new Error('no input');
      const two = graph.float(new Float32Array([2]), [], `${layer.name}_two`);
      return [{ ...x, name: graph.op('Mul', [x.name, two], {}, layer.name) }];
    };
    try {
      randomizeWeights(model, 6);
      expect(() => exportToOnnx(model)).toThrow(/Double '/);
      await expectMatch(model, [[[4]]], exportToOnnx(model, { converters: { Double: double } }));
    } finally {
      model.dispose();
    }
  });

  it('exports activation layers, merges, 1D global pooling and shape layers', async () => {
    const input = tf.input({ shape: [16, 4] });
    const conv = tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'mish' }).apply(input);
    const branches = [
      tf.layers.reLU({ maxValue: 0.5 }).apply(conv),
      tf.layers.elu({}).apply(conv),
      tf.layers.thresholdedReLU({ theta: 0.2 }).apply(conv),
      tf.layers.activation({ activation: 'gelu_new' }).apply(conv),
      tf.layers.prelu({}).apply(conv),
    ] as tf.SymbolicTensor[];
    const average = tf.layers.average().apply(branches);
    const maximum = tf.layers.maximum().apply(branches);
    const minimum = tf.layers.minimum().apply(branches);
    const stacked = tf.layers.concatenate().apply([average, maximum, minimum] as tf.SymbolicTensor[]); // [16, 12]
    const normalised = tf.layers.layerNormalization({}).apply(stacked);
    const permuted = tf.layers.permute({ dims: [2, 1] }).apply(normalised); // [12, 16]
    const pooledAvg = tf.layers.globalAveragePooling1d({}).apply(permuted); // [16]
    const pooledMax = tf.layers.globalMaxPooling1d({}).apply(stacked); // [12]
    const features = tf.layers.concatenate().apply([pooledAvg, pooledMax] as tf.SymbolicTensor[]); // [28]
    const repeated = tf.layers.repeatVector({ n: 3 }).apply(features); // [3, 28]
    const softmax = tf.layers.softmax({ axis: -1 }).apply(repeated);
    // tfjs registers 'logSoftmax' but its ActivationIdentifier type leaves it out.
    const logSoftmax = 'logSoftmax' as NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;
    const logits = tf.layers.dense({ units: 2, activation: logSoftmax }).apply(softmax) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: logits });
    try {
      randomizeWeights(model, 7);
      await expectMatch(model, [[[16, 4]]]);
    } finally {
      model.dispose();
    }
  });

  it('keeps channels-first through BN/activations into a 2D max pool with same padding', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.batchNormalization({ inputShape: [3, 10, 2], scale: false }),
        tf.layers.activation({ activation: 'softmax' }),
        tf.layers.maxPooling2d({ poolSize: [2, 3], strides: [2, 2], padding: 'same' }),
        tf.layers.conv2d({ filters: 3, kernelSize: [2, 2], padding: 'valid', activation: 'selu' }),
        tf.layers.flatten(),
      ],
    });
    try {
      randomizeWeights(model, 8);
      await expectMatch(model, [[[3, 10, 2]]]);
      const nodes = decodeModel(exportToOnnx(model)).graph?.node ?? [];
      // One transpose in, one back before Flatten.
      expect(nodes.filter((n) => n.opType === 'Transpose')).toHaveLength(2);
    } finally {
      model.dispose();
    }
  });
});
