/**
 * `npm run bench -- --profile`: where the tfjs wasm time goes, to explain the ratios to
 * onnxruntime-web. (1) Milliseconds per kernel of `model.predict` and of the compiled plan
 * (`tf.profile`); (2) one conv layer alone in tfjs and onnxruntime (is the convolution itself
 * slower?); (3) the fixed cost of one tfjs kernel call and of one onnxruntime `run`.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { compileForInference } from '../../src/ml/inference/compileForInference';
import { exportToOnnx } from '../../src/ml/onnx/exportOnnx';
import { randomizeWeights } from '../../src/ml/onnx/onnxTestHelpers';
import { type BenchCase, inputShapes } from './benchCases';
import { seededInput, time, timeInterleaved } from './timing';

export interface KernelTotals {
  readonly model: string;
  readonly variant: 'predict' | 'compiled';
  readonly batch: number;
  readonly wallMs: number;
  /** Kernel name → [calls, ms], largest first. */
  readonly kernels: readonly [string, number, number][];
}

/**
 * Kernel totals per call, averaged over `calls` warm calls of `run` (op-level `__op` wrappers left
 * out: their kernels are counted).
 */
async function kernelTotals(
  run: () => tf.Tensor | tf.Tensor[],
  calls = 5,
): Promise<{ wallMs: number; kernels: [string, number, number][] }> {
  const consume = async () => {
    const out = run();
    const list = Array.isArray(out) ? out : [out];
    await Promise.all(list.map((t) => t.data()));
    tf.dispose(list);
  };
  await consume();
  const start = performance.now();
  const info = await tf.profile(async () => {
    for (let i = 0; i < calls; i++) await consume();
  });
  const wallMs = (performance.now() - start) / calls;
  const totals = new Map<string, [number, number]>();
  for (const kernel of info.kernels) {
    if (kernel.name.endsWith('__op')) continue;
    const entry = totals.get(kernel.name) ?? [0, 0];
    totals.set(kernel.name, [entry[0] + 1 / calls, entry[1] + Number(kernel.kernelTimeMs) / calls]);
  }
  const kernels = [...totals].map(([name, [count, ms]]) => [name, Math.round(count), ms] as [string, number, number]);
  return { wallMs, kernels: kernels.sort((a, b) => b[2] - a[2]) };
}

/** (1): per-kernel totals of predict and of the compiled plan on the current backend. */
export async function profileCase(benchCase: BenchCase, batch: number): Promise<KernelTotals[]> {
  const model = await benchCase.build();
  const compiled = compileForInference(model);
  const xs = inputShapes(model, batch).map((shape, i) =>
    tf.tensor(
      seededInput(
        shape.reduce((a, b) => a * b, 1),
        7 + i,
      ),
      shape,
    ),
  );
  const arg = xs.length === 1 ? (xs[0] as tf.Tensor) : xs;
  try {
    const predict = await kernelTotals(() => model.predict(arg) as tf.Tensor | tf.Tensor[]);
    const fused = await kernelTotals(() => compiled.predict(arg));
    return [
      { model: benchCase.name, variant: 'predict', batch, ...predict },
      { model: benchCase.name, variant: 'compiled', batch, ...fused },
    ];
  } finally {
    tf.dispose(xs);
    compiled.dispose();
    model.dispose();
  }
}

export interface ConvParity {
  readonly layer: string;
  readonly batch: number;
  readonly tfjsMs: number;
  readonly ortMs: number;
}

/** (2): conv [1,k] 'same' + relu alone, at the shapes of the U-Net's levels, tfjs (fused conv2d) vs onnxruntime. */
export async function convParity(batches: readonly number[], runs: number): Promise<ConvParity[]> {
  const shapes: [number, number, number, number][] = [
    [1, 16, 5, 2048],
    [32, 16, 5, 2048],
    [32, 32, 5, 1024],
    [64, 64, 5, 512],
    [128, 128, 5, 256],
    [16, 1, 1, 2048],
  ];
  const rows: ConvParity[] = [];
  for (const [inChannels, filters, kernel, length] of shapes) {
    const input = tf.input({ shape: [1, length, inChannels] });
    const conv = tf.layers.conv2d({ filters, kernelSize: [1, kernel], padding: 'same', activation: 'relu' });
    const model = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
    randomizeWeights(model, 3);
    const session = await ort.InferenceSession.create(exportToOnnx(model), { executionProviders: ['wasm'] });
    for (const batch of batches) {
      const shape = [batch, 1, length, inChannels];
      const values = seededInput(batch * length * inChannels, 5);
      const x = tf.tensor(values, shape);
      const name = session.inputNames[0] as string;
      const [tfjs, onnx] = await timeInterleaved(
        [
          async () => {
            const y = model.predict(x) as tf.Tensor;
            await y.data();
            y.dispose();
          },
          async () => void (await session.run({ [name]: new ort.Tensor('float32', values, shape) })),
        ],
        runs,
        2,
        200,
      );
      x.dispose();
      const layer = `conv ${inChannels}→${filters} k${kernel} L${length}`;
      rows.push({ layer, batch, tfjsMs: tfjs?.medianMs ?? Number.NaN, ortMs: onnx?.medianMs ?? Number.NaN });
    }
    await session.release();
    model.dispose();
  }
  return rows;
}

export interface CallOverhead {
  /** One small tfjs kernel call (an add of two [1, 16] tensors), µs. */
  readonly tfjsKernelUs: number;
  /** One onnxruntime `run` of a one-node model (relu of [1, 16]), µs. */
  readonly ortRunUs: number;
}

/** (3): fixed cost per tfjs kernel call and per onnxruntime run, on the current tfjs backend. */
export async function callOverhead(): Promise<CallOverhead> {
  const a = tf.ones([1, 16]);
  const calls = 200;
  const chain = await time(
    async () => {
      const y = tf.tidy(() => {
        let t = a;
        for (let i = 0; i < calls; i++) t = tf.add(t, a);
        return t;
      });
      await y.data();
      y.dispose();
    },
    15,
    3,
  );
  a.dispose();
  const input = tf.input({ shape: [16] });
  const model = tf.model({
    inputs: input,
    outputs: tf.layers.activation({ activation: 'relu' }).apply(input) as tf.SymbolicTensor,
  });
  const session = await ort.InferenceSession.create(exportToOnnx(model), { executionProviders: ['wasm'] });
  const values = seededInput(16, 1);
  const name = session.inputNames[0] as string;
  const run = await time(
    async () => void (await session.run({ [name]: new ort.Tensor('float32', values, [1, 16]) })),
    200,
    20,
  );
  await session.release();
  model.dispose();
  return { tfjsKernelUs: (1000 * chain.medianMs) / calls, ortRunUs: 1000 * run.medianMs };
}
