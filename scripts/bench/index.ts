/**
 * `npm run bench` — inference and training throughput of the workbench's networks (a script,
 * not a timed test; BENCHMARKS.md holds the figures of a run).
 *
 * (a) Inference, spectra/s, for every shipped model and the reference builds (benchCases.ts) on
 *     each tfjs backend available in Node (wasm, cpu), with `model.predict` and with
 *     `compileForInference`, at batch 1 and 32, next to the same network and weights exported to
 *     ONNX and run by onnxruntime-web (wasm EP, 1 thread) in this process; ours/ORT ratios, and the
 *     largest output differences (so that the timings compare equal work).
 * (b) Training: model A's training/inference ratio on wasm (trainingThroughput.ts).
 *
 * Options: --quick (fewer runs), --json (one JSON document on stdout, progress on stderr),
 * --profile (kernel breakdown, conv parity, call overheads), --only=a,b (cases by name),
 * --no-cpu, --no-training, --stock-kernels (wasm without src/ml/kernels: the state
 * browser-notes.md §4 measured; no training then).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-web';
import { type BackendInfo, initBackend } from '../../src/ml/backend/initBackend';
import { registerBlockLayers } from '../../src/ml/blocks';
import { type BenchCase, referenceCases, shippedCases } from './benchCases';
import { type BenchPlan, benchCase, type CaseResult } from './inferenceBench';
import { callOverhead, convParity, type KernelTotals, profileCase } from './profile';
import * as report from './report';
import { describeMachine } from './timing';
import { measure as measureModelA, type Throughput } from './trainingThroughput';

const argv = process.argv.slice(2);
const flags = new Set(argv);
const quick = flags.has('--quick');
const json = flags.has('--json');
const stock = flags.has('--stock-kernels');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const log = (text = '') => (json ? process.stderr : process.stdout).write(`${text}\n`);

type BackendName = 'wasm' | 'cpu' | 'webgl' | 'webgpu';

/** Which tfjs backends work here; initBackend's record of each failure for the others. */
async function probeBackends(): Promise<Record<BackendName, string>> {
  const status = {} as Record<BackendName, string>;
  for (const name of ['webgpu', 'webgl', 'cpu', 'wasm'] as const) {
    if (stock && (name === 'webgpu' || name === 'webgl')) {
      status[name] = 'not tried (--stock-kernels)';
      continue;
    }
    try {
      const info: BackendInfo = stock ? await setStock(name) : await initBackend(name, { attemptTimeoutMs: 10_000 });
      status[name] =
        info.name === name
          ? `available: ${info.adapterDescription}`
          : `unavailable: ${info.tried.find((t) => t.name === name)?.error ?? 'not tried'}`;
    } catch (error) {
      status[name] = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return status;
}

/** Stock tfjs wasm (no src/ml/kernels), SIMD, one thread, as initBackend sets it up otherwise. */
async function setStock(name: BackendName): Promise<BackendInfo> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  return {
    name: name as BackendInfo['name'],
    requested: name,
    adapterDescription: 'stock kernels',
    isFallbackAdapter: false,
    tried: [{ name: name as BackendInfo['name'] }],
  };
}

async function setBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
}

async function main(): Promise<void> {
  const started = new Date();
  const machine = describeMachine(ort.env.versions.web ?? 'unknown');
  log(`# npm run bench ${argv.join(' ')}`.trim());
  log(`date: ${started.toISOString()}`);
  log(report.machineLines(machine));
  registerBlockLayers();
  const backends = await probeBackends();
  for (const [name, status] of Object.entries(backends)) log(`tfjs ${name}: ${status}`);
  const timed: ('wasm' | 'cpu')[] = flags.has('--no-cpu') ? ['wasm'] : ['wasm', 'cpu'];
  const plan: BenchPlan = {
    backends: timed.filter((b) => backends[b].startsWith('available')),
    batches: [1, 32],
    runs: (batch, backend) =>
      backend === 'cpu' ? (quick ? 2 : batch === 1 ? 5 : 3) : quick ? (batch === 1 ? 10 : 4) : batch === 1 ? 30 : 10,
    warmMs: quick ? 150 : 500,
    cpuBudgetMs: quick ? 4_000 : 12_000,
    setBackend,
  };
  log(
    `runs: median of ${plan.runs(1, 'wasm')} (B=1) / ${plan.runs(32, 'wasm')} (B=32) timed calls after warm-up on wasm and onnxruntime, ` +
      `${plan.runs(1, 'cpu')} / ${plan.runs(32, 'cpu')} on cpu (B=32 skipped when it would take over ${plan.cpuBudgetMs / 1000} s)`,
  );
  const cases: BenchCase[] = [...shippedCases(), ...referenceCases].filter(
    (c) => only === undefined || only.includes(c.name),
  );
  const results: { name: string; description: string; result: CaseResult }[] = [];
  for (const c of cases) {
    const start = performance.now();
    const result = await benchCase(c, plan);
    results.push({ name: c.name, description: c.description, result });
    log(`  ${c.name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
  log('\n## Inference (spectra/s = batch / median wall time per call incl. readback; ours/ORT > 1: tfjs faster)\n');
  log(report.inferenceTable(results, plan.batches));
  log('\n## Models\n');
  log(report.modelsTable(results));
  log('\n## Output checks (same inputs, same weights)\n');
  const checks = results.flatMap((r) => r.result.checks);
  log(report.checksTable(checks));

  let training: Throughput | undefined;
  if (!flags.has('--no-training') && !stock) {
    await setBackend('wasm'); // with src/ml/kernels (initBackend registered them)
    training = await measureModelA(quick ? 3 : 5);
    log('\n## Training (model A, L=2048, batch 32, wasm; target training/inference ≥ 1/4)\n');
    log(report.trainingTable(training, 32));
  }

  let profile:
    | {
        kernels: KernelTotals[];
        conv: Awaited<ReturnType<typeof convParity>>;
        overhead: Awaited<ReturnType<typeof callOverhead>>;
      }
    | undefined;
  if (flags.has('--profile')) {
    await setBackend('wasm');
    const kernels: KernelTotals[] = [];
    for (const c of cases) kernels.push(...(await profileCase(c, 32)), ...(await profileCase(c, 1)));
    const conv = await convParity([1, 32], quick ? 5 : 15);
    const overhead = await callOverhead();
    profile = { kernels, conv, overhead };
    log('\n## Profile: tfjs wasm kernels per call (tf.profile)\n');
    log(report.kernelTable(kernels));
    log('\n## Profile: one conv layer alone, tfjs wasm vs onnxruntime-web (median ms per call)\n');
    log(report.convTable(conv));
    log(`\n${report.overheadLine(overhead)}`);
  }
  const seconds = (Date.now() - started.getTime()) / 1000;
  log(`\ntotal ${seconds.toFixed(0)} s`);
  if (json) {
    const document = {
      date: started.toISOString(),
      argv,
      machine,
      backends,
      plan: { batches: plan.batches, backends: plan.backends },
      inference: results,
      checks,
      training,
      profile,
      seconds,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
