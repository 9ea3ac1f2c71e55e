/** Timing helpers and the machine description of `npm run bench`. */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';

export interface Timing {
  /** Median wall time of one call, ms. */
  readonly medianMs: number;
  /** Fastest call, ms (the steadier figure on a shared machine). */
  readonly bestMs: number;
  readonly runs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Runs `run` untimed at least `warmups` times and for at least `warmMs` (so that fast calls get
 * past the JIT's tiers), then `runs` times timed (wall clock, awaited).
 */
export async function time(run: () => Promise<void>, runs: number, warmups: number, warmMs = 0): Promise<Timing> {
  const warmStart = performance.now();
  for (let i = 0; i < warmups || performance.now() - warmStart < warmMs; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { medianMs: median(times), bestMs: Math.min(...times), runs };
}

/**
 * Times several calls fairly on a busy machine: each is warmed up (as in {@link time}), then the
 * timed runs go in `rounds` rounds, each round running every call's share in turn (after one
 * untimed call that refills the caches the others used), so that a burst of load from other jobs
 * hits all of them alike. Returns the timings in `calls` order.
 */
export async function timeInterleaved(
  calls: readonly (() => Promise<void>)[],
  runs: number,
  warmups: number,
  warmMs: number,
  rounds = 3,
): Promise<Timing[]> {
  for (const run of calls) await time(run, 0, warmups, warmMs);
  const times = calls.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const share = Math.ceil((runs * (round + 1)) / rounds) - Math.ceil((runs * round) / rounds);
    for (const [k, run] of calls.entries()) {
      if (share > 0) await run(); // untimed: caches refilled after the other calls ran
      for (let i = 0; i < share; i++) {
        const start = performance.now();
        await run();
        times[k]?.push(performance.now() - start);
      }
    }
  }
  return times.map((t) => ({ medianMs: median(t), bestMs: Math.min(...t), runs: t.length }));
}

export interface Machine {
  readonly cpu: string;
  readonly logicalCores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly tfjs: string;
  readonly onnxruntimeWeb: string;
  /** 1-minute load average when the run started (other jobs share the machine). */
  readonly loadAverage: number;
}

export function describeMachine(onnxruntimeWebVersion: string): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    logicalCores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    tfjs: tf.version.tfjs,
    onnxruntimeWeb: onnxruntimeWebVersion,
    loadAverage: Number((os.loadavg()[0] ?? 0).toFixed(2)),
  };
}

/** Spectra per second of a batch of `batch` taking `ms`. */
export const perSecond = (batch: number, ms: number): number => (batch * 1000) / ms;

/** Seeded uniform values on [-1, 1) (mulberry32), as Float32Array. */
export function seededInput(size: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (2 * ((t ^ (t >>> 14)) >>> 0)) / 4294967296 - 1;
  }
  return out;
}

/** Largest |a − b| over two equally long arrays (Infinity when the lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}
