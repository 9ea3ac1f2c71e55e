/**
 * Kernels that make the tfjs wasm backend fit for training (see README.md, "kernels/"):
 * the missing `Conv2DBackpropFilter`, and faster versions of the stock wasm kernels that
 * dominated a conv-net training step (measured with `scripts/bench/trainingThroughput.ts`).
 * Each replacement keeps the stock kernel (and its setup) and hands it the cases it does not cover.
 */
import * as tf from '@tensorflow/tfjs';
import { makeCastKernel } from './castWasm';
import { makeConcatKernel } from './concatWasm';
import { conv2dBackpropFilterWasmConfig } from './conv2dBackpropFilterWasm';
import { makeConv2dBackpropInputKernel } from './conv2dBackpropInputWasm';
import { installFastBatchNormTraining } from './fastBatchNormTraining';
import { makeIdentityKernel } from './identityWasm';
import { makeMeanKernel, makeSumKernel } from './leadingAxesReduceWasm';
import { makeMaxPoolGradKernel } from './maxPoolGradWasm';
import { makeTileKernel } from './tileWasm';
import type { SingleOutputKernel } from './wasmKernelCalls';

export type { Conv2dBackpropFilterStrategy } from './conv2dBackpropFilterWasm';

/** Stock wasm kernels replaced by faster ones, and the factories of the replacements. */
const replacements: Readonly<Record<string, (stock: SingleOutputKernel) => SingleOutputKernel>> = {
  Cast: makeCastKernel,
  Concat: makeConcatKernel,
  Conv2DBackpropInput: makeConv2dBackpropInputKernel,
  Identity: makeIdentityKernel,
  MaxPoolGrad: makeMaxPoolGradKernel,
  Mean: makeMeanKernel,
  Sum: makeSumKernel,
  Tile: makeTileKernel,
};

/** The names of the kernels {@link registerWasmTrainingKernels} adds or replaces on 'wasm'. */
export const wasmTrainingKernelNames: readonly string[] = [
  conv2dBackpropFilterWasmConfig.kernelName,
  ...Object.keys(replacements),
];

/** Configs registered by this module, so that a second call recognises them. */
const ours = new WeakSet<tf.KernelConfig>();

function register(config: tf.KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName) !== undefined) {
    tf.unregisterKernel(config.kernelName, config.backendName);
  }
  tf.registerKernel(config);
  ours.add(config);
}

/**
 * Registers the training kernels for the 'wasm' backend. Idempotent. Call it before or after
 * `tf.setBackend('wasm')`; `initBackend` does. Only the 'wasm' registry entries change: other
 * backends are untouched. A `Conv2DBackpropFilter` that tfjs itself may ship one day is kept.
 */
export function registerWasmTrainingKernels(): void {
  installFastBatchNormTraining(); // closed-form batch-norm gradient (all backends; JS passes on wasm)
  const existing = tf.getKernel(conv2dBackpropFilterWasmConfig.kernelName, 'wasm');
  if (existing === undefined) register(conv2dBackpropFilterWasmConfig);
  for (const [name, make] of Object.entries(replacements)) {
    const stock = tf.getKernel(name, 'wasm');
    // Not registered: the wasm backend package was not imported; nothing to speed up.
    if (stock === undefined || ours.has(stock)) continue;
    // Keep setupFunc/disposeFunc: tfjs runs the stock setup when the backend initialises, and the
    // stock kernel function (our fallback) needs it.
    register({ ...stock, kernelFunc: make(stock.kernelFunc as SingleOutputKernel) as unknown as tf.KernelFunc });
  }
}
