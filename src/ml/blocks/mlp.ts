/** A multilayer perceptron on scalar inputs `[N, P]`. */
import * as tf from '@tensorflow/tfjs';
import { denseBlock, type HeadConfig, headBlock } from './convBlock';
import { SeedSequence } from './random';
import { type BlockActivation, defaultSeed } from './types';
import { requireInteger, requireIntegers } from './validate';

export interface MlpConfig extends HeadConfig {
  /** Number P of inputs per sample. */
  inputSize: number;
  /** Hidden layer widths (default [64, 64]; [] gives a linear/logistic model). */
  units?: number[];
  /** Default 'relu'. */
  activation?: BlockActivation;
  /** Batch normalisation in every hidden layer (default false). */
  batchNorm?: boolean;
  /** McDropout rate after every hidden layer (default 0.1). */
  dropoutRate?: number;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

/** Input `[N, P]` → dense blocks → head `[N, outputs]`. Uncompiled; the caller owns it. */
export function buildMlp(config: MlpConfig): tf.LayersModel {
  const { inputSize, units = [64, 64], activation = 'relu', batchNorm = false, dropoutRate = 0.1 } = config;
  const seeds = new SeedSequence(config.seed ?? defaultSeed);
  requireInteger('inputSize', inputSize);
  requireIntegers('units', units);
  const blocks = units.map((width, i) =>
    denseBlock({ units: width, activation, batchNorm, dropoutRate, seed: seeds.next(), name: `dense${i}` }),
  );
  const head = headBlock({ head: config.head, outputs: config.outputs, seed: seeds.next() });
  const input = tf.input({ shape: [inputSize], name: 'inputs' });
  const output = head(blocks.reduce((t, block) => block(t), input));
  return tf.model({ inputs: input, outputs: output, name: 'mlp' });
}
