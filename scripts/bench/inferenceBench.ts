/**
 * Inference timing of one network: tfjs `model.predict` and `compileForInference(model).predict`
 * on each tfjs backend, and the same network with the same weights exported to ONNX and run by
 * onnxruntime-web (wasm, 1 thread) in this process. Every call includes the readback
 * (`await t.data()`; onnxruntime returns host arrays). Outputs are compared so that the timings
 * compare equal work.
 */
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { compileForInference } from '../../src/ml/inference/compileForInference';
import { exportToOnnx } from '../../src/ml/onnx/exportOnnx';
import { type BenchCase, inputShapes } from './benchCases';
import { maxAbsDiff, perSecond, seededInput, type Timing, timeInterleaved } from './timing';

ort.env.wasm.numThreads = 1;

export type Runtime =
  | 'ort-wasm'
  | 'tfjs-wasm-predict'
  | 'tfjs-wasm-compiled'
  | 'tfjs-cpu-predict'
  | 'tfjs-cpu-compiled';

export interface InferenceRow {
  readonly model: string;
  readonly runtime: Runtime;
  readonly batch: number;
  /** Absent when skipped. */
  readonly timing?: Timing;
  readonly spectraPerSecond?: number;
  /** (our spectra/s) / (onnxruntime-web's spectra/s) at the same batch; > 1 means tfjs is faster. */
  readonly ratioToOrt?: number;
  readonly skipped?: string;
}

export interface OutputCheck {
  readonly model: string;
  readonly what: string;
  readonly batch: number;
  readonly maxAbsDiff: number;
  /** Largest |value| of the reference output, for scale. */
  readonly maxAbs: number;
}

export interface BenchPlan {
  readonly backends: readonly ('wasm' | 'cpu')[];
  readonly batches: readonly number[];
  /** Timed runs per batch size (warm-ups come on top). */
  readonly runs: (batch: number, backend: 'wasm' | 'cpu' | 'ort') => number;
  /** Least warm-up time per timed series, ms (fast calls need many calls to reach optimised code). */
  readonly warmMs: number;
  /** cpu at a batch is skipped when its batch-1 time × batch would exceed this, ms. */
  readonly cpuBudgetMs: number;
  readonly setBackend: (name: 'wasm' | 'cpu') => Promise<void>;
}

export interface CaseResult {
  readonly rows: InferenceRow[];
  readonly checks: OutputCheck[];
  readonly parameters: number;
  readonly compiledSteps: readonly string[];
  readonly foldedLayers: number;
}

type Outputs = Float32Array[];

async function readAll(out: tf.Tensor | tf.Tensor[]): Promise<Outputs> {
  const list = Array.isArray(out) ? out : [out];
  try {
    return await Promise.all(list.map(async (t) => new Float32Array(await t.data<'float32'>())));
  } finally {
    tf.dispose(list);
  }
}

/** Waits for every output (the readback) and frees them, without copying. */
async function consume(out: tf.Tensor | tf.Tensor[]): Promise<void> {
  const list = Array.isArray(out) ? out : [out];
  try {
    await Promise.all(list.map((t) => t.data()));
  } finally {
    tf.dispose(list);
  }
}

function worst(reference: Outputs, other: Outputs): { maxAbsDiff: number; maxAbs: number } {
  let diff = 0;
  let scale = 0;
  reference.forEach((values, k) => {
    diff = Math.max(diff, maxAbsDiff(values, other[k] ?? new Float32Array()));
    for (const v of values) scale = Math.max(scale, Math.abs(v));
  });
  return { maxAbsDiff: reference.length === other.length ? diff : Number.POSITIVE_INFINITY, maxAbs: scale };
}

/** Runs every variant of `benchCase` (see the file comment); leaves no tensor behind. */
export async function benchCase(benchCase: BenchCase, plan: BenchPlan): Promise<CaseResult> {
  const rows: InferenceRow[] = [];
  const checks: OutputCheck[] = [];
  const name = benchCase.name;
  await plan.setBackend('wasm');
  const before = tf.memory().numTensors;
  const model = await benchCase.build();
  const session = await ort.InferenceSession.create(exportToOnnx(model), { executionProviders: ['wasm'] });
  const compiled = compileForInference(model);
  const ortSpeed = new Map<number, number>();
  const wasmOutputs = new Map<number, Outputs>();
  try {
    const data = new Map(
      plan.batches.map((batch) => {
        const shapes = inputShapes(model, batch);
        const given = benchCase.inputs?.(batch);
        const input = (shape: number[], i: number) => ({
          shape,
          values:
            given?.[i] ??
            seededInput(
              shape.reduce((a, b) => a * b, 1),
              7 + i,
            ),
        });
        return [batch, shapes.map(input)];
      }),
    );
    const feeds = (batch: number) => data.get(batch) ?? [];
    const tensorsFor = (batch: number) => feeds(batch).map(({ shape, values }) => tf.tensor(values, shape));
    const runOrt = async (batch: number): Promise<Outputs> => {
      const feed: Record<string, ort.Tensor> = {};
      feeds(batch).forEach(({ shape, values }, i) => {
        feed[session.inputNames[i] as string] = new ort.Tensor('float32', values, shape);
      });
      const result = await session.run(feed);
      return session.outputNames.map((output) => result[output]?.data as Float32Array);
    };
    const record = (runtime: Runtime, batch: number, timing: Timing) => {
      const speed = perSecond(batch, timing.medianMs);
      const ortAt = ortSpeed.get(batch);
      rows.push({
        model: name,
        runtime,
        batch,
        timing,
        spectraPerSecond: speed,
        ...(ortAt === undefined || runtime === 'ort-wasm' ? {} : { ratioToOrt: speed / ortAt }),
      });
      if (runtime === 'ort-wasm') ortSpeed.set(batch, speed);
    };
    const warmups = (batch: number) => (batch === 1 ? 3 : 2);
    for (const backend of plan.backends) {
      await plan.setBackend(backend);
      let batchOneMs = 0;
      for (const batch of plan.batches) {
        const runs = plan.runs(batch, backend);
        if (backend === 'cpu' && batch > 1 && batchOneMs * batch * (runs + 2) > plan.cpuBudgetMs) {
          const skipped = `skipped (~${((batchOneMs * batch) / 1000).toFixed(1)} s per batch)`;
          rows.push({ model: name, runtime: 'tfjs-cpu-predict', batch, skipped });
          rows.push({ model: name, runtime: 'tfjs-cpu-compiled', batch, skipped });
          continue;
        }
        const xs = tensorsFor(batch);
        const arg = xs.length === 1 ? (xs[0] as tf.Tensor) : xs;
        try {
          const predicted = await readAll(model.predict(arg) as tf.Tensor | tf.Tensor[]);
          const fromCompiled = await readAll(compiled.predict(arg));
          checks.push({
            model: name,
            what: `tfjs ${backend} compiled vs predict`,
            batch,
            ...worst(predicted, fromCompiled),
          });
          if (backend === 'wasm') {
            wasmOutputs.set(batch, predicted);
            checks.push({
              model: name,
              what: 'tfjs wasm predict vs onnxruntime',
              batch,
              ...worst(predicted, await runOrt(batch)),
            });
          } else {
            const wasm = wasmOutputs.get(batch);
            if (wasm !== undefined)
              checks.push({ model: name, what: `tfjs ${backend} vs wasm predict`, batch, ...worst(wasm, predicted) });
          }
          // onnxruntime is timed in the wasm pass, interleaved with tfjs (same load conditions).
          const contenders: [Runtime, () => Promise<void>][] = [
            ...(backend === 'wasm'
              ? [['ort-wasm', async () => void (await runOrt(batch))] as [Runtime, () => Promise<void>]]
              : []),
            [`tfjs-${backend}-predict`, () => consume(model.predict(arg) as tf.Tensor | tf.Tensor[])],
            [`tfjs-${backend}-compiled`, () => consume(compiled.predict(arg))],
          ];
          const warmMs = backend === 'cpu' ? 0 : plan.warmMs;
          const timings = await timeInterleaved(
            contenders.map(([, run]) => run),
            runs,
            backend === 'cpu' ? 1 : warmups(batch),
            warmMs,
          );
          contenders.forEach(([runtime], k) => {
            const timing = timings[k] as Timing;
            if (batch === 1 && runtime === 'tfjs-cpu-predict') batchOneMs = timing.medianMs;
            record(runtime, batch, timing);
          });
        } finally {
          tf.dispose(xs);
        }
      }
    }
    return {
      rows,
      checks,
      parameters: model.countParams(),
      compiledSteps: compiled.steps,
      foldedLayers: compiled.foldedLayers,
    };
  } finally {
    compiled.dispose();
    model.dispose();
    await session.release();
    await plan.setBackend('wasm');
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) console.warn(`  warning: ${name} left ${leaked} tensors behind`);
  }
}
