/**
 * Initialises a tfjs backend in a worker or in Node: probes WebGPU, orders the candidates with
 * {@link chooseBackendOrder} and tries them in turn, recording why each one failed.
 * Importing this module pulls in tfjs and the wasm backend; the webgpu backend is loaded lazily,
 * only when it is about to be tried.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WorkbenchError } from '../../core/errors';
import { registerWasmTrainingKernels } from '../kernels';
import { registerKernelFixes } from '../kernels/resizeNearestNeighborGradCpu';
import { type BackendName, type BackendPreference, type BackendProbe, chooseBackendOrder } from './chooseBackend';

/** The backend in use, and how it was chosen. Plain data: it can cross a worker boundary. */
export interface BackendInfo {
  readonly name: BackendName;
  readonly requested: BackendPreference;
  /** What runs the maths, e.g. `google swiftshader (fallback adapter)` or `WebAssembly SIMD, 1 thread`. */
  readonly adapterDescription: string;
  /** True when the backend is WebGPU on a software (fallback) adapter: correct but slow. */
  readonly isFallbackAdapter: boolean;
  /** Every backend tried, in order; all but the last carry the error that ruled them out. */
  readonly tried: readonly { readonly name: BackendName; readonly error?: string }[];
}

export interface InitBackendOptions {
  /**
   * Where the wasm binaries are served: a directory prefix, or a map from the three binary names
   * to URLs (see `wasmPaths.ts`). Needed in a bundled worker, where the default lookup is relative
   * to the worker script and 404s (browser-notes.md §2.2). Not needed in Node.
   */
  readonly wasmPaths?: Record<string, string> | string;
  /** Longest wait for one backend's initialisation, in ms (default 20 000). */
  readonly attemptTimeoutMs?: number;
}

/** Default {@link InitBackendOptions.attemptTimeoutMs}. */
export const defaultAttemptTimeoutMs = 20_000;

/** The part of the WebGPU API read here, typed loosely so that no `@webgpu/types` are needed. */
interface LooseGpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
interface LooseGpuAdapter {
  readonly info?: LooseGpuAdapterInfo;
  /** Deprecated in favour of `info.isFallbackAdapter`, still the only one in older browsers. */
  readonly isFallbackAdapter?: boolean;
}
interface LooseGpu {
  requestAdapter(options?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<LooseGpuAdapter | null>;
}

interface WebGpuProbe {
  readonly webgpu: BackendProbe['webgpu'];
  /** Why WebGPU cannot be used, when it cannot. */
  readonly problem?: string;
}

/** Text of an error or rejection value (tfjs rejects with plain `{message}` objects too). */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

class AttemptTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `vendor architecture device description`, blanks and repeats dropped. */
function describeAdapter(info: LooseGpuAdapterInfo | undefined, isFallbackAdapter: boolean): string {
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description]
    .map((part) => part?.trim() ?? '')
    .filter((part, index, all) => part !== '' && all.indexOf(part) === index);
  const name = parts.length > 0 ? parts.join(' ') : 'unknown WebGPU adapter';
  return isFallbackAdapter ? `${name} (fallback adapter)` : name;
}

async function probeWebGpu(timeoutMs: number): Promise<WebGpuProbe> {
  // globalThis.navigator does not exist in Node 20, and has no `gpu` in Node 21+.
  const navigator = (globalThis as { navigator?: { gpu?: LooseGpu } }).navigator;
  const gpu = navigator?.gpu;
  if (gpu === undefined) return { webgpu: null, problem: 'WebGPU is not available here (no navigator.gpu)' };
  try {
    // The same power preference as tfjs's own request, so that we describe the adapter it will get.
    const adapter = await withTimeout(
      gpu.requestAdapter({ powerPreference: 'high-performance' }),
      timeoutMs,
      'navigator.gpu.requestAdapter()',
    );
    if (adapter === null) {
      return {
        webgpu: { available: false, isFallbackAdapter: false, description: '' },
        // Headless Chromium without --enable-unsafe-webgpu does this (browser-notes.md §0).
        problem: 'navigator.gpu.requestAdapter() returned null (WebGPU disabled or no usable adapter)',
      };
    }
    // SwiftShader is software whatever the flag says; treat it as a fallback adapter even in a
    // browser that does not set isFallbackAdapter.
    const isFallbackAdapter =
      adapter.info?.isFallbackAdapter === true ||
      adapter.isFallbackAdapter === true ||
      adapter.info?.architecture === 'swiftshader';
    return {
      webgpu: { available: true, isFallbackAdapter, description: describeAdapter(adapter.info, isFallbackAdapter) },
    };
  } catch (error) {
    return {
      webgpu: { available: false, isFallbackAdapter: false, description: '' },
      problem: `navigator.gpu.requestAdapter() failed: ${describeError(error)}`,
    };
  }
}

/**
 * Runs `tf.setBackend(name)` with a timeout. tfjs swallows initialisation errors: it logs them
 * with console.warn and resolves `false`. The warnings are collected meanwhile (and still
 * printed) so that the reason ends up in {@link BackendInfo.tried}.
 */
async function setBackendOrThrow(name: BackendName, timeoutMs: number): Promise<void> {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((arg) => describeError(arg)).join(' '));
    originalWarn.apply(console, args);
  };
  try {
    const succeeded = await withTimeout(tf.setBackend(name), timeoutMs, `tf.setBackend('${name}')`);
    if (!succeeded) {
      const reason = warnings.join(': ').split('\n')[0] ?? '';
      throw new Error(reason === '' ? `tf.setBackend('${name}') resolved false` : reason.slice(0, 500));
    }
    await withTimeout(tf.ready(), timeoutMs, 'tf.ready()');
  } catch (error) {
    if (error instanceof AttemptTimeout && tf.findBackendFactory(name) != null) {
      // The engine keeps waiting for a hung initialisation: tf.ready() and every later backend
      // would hang behind it. Removing the backend is the public way to drop that promise; the
      // backend stays unavailable for the rest of the session.
      tf.removeBackend(name);
      throw new Error(`${error.message}; ${name} disabled for this session`);
    }
    throw error;
  } finally {
    console.warn = originalWarn;
  }
}

/** Backend-specific preparation that must happen before `tf.setBackend(name)`. */
async function prepare(name: BackendName, webGpu: WebGpuProbe, options: InitBackendOptions): Promise<void> {
  // Corrections of tfjs kernels that compute wrong results (e.g. cpu's ResizeNearestNeighborGrad).
  registerKernelFixes();
  switch (name) {
    case 'webgpu':
      if (webGpu.problem !== undefined) throw new Error(webGpu.problem);
      // Lazy: the webgpu backend is large and useless without an adapter. Importing it registers
      // the backend (tfjs checks only that navigator.gpu exists).
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'wasm':
      // No pthreads. A minified Vite build served with COOP/COEP (which we use, see vite.config.ts)
      // makes the threaded binary's Blob workers throw "e is not defined" and setBackend('wasm')
      // never resolves (browser-notes.md §2.2); and on small CI machines getThreadsCount() stays 1
      // anyway (§2.1). Without this flag tfjs loads the SIMD binary.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // Must come before setBackend('wasm'): tfjs reads the paths when it first initialises wasm.
      if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
      // The missing Conv2DBackpropFilter (tfjs#8474) and faster training kernels (ml/kernels).
      // Registered before setBackend so that tfjs runs the stock kernels' setup as usual.
      registerWasmTrainingKernels();
      return;
    case 'webgl':
    case 'cpu':
      return;
    default: {
      const exhaustive: never = name;
      throw new Error(`unknown backend ${String(exhaustive)}`);
    }
  }
}

async function describeBackend(name: BackendName, webGpu: WebGpuProbe): Promise<string> {
  switch (name) {
    case 'webgpu':
      return webGpu.webgpu?.description ?? 'WebGPU';
    case 'wasm': {
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
      const threads = getThreadsCount();
      return `WebAssembly ${simd ? 'SIMD' : 'without SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
    }
    case 'webgl':
      return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
    case 'cpu':
      return 'JavaScript (tfjs cpu backend, no acceleration)';
    default: {
      const exhaustive: never = name;
      return String(exhaustive);
    }
  }
}

async function initBackendNow(preference: BackendPreference, options: InitBackendOptions): Promise<BackendInfo> {
  const timeoutMs = options.attemptTimeoutMs ?? defaultAttemptTimeoutMs;
  const webGpu = await probeWebGpu(timeoutMs);
  const probe: BackendProbe = {
    webgpu: webGpu.webgpu,
    wasm: typeof WebAssembly === 'object',
    // tfjs registers webgl only where it may work (browsers and workers, not Node).
    webgl: tf.findBackendFactory('webgl') != null,
  };
  const tried: { name: BackendName; error?: string }[] = [];
  for (const name of chooseBackendOrder(probe, preference)) {
    try {
      await prepare(name, webGpu, options);
      await setBackendOrThrow(name, timeoutMs);
      tried.push({ name });
      return {
        name,
        requested: preference,
        adapterDescription: await describeBackend(name, webGpu),
        isFallbackAdapter: name === 'webgpu' && webGpu.webgpu?.isFallbackAdapter === true,
        tried,
      };
    } catch (error) {
      tried.push({ name, error: describeError(error) });
    }
  }
  const summary = tried.map((attempt) => `${attempt.name}: ${attempt.error ?? 'unknown error'}`).join('; ');
  throw new WorkbenchError('BACKEND_UNAVAILABLE', `No compute backend could be initialised (${summary})`);
}

/** Calls are serialised: two initialisations interleaved would race on tfjs's global engine. */
let pending: Promise<unknown> = Promise.resolve();

/**
 * Makes the best available backend (or the preferred one, falling back in auto order) the
 * global tfjs backend. Call it once at worker or process start, and again to switch.
 *
 * @throws WorkbenchError `BACKEND_UNAVAILABLE` when no backend initialises (even cpu).
 */
export function initBackend(preference: BackendPreference, options: InitBackendOptions = {}): Promise<BackendInfo> {
  const result = pending.then(() => initBackendNow(preference, options));
  pending = result.catch(() => undefined);
  return result;
}
