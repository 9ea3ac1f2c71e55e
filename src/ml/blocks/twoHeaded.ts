/** Spectrum + scalar side inputs (e.g. live time, detector temperature) → one head. */
import * as tf from '@tensorflow/tfjs';
import { type CnnTrunkConfig, cnnTrunk, spectrumInput } from './cnn1d';
import { denseBlock, type HeadConfig, headBlock } from './convBlock';
import { SeedSequence } from './random';
import { type BlockActivation, defaultSeed } from './types';
import { requireInteger, requireIntegers, requireRate } from './validate';

export interface TwoHeadedConfig extends HeadConfig {
  /** Spectrum length L, in bins. */
  inputLength: number;
  /** Channels C per bin (default 1). */
  inputChannels?: number;
  /** Number P of scalar side inputs, `[N, P]` (normalise them beforehand, e.g. z-scores). */
  parameterCount: number;
  /** The spectrum branch: a CNN trunk (defaults as in `buildCnn1d`). */
  spectrum?: CnnTrunkConfig;
  /** Hidden layers of the parameter MLP (default [32, 32]). */
  parameterUnits?: number[];
  /** Activation of the parameter MLP and the merged head (default 'relu'). */
  activation?: BlockActivation;
  /** Hidden dense layers after the concatenation (default [64]). */
  headUnits?: number[];
  /** McDropout rate after every hidden dense layer of both the branch and the head (default 0.2). */
  denseDropoutRate?: number;
  /** Seed of all weights and masks (default 1). */
  seed?: number;
}

/**
 * Inputs `[spectrum [N, 1, L, C], parameters [N, P]]` (in that order; named 'spectrum' and
 * 'parameters'); CNN trunk and MLP branch merged by concatenate → dense blocks → head `[N, outputs]`.
 */
export function buildTwoHeaded(config: TwoHeadedConfig): tf.LayersModel {
  const { inputLength, inputChannels = 1, parameterCount, spectrum = {}, parameterUnits = [32, 32] } = config;
  const { activation = 'relu', headUnits = [64], denseDropoutRate = 0.2, seed = defaultSeed } = config;
  requireInteger('parameterCount', parameterCount);
  requireIntegers('parameterUnits', parameterUnits);
  requireIntegers('headUnits', headUnits);
  requireInteger('inputLength', inputLength, 2 ** (spectrum.filters ?? [16, 32, 64]).length);
  requireRate('denseDropoutRate', denseDropoutRate);
  const seeds = new SeedSequence(seed);
  // Blocks first (each checks its config), layers after: a bad option fails before any weight exists.
  const trunk = cnnTrunk(spectrum, seeds, 'conv');
  const dense = (units: number, name: string) =>
    denseBlock({ units, activation, dropoutRate: denseDropoutRate, seed: seeds.next(), name });
  const parameterBlocks = parameterUnits.map((units, i) => dense(units, `param${i}`));
  const headBlocks = headUnits.map((units, i) => dense(units, `dense${i}`));
  const head = headBlock({ head: config.head, outputs: config.outputs, seed: seeds.next() });
  const merge = tf.layers.concatenate({ axis: -1, name: 'merge' });
  const spectrumIn = spectrumInput(inputLength, inputChannels);
  const parametersIn = tf.input({ shape: [parameterCount], name: 'parameters' });
  const parameterFeatures = parameterBlocks.reduce((t, block) => block(t), parametersIn);
  const merged = merge.apply([trunk(spectrumIn), parameterFeatures]) as tf.SymbolicTensor;
  const output = head(headBlocks.reduce((t, block) => block(t), merged));
  return tf.model({ inputs: [spectrumIn, parametersIn], outputs: output, name: 'twoHeaded' });
}
