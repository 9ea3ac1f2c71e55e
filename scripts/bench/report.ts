/** Markdown tables of `npm run bench` (pasted as is into BENCHMARKS.md). */
import type { CaseResult, InferenceRow, OutputCheck, Runtime } from './inferenceBench';
import type { CallOverhead, ConvParity, KernelTotals } from './profile';
import type { Machine } from './timing';
import type { Throughput } from './trainingThroughput';

const runtimeLabels: Record<Runtime, string> = {
  'ort-wasm': 'onnxruntime-web wasm, 1 thread',
  'tfjs-wasm-predict': 'tfjs wasm, model.predict',
  'tfjs-wasm-compiled': 'tfjs wasm, compileForInference',
  'tfjs-cpu-predict': 'tfjs cpu, model.predict',
  'tfjs-cpu-compiled': 'tfjs cpu, compileForInference',
};

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

/** 3 significant digits, no exponent below 1e6. */
function speed(value: number): string {
  if (value >= 100) return fixed(value, 0);
  if (value >= 10) return fixed(value, 1);
  return fixed(value, 2);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function cell(row: InferenceRow | undefined): [string, string] {
  if (row === undefined) return ['', ''];
  if (row.skipped !== undefined) return [row.skipped, ''];
  const ms = row.timing?.medianMs ?? Number.NaN;
  const ratio = row.ratioToOrt === undefined ? '—' : fixed(row.ratioToOrt, 2);
  return [`${speed(row.spectraPerSecond ?? Number.NaN)} (${fixed(ms, ms < 10 ? 2 : 1)} ms)`, ratio];
}

/** One row per model × runtime: spectra/s (median ms per batch) and ours/ORT at each batch size. */
export function inferenceTable(
  results: readonly { name: string; result: CaseResult }[],
  batches: readonly number[],
): string {
  const header = ['model', 'runtime', ...batches.flatMap((b) => [`B=${b} spectra/s (ms/batch)`, `ours/ORT B=${b}`])];
  const rows: string[][] = [];
  for (const { name, result } of results) {
    const runtimes = [...new Set(result.rows.map((r) => r.runtime))];
    for (const runtime of runtimes) {
      const cells = batches.flatMap((batch) =>
        cell(result.rows.find((r) => r.runtime === runtime && r.batch === batch)),
      );
      rows.push([runtime === runtimes[0] ? name : '', runtimeLabels[runtime], ...cells]);
    }
  }
  return table(header, rows);
}

export function modelsTable(results: readonly { name: string; description: string; result: CaseResult }[]): string {
  return table(
    ['model', 'parameters', 'compiled plan', 'what'],
    results.map(({ name, description, result }) => [
      name,
      result.parameters.toLocaleString('en'),
      `${result.compiledSteps.length} steps, ${result.foldedLayers} layers folded`,
      description,
    ]),
  );
}

export function checksTable(checks: readonly OutputCheck[]): string {
  return table(
    ['model', 'outputs compared', 'batch', 'max abs diff', 'max abs value'],
    checks.map((c) => [c.model, c.what, String(c.batch), c.maxAbsDiff.toExponential(1), fixed(c.maxAbs, 3)]),
  );
}

export function trainingTable(t: Throughput, batch: number): string {
  const perSecond = (ms: number) => (batch * 1000) / ms;
  return table(
    [
      'network',
      'inference samples/s (predict, B=32)',
      'training samples/s (trainOnBatch, B=32)',
      'training / inference',
    ],
    [
      [
        'model A (BN), tfjs wasm + ml/kernels',
        `${speed(perSecond(t.predictMs))} (${fixed(t.predictMs)} ms)`,
        `${speed(perSecond(t.trainMs))} (${fixed(t.trainMs)} ms)`,
        `${fixed(t.predictMs / t.trainMs, 3)} = 1/${fixed(t.trainMs / t.predictMs, 2)} (best-of: 1/${fixed(t.bestTrainMs / t.bestPredictMs, 2)})`,
      ],
    ],
  );
}

export function kernelTable(totals: readonly KernelTotals[], top = 8): string {
  const rows = totals.map((t) => [
    t.model,
    `${t.variant} B=${t.batch}`,
    fixed(t.wallMs),
    fixed(t.kernels.reduce((sum, [, , ms]) => sum + ms, 0)),
    t.kernels
      .slice(0, top)
      .map(([name, calls, ms]) => `${name} ×${calls} ${fixed(ms)}`)
      .join(', '),
  ]);
  return table(['model', 'call', 'wall ms', 'kernel ms', 'largest kernels (calls, ms), per call, mean of 5'], rows);
}

export function convTable(rows: readonly ConvParity[]): string {
  return table(
    ['layer (+ relu)', 'batch', 'tfjs wasm ms', 'onnxruntime ms', 'ours/ORT'],
    rows.map((r) => [r.layer, String(r.batch), fixed(r.tfjsMs, 3), fixed(r.ortMs, 3), fixed(r.ortMs / r.tfjsMs, 2)]),
  );
}

export function overheadLine(o: CallOverhead): string {
  return `fixed costs: one small tfjs wasm kernel call ${fixed(o.tfjsKernelUs)} µs; one onnxruntime-web run of a one-node model ${fixed(o.ortRunUs)} µs`;
}

export function machineLines(m: Machine): string {
  return [
    `machine: ${m.cpu}, ${m.logicalCores} logical cores, ${m.memoryGiB} GiB; ${m.os}`,
    `software: Node ${m.node}, tfjs ${m.tfjs}, onnxruntime-web ${m.onnxruntimeWeb}; load average at start ${m.loadAverage} (shared machine: medians)`,
  ].join('\n');
}
