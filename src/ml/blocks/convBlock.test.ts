import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { type Block, convBlock, denseBlock, downsample, headBlock, upsample } from './convBlock';
import { McDropout } from './mcDropout';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Applies `block` to a symbolic `[N, 1, length, channels]` input; returns the model (caller disposes). */
function wrap(block: Block, length: number, channels: number): tf.LayersModel {
  const input = tf.input({ shape: [1, length, channels] });
  return tf.model({ inputs: input, outputs: block(input) });
}

describe('blocks on [N, 1, L, C]', () => {
  it('convBlock keeps L, sets the channels, and is conv → bn → activation → McDropout', () => {
    const model = wrap(convBlock({ filters: 6, kernelSize: 3, dropoutRate: 0.1, seed: 2, name: 'b' }), 20, 2);
    expect(model.outputs[0]?.shape).toEqual([null, 1, 20, 6]);
    expect(model.layers.slice(1).map((l) => l.name)).toEqual(['b_conv', 'b_bn', 'b_act', 'b_drop']);
    expect(model.layers[4]).toBeInstanceOf(McDropout);
    expect(model.getLayer('b_conv').getConfig()).toMatchObject({ kernelSize: [1, 3], padding: 'same', useBias: false });
    model.dispose();
    const plain = wrap(convBlock({ filters: 4, batchNorm: false, activation: 'tanh' }), 20, 1);
    expect(plain.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv2D']);
    expect(plain.layers[1]?.getConfig()).toMatchObject({ activation: 'tanh', useBias: true });
    plain.dispose();
  });

  it.each([
    ['maxPool', 21, [null, 1, 10, 3]],
    ['averagePool', 20, [null, 1, 10, 3]],
    ['stridedConv', 21, [null, 1, 11, 3]],
  ] as const)('downsample %s halves L (L = %i)', (mode, length, shape) => {
    const model = wrap(downsample({ mode }), length, 3);
    expect(model.outputs[0]?.shape).toEqual(shape);
    model.dispose();
  });

  it.each([
    ['upSampling', [null, 1, 20, 3]],
    ['transposedConv', [null, 1, 20, 5]],
  ] as const)('upsample %s doubles L', (mode, shape) => {
    const model = wrap(upsample({ mode, filters: 5 }), 10, 3);
    expect(model.outputs[0]?.shape).toEqual(shape);
    model.dispose();
  });

  it('denseBlock and headBlock work on [N, P] and on [N, T, P]', () => {
    for (const shape of [[7], [4, 7]]) {
      const input = tf.input({ shape });
      const hidden = denseBlock({ units: 5, batchNorm: true, dropoutRate: 0.2 })(input);
      const model = tf.model({
        inputs: input,
        outputs: headBlock({ head: 'classifier', outputs: 3, seed: 1 })(hidden),
      });
      expect(model.outputs[0]?.shape).toEqual([null, ...shape.slice(0, -1), 3]);
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('checks its config before building anything', () => {
    expect(() => convBlock({ filters: 0 })).toThrow(/filters must be an integer ≥ 1/);
    expect(() => convBlock({ filters: 2, kernelSize: 2.5 })).toThrow(/kernelSize/);
    expect(() => downsample({ mode: 'median' as 'maxPool' })).toThrow(/downsample must be one of/);
    expect(() => upsample({ mode: 'bilinear' as 'upSampling' })).toThrow(/upsample must be one of/);
    expect(() => denseBlock({ units: 3, dropoutRate: -0.1 })).toThrow(/dropoutRate/);
  });
});
