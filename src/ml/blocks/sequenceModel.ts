/** Recurrent models on sequences `[N, T, F]` (e.g. spectra over time): LSTM or GRU, many-to-one or many-to-many. */
import * as tf from '@tensorflow/tfjs';
import { dropoutBlock, type HeadConfig, headBlock, seededKernel } from './convBlock';
import { deriveSeed, SeedSequence } from './random';
import { defaultSeed } from './types';
import { requireInteger, requireIntegers, requireOneOf } from './validate';

export interface SequenceModelConfig extends HeadConfig {
  /** Sequence length T, or null for any length (default null). */
  timeSteps?: number | null;
  /** Features F per time step. */
  features: number;
  /** Recurrent cell (default 'lstm'). tfjs's GRU is the reset-before variant (Keras reset_after = false). */
  cell?: 'lstm' | 'gru';
  /** Units of each stacked recurrent layer (default [32]). */
  units?: number[];
  /** 'manyToOne': head on the last step, `[N, outputs]`; 'manyToMany': head on every step, `[N, T, outputs]` (default 'manyToOne'). */
  mode?: 'manyToOne' | 'manyToMany';
  /** McDropout rate after every recurrent layer (default 0). */
  dropoutRate?: number;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

/** Input `[N, T, F]` → stacked lstm/gru (+ McDropout) → dense head on the last axis. Uncompiled. */
export function buildSequenceModel(config: SequenceModelConfig): tf.LayersModel {
  const { timeSteps = null, features, cell = 'lstm', units = [32], mode = 'manyToOne', dropoutRate = 0 } = config;
  requireInteger('features', features);
  if (timeSteps !== null) requireInteger('timeSteps', timeSteps);
  requireIntegers('units', units, 1);
  requireOneOf('cell', cell, ['lstm', 'gru']);
  requireOneOf('mode', mode, ['manyToOne', 'manyToMany']);
  const seeds = new SeedSequence(config.seed ?? defaultSeed);
  // Layers and blocks first (each checks its config), wiring after: nothing is built on a bad option.
  const layers = units.map((width, i) => {
    const seed = seeds.next();
    const args = {
      units: width,
      returnSequences: mode === 'manyToMany' || i < units.length - 1,
      kernelInitializer: seededKernel(deriveSeed(seed, 0)),
      recurrentInitializer: tf.initializers.orthogonal({ seed: deriveSeed(seed, 1), gain: 1 }),
      name: `${cell}${i}`,
    };
    const recurrent = cell === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args);
    const dropout = dropoutBlock(dropoutRate, deriveSeed(seed, 2), `${cell}${i}_drop`);
    return (x: tf.SymbolicTensor) => dropout(recurrent.apply(x) as tf.SymbolicTensor);
  });
  const head = headBlock({ head: config.head, outputs: config.outputs, seed: seeds.next() });
  const input = tf.input({ shape: [timeSteps, features], name: 'sequence' });
  const output = head(layers.reduce((t, layer) => layer(t), input));
  return tf.model({ inputs: input, outputs: output, name: 'sequence' });
}
