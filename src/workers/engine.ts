import { toErrorInfo, WorkbenchError } from '../core/errors';
import { attempt, err, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import { companionOnlyFiles } from '../formats/companionFiles';
import type { ParsedFile } from '../formats/parseFile';
import type { BackendName, BackendPreference } from '../ml/backend/chooseBackend';
import type { BackendInfo } from '../ml/backend/initBackend';
import type { ModelSource } from '../ml/registry/modelRegistry';
import type { PipelineDocument } from '../pipeline/pipelineDocument';
import type { PipelineOutput } from '../pipeline/runPipeline';
import type { StepDescription } from '../pipeline/stepDefinition';
import { createEmissionMethods } from './emissionMethods';
import { createGammaMethods } from './gammaMethods';
import { createModelMethods } from './modelMethods';
import { createMrsMethods } from './mrsMethods';

/** Progress sink passed from the app through a Comlink proxy: fraction 0..1 and a label. */
export type ProgressCallback = (fraction: number, label: string) => void;

/** A file to parse: a browser `File`, or anything with a name and bytes (Node tests). */
export interface FileLike {
  readonly name: string;
  /** Size in bytes, when known before reading (a browser `File`): too-large files are refused unread. */
  readonly size?: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** One backend's result in the self-test: the tiny conv net's output and its difference to the reference. */
/** What the user gave for files that could not be read without it (see `ErrorInfo.needs`). */
export interface UserParseOptions {
  /** Dwell time and spectrometer frequency of a time-domain MRS file that does not state them. */
  readonly mrsAcquisition?: { readonly dwellTimeS: number; readonly spectrometerFrequencyMHz: number };
}

export interface BackendCheck {
  readonly backend: BackendName;
  readonly ok: boolean;
  readonly error?: string;
  readonly adapterDescription?: string;
  /** Max |output - reference output| (the first backend that ran is the reference). */
  readonly maxAbsDiff?: number;
  readonly milliseconds?: number;
  readonly output?: Float32Array;
}

/** One architecture on one backend in the architecture check. */
export interface ArchitectureCheck {
  readonly backend: BackendName;
  readonly architecture: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly outputDiff?: number;
  /** max |Δgradient| / max(1, max |reference gradient|). */
  readonly gradientDiff?: number;
}

export interface EngineOptions {
  /** Marks values whose ArrayBuffers should be transferred, not copied (Comlink.transfer in the worker). */
  readonly transfer?: <T>(value: T, buffers: ArrayBuffer[]) => T;
  /** Where the browser finds the tfjs WASM binaries (Vite asset URLs); Node needs none. */
  readonly wasmPaths?: Record<string, string>;
  /** Largest file accepted, bytes. */
  readonly maxFileBytes?: number;
  /** Where the shipped models are (public/models): a fetch source in the worker, files in Node tests. */
  readonly models?: ModelSource;
}

/**
 * The engine: everything the app asks of the worker. Pure TypeScript over the pure layers, so
 * Node tests call it directly; `engine.worker.ts` only exposes it with Comlink.
 */
export function createEngine(options: EngineOptions = {}) {
  const transfer = options.transfer ?? (<T>(value: T) => value);
  const jobs = new Map<string, AbortController>();
  let backend: BackendInfo | null = null;
  /** The backend must be up before a model is built: initialise the automatic choice if nobody did. */
  async function ensureBackend(): Promise<void> {
    if (backend) return;
    const { initBackend } = await import('../ml/backend/initBackend');
    backend = await initBackend('auto', options.wasmPaths ? { wasmPaths: options.wasmPaths } : {});
  }

  const buffersOf = (spectra: readonly Spectrum[]): ArrayBuffer[] => {
    const buffers = new Set<ArrayBuffer>();
    for (const s of spectra) {
      for (const array of [s.x.values, s.y.values, s.y.imaginary]) {
        if (array && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
      }
    }
    return [...buffers];
  };

  /**
   * Registers a cancellable job. Must be called before the handler's first `await`: a cancel
   * message that arrives while a module is still loading would otherwise find no job and be lost.
   */
  const models = createModelMethods({ options, ensureBackend, withJob, transfer });
  const gamma = createGammaMethods({ transfer, predict: models.predict });
  const mrs = createMrsMethods({ transfer, withJob });
  const emission = createEmissionMethods({ withJob });

  async function withJob<T>(jobId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await run(controller.signal);
    } finally {
      jobs.delete(jobId);
    }
  }

  return {
    ping(): 'pong' {
      return 'pong';
    },

    /** Parses files one by one; a bad file gives an error entry and never stops the others. */
    async parseFiles(
      jobId: string,
      files: readonly FileLike[],
      onProgress?: ProgressCallback,
      given: UserParseOptions = {},
    ): Promise<Result<ParsedFile>[]> {
      const results = await withJob(jobId, async (signal) => {
        const { checkFileSize, parseFile } = await import('../formats/parseFile');
        const { registerDomains } = await import('../domains/registerDomains');
        registerDomains();
        // Read every file first: a file may need a companion dropped with it (.sdat + .spar).
        const read: (Result<Uint8Array> | null)[] = [];
        for (const [index, file] of files.entries()) {
          if (signal.aborted) {
            read.push(null);
            continue;
          }
          onProgress?.(index / (2 * files.length), `Reading ${file.name}`);
          read.push(
            await attempt(async () => {
              if (file.size !== undefined) checkFileSize(file.size, file.name, options.maxFileBytes);
              return new Uint8Array(await file.arrayBuffer());
            }, file.name),
          );
        }
        const companions = new Map<string, Uint8Array>();
        files.forEach((file, i) => {
          const bytes = read[i];
          if (bytes?.ok) companions.set(file.name, bytes.value);
        });
        const consumed = companionOnlyFiles(files.map((f) => f.name));
        const out: Result<ParsedFile>[] = [];
        for (const [index, file] of files.entries()) {
          const bytes = read[index];
          if (signal.aborted || bytes === null || bytes === undefined) {
            out.push(err({ code: 'CANCELLED', message: 'loading was cancelled', file: file.name }));
            continue;
          }
          if (consumed.has(file.name)) continue;
          onProgress?.(0.5 + index / (2 * files.length), `Parsing ${file.name}`);
          out.push(
            bytes.ok
              ? await parseFile(bytes.value, file.name, {
                  ...(options.maxFileBytes ? { maxBytes: options.maxFileBytes } : {}),
                  ...(files.length > 1 ? { companions } : {}),
                  ...(given.mrsAcquisition ? { mrsAcquisition: given.mrsAcquisition } : {}),
                })
              : bytes,
          );
        }
        onProgress?.(1, 'done');
        return out;
      });
      const spectra = results.flatMap((r) => (r.ok ? r.value.spectra : []));
      return transfer(results, buffersOf(spectra));
    },

    async listSteps(): Promise<StepDescription[]> {
      const { listSteps } = await import('../pipeline/registry');
      const { registerDomains } = await import('../domains/registerDomains');
      registerDomains();
      return listSteps();
    },

    /** Runs a pipeline over spectra; returns per-spectrum outputs or a typed error. */
    async runPipeline(
      jobId: string,
      spectra: readonly Spectrum[],
      document: PipelineDocument,
      onProgress?: ProgressCallback,
    ): Promise<Result<PipelineOutput[]>> {
      const result = await attempt(() =>
        withJob(jobId, async (signal) => {
          const { runPipeline } = await import('../pipeline/runPipeline');
          const { registerDomains } = await import('../domains/registerDomains');
          registerDomains();
          return runPipeline(spectra, document, onProgress ? { signal, onProgress } : { signal });
        }),
      );
      if (!result.ok) return result;
      // Inputs came from the app (which keeps them); send back only the new arrays.
      const fresh = result.value.flatMap((o) => o.steps);
      return transfer(result, buffersOf(fresh));
    },

    /** Asks a running job to stop at its next check; unknown ids are ignored (the job has ended). */
    cancel(jobId: string): void {
      jobs.get(jobId)?.abort();
    },

    /** Initialises tfjs on the preferred backend (with fallbacks). */
    async initBackend(preference: BackendPreference): Promise<Result<BackendInfo>> {
      const { initBackend } = await import('../ml/backend/initBackend');
      const result = await attempt(() =>
        initBackend(preference, options.wasmPaths ? { wasmPaths: options.wasmPaths } : {}),
      );
      if (result.ok) backend = result.value;
      return result;
    },

    backendInfo(): BackendInfo | null {
      return backend;
    },

    /**
     * Runs the same tiny conv net with the same weights on each backend and compares outputs
     * with the first one that ran: a self-test of the compute backends. Restores the backend.
     */
    async checkBackends(backends: readonly BackendName[], length = 256, batch = 2): Promise<BackendCheck[]> {
      const { initBackend } = await import('../ml/backend/initBackend');
      const { runTinyConvNet, tinyConvNetInput } = await import('../ml/tinyConvNet');
      const input = tinyConvNetInput(length, batch);
      const checks: BackendCheck[] = [];
      let reference: Float32Array | null = null;
      const wasm = options.wasmPaths ? { wasmPaths: options.wasmPaths } : {};
      for (const name of backends) {
        try {
          const info = await initBackend(name, wasm);
          if (info.name !== name) throw new WorkbenchError('BACKEND_UNAVAILABLE', `${name} is not available here`);
          const started = performance.now();
          const output = await runTinyConvNet(input, length, batch);
          const milliseconds = performance.now() - started;
          let maxAbsDiff = 0;
          if (reference === null) reference = output;
          else
            for (let i = 0; i < output.length; i++)
              maxAbsDiff = Math.max(maxAbsDiff, Math.abs((output[i] as number) - (reference[i] as number)));
          checks.push({
            backend: name,
            ok: true,
            adapterDescription: info.adapterDescription,
            maxAbsDiff,
            milliseconds,
            output,
          });
        } catch (error) {
          checks.push({ backend: name, ok: false, error: toErrorInfo(error).message });
        }
      }
      if (backend) await initBackend(backend.requested, wasm).catch(() => undefined);
      return checks;
    },

    ...models,
    ...gamma,
    ...mrs,
    ...emission,
    /**
     * Every block architecture forward and backward (loss gradients) on each backend, compared
     * with the first backend: max |Δ| of outputs and of gradients relative to their scale.
     */
    async checkArchitectures(backends: readonly BackendName[]): Promise<ArchitectureCheck[]> {
      const { initBackend } = await import('../ml/backend/initBackend');
      const { probeArchitectures } = await import('../ml/blocks/architectureProbe');
      const wasm = options.wasmPaths ? { wasmPaths: options.wasmPaths } : {};
      const checks: ArchitectureCheck[] = [];
      let reference: Awaited<ReturnType<typeof probeArchitectures>> | null = null;
      for (const name of backends) {
        try {
          const info = await initBackend(name, wasm);
          if (info.name !== name) throw new WorkbenchError('BACKEND_UNAVAILABLE', `${name} is not available here`);
          const probes = await probeArchitectures();
          reference ??= probes;
          for (const [i, probe] of probes.entries()) {
            const ref = reference[i];
            if (!ref) continue;
            const diff = (a: Float32Array, b: Float32Array) =>
              a.reduce((m, v, k) => Math.max(m, Math.abs(v - (b[k] as number))), 0);
            const scale = Math.max(1, ...Array.from(ref.gradients, Math.abs));
            checks.push({
              backend: name,
              architecture: probe.name,
              ok: true,
              outputDiff: diff(probe.output, ref.output),
              gradientDiff: diff(probe.gradients, ref.gradients) / scale,
            });
          }
        } catch (error) {
          checks.push({ backend: name, architecture: '*', ok: false, error: toErrorInfo(error).message });
        }
      }
      if (backend) await initBackend(backend.requested, wasm).catch(() => undefined);
      return checks;
    },

    /** Test hook: throws outside any call, as a crash would, so the app's recovery can be tested. */
    simulateCrash(): void {
      setTimeout(() => {
        throw new Error('simulated engine crash');
      }, 0);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
