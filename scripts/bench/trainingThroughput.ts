/**
 * Training vs inference throughput of the reference 1D CNN ("model A" of browser-notes.md §2.3:
 * conv1d 16/32/32 with pooling, global average pooling, dense; batch norm by default) on the tfjs
 * wasm backend in Node, input length 2048, batch 32. Prints samples/s and ratios:
 *
 * - baseline: wasm with only the missing Conv2DBackpropFilter, written as one conv2d over transposed
 *   x and dy (the approach of browser-notes.md §0.2) and every other kernel stock;
 * - optimised: `registerWasmTrainingKernels()` (src/ml/kernels), what `initBackend` installs;
 * - cpu: one training step, when a predict-based estimate says it takes under a minute.
 *
 * With `--profile` it also shows where the time of an optimised step goes (milliseconds per
 * kernel, nested kernels indented) and times the filter gradient of each conv layer in each layout.
 * Options: --no-batch-norm, --no-cpu, --no-baseline, --profile, --steps=N (timed steps, default 5),
 * --stock-batch-norm (optimised without the closed-form batch-norm gradient of fastBatchNormTraining.ts),
 * --no-simd (optimised without the WebAssembly SIMD loops of src/ml/kernels/trainingSimd.ts: their
 * JavaScript and im2col + XNNPACK fallbacks).
 * Run: npx tsx scripts/bench/trainingThroughput.ts [options]
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  type Conv2dBackpropFilterStrategy,
  conv2dBackpropFilterWasm,
  conv2dBackpropFilterWasmConfig,
  forwardConvGeometry,
} from '../../src/ml/kernels/conv2dBackpropFilterWasm';
import { uninstallFastBatchNormTraining } from '../../src/ml/kernels/fastBatchNormTraining';
import { registerWasmTrainingKernels } from '../../src/ml/kernels/index';
import { setTrainingSimdEnabled } from '../../src/ml/kernels/trainingSimd';
import { release } from '../../src/ml/kernels/wasmKernelCalls';
import { tinyConvNetInput } from '../../src/ml/tinyConvNet';

const length = 2048;
const batch = 32;
const classes = 8;
const args = new Set(process.argv.slice(2));
const steps = Number(process.argv.find((arg) => arg.startsWith('--steps='))?.slice(8) ?? 5);
const batchNorm = !args.has('--no-batch-norm');

/** Model A: conv1d 16 (k7) / 32 (k5) / 32 (k3), each [+ batch norm] + relu, pools after the first two, GAP, dense. */
export function buildModelA(withBatchNorm = batchNorm): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential();
  [16, 32, 32].forEach((filters, index) => {
    const kernelSize = [7, 5, 3][index] ?? 3;
    const first = index === 0 ? { inputShape: [length, 1] } : {};
    model.add(
      tf.layers.conv1d({
        ...first,
        filters,
        kernelSize,
        padding: 'same',
        useBias: !withBatchNorm,
        kernelInitializer: init(index),
      }),
    );
    if (withBatchNorm) model.add(tf.layers.batchNormalization());
    model.add(tf.layers.activation({ activation: 'relu' }));
    if (index < 2) model.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  });
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(9) }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median and best wall time of `run` in ms; the best is the steadier figure on a shared machine. */
async function timings(
  run: () => Promise<void>,
  repeats: number,
  warmups = 2,
): Promise<{ median: number; best: number }> {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { median: median(times), best: Math.min(...times) };
}

/** Milliseconds per batch of 32: median, and best. */
export interface Throughput {
  readonly predictMs: number;
  readonly trainMs: number;
  readonly bestPredictMs: number;
  readonly bestTrainMs: number;
}

type ModelTask<T> = (model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor) => Promise<T>;

/** Runs `task` on a fresh model A and a fixed batch (spectrum-like inputs, 8 classes), then frees them. */
async function withModelA<T>(task: ModelTask<T>): Promise<T> {
  const model = buildModelA();
  const x = tf.tensor3d(tinyConvNetInput(length, batch), [batch, length, 1]);
  const labels = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % classes),
    'int32',
  );
  const y = tf.oneHot(labels, classes);
  try {
    return await task(model, x, y);
  } finally {
    tf.dispose([x, labels, y]);
    model.dispose();
  }
}

async function predictOnce(model: tf.LayersModel, x: tf.Tensor): Promise<void> {
  const out = model.predict(x) as tf.Tensor;
  await out.data();
  out.dispose();
}

/** Warm predict and trainOnBatch times of model A on the current backend; checks for leaks. (Also `npm run bench`.) */
export function measure(repeats: number, warmups = 2): Promise<Throughput> {
  return withModelA(async (model, x, y) => {
    const predict = await timings(() => predictOnce(model, x), Math.max(repeats, 5), warmups);
    await model.trainOnBatch(x, y); // creates the optimiser's slots
    const before = tf.memory().numTensors;
    const train = await timings(async () => void (await model.trainOnBatch(x, y)), repeats, warmups);
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) console.warn(`  warning: ${leaked} tensors left behind by ${repeats + warmups} training steps`);
    return { predictMs: predict.median, trainMs: train.median, bestPredictMs: predict.best, bestTrainMs: train.best };
  });
}

const perSecond = (ms: number) => (batch * 1000) / ms;
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function report(label: string, t: Throughput): void {
  const ratio = t.predictMs / t.trainMs;
  console.log(
    `${label.padEnd(10)} inference ${fixed(perSecond(t.predictMs)).padStart(7)} samples/s (${fixed(t.predictMs)} ms/batch, best ${fixed(t.bestPredictMs)}) | ` +
      `training ${fixed(perSecond(t.trainMs)).padStart(6)} samples/s (${fixed(t.trainMs)} ms/step, best ${fixed(t.bestTrainMs)}) | ` +
      `training/inference ${fixed(ratio, 3)} = 1/${fixed(1 / ratio)} (best-of: ${fixed(t.bestPredictMs / t.bestTrainMs, 3)})`,
  );
}

/** Wraps every wasm kernel with a timer; returns a function that prints and resets the totals. */
function installKernelTimers(): (stepsTimed: number) => void {
  const totals = new Map<string, number>(); // 'Kernel' or 'Kernel > Nested'
  const stack: string[] = [];
  for (const config of tf.getKernelsForBackend('wasm')) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      kernelFunc: (kernelArgs) => {
        stack.push(config.kernelName);
        const key = stack.slice(0, 2).join(' > ');
        const start = performance.now();
        try {
          return inner(kernelArgs);
        } finally {
          stack.pop();
          if (stack.length < 2) totals.set(key, (totals.get(key) ?? 0) + performance.now() - start);
        }
      },
    });
  }
  return (stepsTimed) => {
    const top = [...totals].filter(([key]) => !key.includes(' > ')).sort((a, b) => b[1] - a[1]);
    const total = top.reduce((sum, [, ms]) => sum + ms, 0);
    const line = (label: string, ms: number) =>
      `    ${label.padEnd(32)} ${fixed(ms / stepsTimed, 2).padStart(7)} ms  ${fixed((100 * ms) / total).padStart(5)} %`;
    console.log(`  kernels: ${fixed(total / stepsTimed)} ms per step; the largest, with the kernels they call:`);
    for (const [name, ms] of top.slice(0, 14)) {
      console.log(line(name, ms));
      const nested = [...totals].filter(([key]) => key.startsWith(`${name} > `)).sort((a, b) => b[1] - a[1]);
      for (const [key, nestedMs] of nested.slice(0, 4)) console.log(line(`  ${key.slice(name.length + 3)}`, nestedMs));
    }
    totals.clear();
  };
}

/** Kernel times of warm training steps only (predictions excluded). */
function profileTraining(): Promise<void> {
  return withModelA(async (model, x, y) => {
    for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
    const printTotals = installKernelTimers();
    for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
    printTotals(steps);
  });
}

/** The filter gradient of model A's three conv layers in each layout, with the forward conv for scale. */
async function timeFilterGradientLayouts(): Promise<void> {
  const backend = tf.backend() as unknown as BackendWasm;
  const layers = [
    { width: length, inChannels: 1, outChannels: 16, kernel: 7 },
    { width: length / 2, inChannels: 16, outChannels: 32, kernel: 5 },
    { width: length / 4, inChannels: 32, outChannels: 32, kernel: 3 },
  ];
  console.log('  filter gradient per conv layer, ms (best of 9): forward conv | conv layouts | im2col | simd (used)');
  for (const { width, inChannels, outChannels, kernel } of layers) {
    const x = tf.randomUniform([batch, 1, width, inChannels], -1, 1, 'float32', 1);
    const w = tf.randomUniform([1, kernel, inChannels, outChannels], -1, 1, 'float32', 2);
    const dy = tf.randomUniform([batch, 1, width, outChannels], -1, 1, 'float32', 3);
    const geometry = forwardConvGeometry(x.shape, dy.shape, {
      strides: 1,
      pad: 'same',
      filterShape: [1, kernel, inChannels, outChannels],
    });
    const forward = (await timings(async () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same').dispose(), 9))
      .best;
    const layout = async (strategy: Conv2dBackpropFilterStrategy) =>
      fixed(
        (await timings(async () => release(backend, conv2dBackpropFilterWasm(backend, x, dy, geometry, strategy)), 9))
          .best,
        2,
      );
    console.log(
      `    C ${inChannels}→${outChannels}, k ${kernel}, L ${width}: ${fixed(forward, 2)} | ` +
        `xImages ${await layout('xImages')}, dyImages ${await layout('dyImages')} | ${await layout('im2col')} | ` +
        `${await layout('simd')}`,
    );
    tf.dispose([x, w, dy]);
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical cores; Node ${process.version}; tfjs ${tf.version.tfjs}`,
  );
  console.log(
    `model A${batchNorm ? ' with batch norm' : ''}: input ${length}, batch ${batch}, ${steps} timed steps (median)`,
  );
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  console.log(`wasm: ${simd ? 'SIMD' : 'no SIMD'}, 1 thread`);

  let baseline: Throughput | undefined;
  if (!args.has('--no-baseline')) {
    tf.registerKernel({
      ...conv2dBackpropFilterWasmConfig,
      kernelFunc: (kernelArgs) => {
        const { x, dy } = kernelArgs.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
        const geometry = forwardConvGeometry(x.shape, dy.shape, kernelArgs.attrs as never);
        return conv2dBackpropFilterWasm(kernelArgs.backend as BackendWasm, x, dy, geometry, 'xImages');
      },
    });
    baseline = await measure(steps);
    report('baseline', baseline);
    tf.unregisterKernel(conv2dBackpropFilterWasmConfig.kernelName, 'wasm');
  }
  registerWasmTrainingKernels();
  // registerWasmTrainingKernels installs the closed-form batch-norm gradient; this measures without it.
  if (args.has('--stock-batch-norm')) uninstallFastBatchNormTraining();
  if (args.has('--no-simd')) setTrainingSimdEnabled(false);
  const optimised = await measure(steps);
  report('optimised', optimised);
  if (baseline !== undefined) {
    console.log(
      `  optimised vs baseline: training ${fixed(baseline.trainMs / optimised.trainMs, 2)}x faster ` +
        `(best-of: ${fixed(baseline.bestTrainMs / optimised.bestTrainMs, 2)}x)`,
    );
  }
  console.log(`  the issue's target is training/inference ≥ 0.25 (backward ≈ 2x forward)`);

  if (args.has('--profile')) {
    await profileTraining();
    await timeFilterGradientLayouts();
  }

  if (!args.has('--no-cpu')) await measureCpuOnce(optimised);
}

/** One cpu prediction and, if the estimate allows, one cpu training step (the first: slots included). */
async function measureCpuOnce(wasm: Throughput): Promise<void> {
  await tf.setBackend('cpu');
  await withModelA(async (model, x, y) => {
    const predictMs = (await timings(() => predictOnce(model, x), 1, 1)).median;
    // On cpu a step costs about 30 predictions (browser-notes.md §2.3: 29.8 s vs 0.93 s).
    const estimateS = (30 * predictMs) / 1000;
    if (estimateS > 60) {
      console.log(`cpu: training skipped, a step would take about ${fixed(estimateS, 0)} s (30 x predict)`);
      return;
    }
    const trainMs = (await timings(async () => void (await model.trainOnBatch(x, y)), 1, 0)).median;
    report('cpu', { predictMs, trainMs, bestPredictMs: predictMs, bestTrainMs: trainMs });
    const speedUp = (cpuMs: number, wasmMs: number) => fixed(cpuMs / wasmMs, 0);
    console.log(
      `  wasm optimised vs cpu: training ${speedUp(trainMs, wasm.trainMs)}x, inference ${speedUp(predictMs, wasm.predictMs)}x faster`,
    );
  });
}

// Run as a script, not when `npm run bench` imports the functions above.
if (process.argv[1] === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
