import { WorkbenchError } from '../core/errors';
import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import type { LcmFit } from '../domains/mrs/fitting/fitLcm';
import type { Quantification } from '../domains/mrs/fitting/quantifyLcm';
import type { MrsQuantifyResult } from '../domains/mrs/fitting/quantifyMrs';
import type { PipelineDocument } from '../pipeline/pipelineDocument';
import type { MrsTransientView, MrsTransientViewOptions } from './mrsTransientView';

type ProgressCallback = (fraction: number, label: string) => void;

interface MrsMethodsContext {
  readonly transfer: <T>(value: T, buffers: ArrayBuffer[]) => T;
  /** Registers a cancellable job (the engine's `withJob`). */
  readonly withJob: <T>(jobId: string, run: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

/** Settings of a quantification the user may change (everything else has the CLI's defaults). */
export interface MrsQuantifyOptions {
  /** Echo / repetition time, ms, overriding the files' (needed for water referencing when a file states none). */
  readonly echoTimeMs?: number;
  readonly repetitionTimeMs?: number;
  /** Volume fractions of grey matter, white matter and CSF in the voxel (default 0.6/0.4/0, with a note). */
  readonly tissueFractions?: { readonly gm: number; readonly wm: number; readonly csf: number };
  /**
   * Run the default preprocessing (`examples/pipelines/mrs-svs-preprocess.json`): coil combination,
   * alignment, outlier rejection, averaging, ECC with the water reference, residual-water removal.
   * Left out: run it when the data hold several transients or a water reference is given.
   */
  readonly preprocess?: boolean;
}

/** What the app sends: the spectra the user picked, by role. */
export interface MrsQuantifyRequest {
  /** The measurement: every transient of the water-suppressed acquisition (water frames in it are kept as water). */
  readonly data: readonly Spectrum[];
  /** The unsuppressed water reference's spectra (marked `role: water`); empty for ratios only. */
  readonly water: readonly Spectrum[];
  /** Basis spectra: one per metabolite (a `.BASIS` file's spectra, `.RAW` basis files). */
  readonly basis: readonly Spectrum[];
  readonly options?: MrsQuantifyOptions;
}

/** A quantification as it crosses to the app: the domain result without the prepared basis FIDs. */
export interface MrsQuantifyView {
  readonly fit: LcmFit;
  readonly quantification: Quantification;
  readonly water?: MrsQuantifyResult['water'];
  readonly referenceShiftHz: number;
  readonly notes: readonly string[];
  /** One line per preprocessing step that ran (`label: in → out spectra`); empty when none ran. */
  readonly preprocessing: readonly string[];
  readonly metaboliteName: string;
  readonly waterName?: string;
  /** Echo and repetition time used for water referencing, s (absent: not known). */
  readonly echoTimeS?: number;
  readonly repetitionTimeS?: number;
  readonly timings: {
    readonly preprocessMs: number;
    readonly prepareBasisMs: number;
    readonly fitMs: number;
    readonly totalMs: number;
  };
}

/**
 * The engine's MRS methods.
 * - `mrsSpectrumView`: the frequency-domain view of an FID as a spectroscopist reads it — the
 *   registered pipeline steps `mrs-fft` → `mrs-auto-phase` → `mrs-reference` (auto: NAA/Cr/Cho
 *   pattern; water for a water reference) with their defaults.
 * - `quantifyMrs`: the `spectra quantify` command's work on spectra already loaded — the default
 *   preprocessing pipeline when needed, then referencing, linear-combination fit and, with a water
 *   reference, concentrations in mM (`domains/mrs/fitting/quantifyMrs`).
 * - `mrsTransientView`: the transients of one file before and after alignment, with the shift and
 *   phase found and the outliers rejection would drop (`mrsTransientView.ts`).
 */
export function createMrsMethods({ transfer, withJob }: MrsMethodsContext) {
  return {
    async mrsSpectrumView(spectrum: Spectrum): Promise<Result<Spectrum>> {
      const result = await attempt(async () => {
        const { registerDomains } = await import('../domains/registerDomains');
        const { runPipeline } = await import('../pipeline/runPipeline');
        const { pipelineOf } = await import('../pipeline/pipelineDocument');
        registerDomains();
        const water = spectrum.meta.role === 'water';
        const [output] = await runPipeline(
          [spectrum],
          pipelineOf([
            { step: 'mrs-fft', version: 1, params: {} },
            { step: 'mrs-auto-phase', version: 1, params: {} },
            { step: 'mrs-reference', version: 1, params: { to: water ? 'water' : 'auto' } },
          ]),
        );
        const view = output?.result as Spectrum;
        return { ...view, id: `${spectrum.id}/ppm`, name: `${spectrum.name} (spectrum)` };
      }, spectrum.file);
      if (!result.ok) return result;
      const buffers = [result.value.x.values, result.value.y.values, result.value.y.imaginary]
        .filter((a) => a !== undefined)
        .map((a) => a.buffer)
        .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
      return transfer(result, buffers);
    },

    /**
     * Quantifies a single-voxel measurement with a basis set. Progress: preprocessing up to 80 %,
     * then the fit (not interruptible: a cancel during it ends the job when the fit returns).
     * Errors: `BASIS_MISMATCH` (no or unfit basis), `INVALID_DATA` (no water-suppressed spectrum,
     * several transients with preprocessing off, water referencing without an echo time),
     * `CANCELLED`, and whatever a preprocessing step reports.
     */
    async quantifyMrs(
      jobId: string,
      request: MrsQuantifyRequest,
      onProgress?: ProgressCallback,
    ): Promise<Result<MrsQuantifyView>> {
      const file = request.data[0]?.file;
      const result = await attempt(
        () => withJob(jobId, (signal) => runQuantification(request, signal, onProgress)),
        file,
      );
      if (!result.ok) return result;
      return transfer(result, fitBuffers(result.value.fit));
    },

    /**
     * The transients of one file (its FIDs, coils included) for the app's transient view: each
     * transient's phased real spectrum before and after alignment (float32, ≤ `maxPoints` per
     * transient), the shift and phase found, the outliers. Arrays are transferred. Errors:
     * `INVALID_DATA` (no FID, no repeated transients), `CANCELLED`, and what coil combination or
     * alignment report.
     */
    async mrsTransientView(
      jobId: string,
      spectra: readonly Spectrum[],
      options: MrsTransientViewOptions = {},
      onProgress?: ProgressCallback,
    ): Promise<Result<MrsTransientView>> {
      const result = await attempt(
        () =>
          withJob(jobId, async (signal) => {
            const { mrsTransientView } = await import('./mrsTransientView');
            return mrsTransientView(spectra, options, (fraction, label) => {
              if (signal.aborted) throw new WorkbenchError('CANCELLED', 'the transient view was cancelled');
              onProgress?.(fraction, label);
            });
          }),
        spectra[0]?.file,
      );
      if (!result.ok) return result;
      const buffers = new Set<ArrayBuffer>();
      for (const group of result.value.groups) {
        for (const array of [group.ppm, group.before, group.after, group.meanBefore, group.meanAfter]) {
          if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
        }
        for (const array of [group.shiftsHz, group.phasesDeg]) {
          if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
        }
      }
      return transfer(result, [...buffers]);
    },
  };
}

async function runQuantification(
  request: MrsQuantifyRequest,
  signal: AbortSignal,
  onProgress: ProgressCallback | undefined,
): Promise<MrsQuantifyView> {
  const started = performance.now();
  const { registerDomains } = await import('../domains/registerDomains');
  const { runPipelineGroups } = await import('../pipeline/runPipelineGroups');
  const { quantifyMrs } = await import('../domains/mrs/fitting/quantifyMrs');
  registerDomains();
  const options = request.options ?? {};
  const asWater = (s: Spectrum): Spectrum =>
    s.meta.role === 'water' ? s : { ...s, meta: { ...s.meta, role: 'water' } };
  const inputs = [...request.data, ...request.water.map(asWater)];
  const metabolites = inputs.filter((s) => s.meta.role !== 'water');
  const waters = inputs.filter((s) => s.meta.role === 'water');
  const file = request.data[0]?.file;
  if (metabolites.length === 0) {
    throw new WorkbenchError('INVALID_DATA', 'no water-suppressed MRS spectrum among the data to quantify', {
      ...(file === undefined ? {} : { file }),
    });
  }
  const preprocess = options.preprocess ?? (metabolites.length > 1 || waters.length > 0);
  let ready: readonly Spectrum[] = inputs;
  const preprocessing: string[] = [];
  if (preprocess) {
    onProgress?.(0, 'Preprocessing');
    const outcome = await runPipelineGroups(inputs, await defaultPipeline(waters.length > 0), {
      signal,
      onProgress: (fraction, label) => onProgress?.(0.8 * fraction, label),
    });
    ready = outcome.outputs;
    for (const t of outcome.trace) preprocessing.push(`${t.label}: ${t.inputs} → ${t.outputs}`);
  } else if (metabolites.length > 1 || waters.length > 1) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `the data hold ${metabolites.length + waters.length} transients: turn preprocessing on to combine them`,
      { ...(file === undefined ? {} : { file }) },
    );
  }
  const preprocessMs = performance.now() - started;
  if (signal.aborted) throw new WorkbenchError('CANCELLED', 'the quantification was cancelled');
  const metabolite = ready.find((s) => s.meta.role !== 'water') as Spectrum;
  const water = ready.find((s) => s.meta.role === 'water');
  const left = ready.filter((s) => s.meta.role !== 'water').length;
  onProgress?.(0.85, `Fitting ${metabolite.name}`);
  const result = quantifyMrs(metabolite, request.basis, water, {
    ...(options.echoTimeMs === undefined ? {} : { echoTimeS: options.echoTimeMs / 1000 }),
    ...(options.repetitionTimeMs === undefined ? {} : { repetitionTimeS: options.repetitionTimeMs / 1000 }),
    ...(options.tissueFractions === undefined ? {} : { tissueFractions: options.tissueFractions }),
  });
  onProgress?.(1, 'done');
  const echoTimeS = options.echoTimeMs === undefined ? positive(metabolite.meta.echoTimeS) : options.echoTimeMs / 1000;
  const repetitionTimeS =
    options.repetitionTimeMs === undefined
      ? positive(metabolite.meta.repetitionTimeS)
      : options.repetitionTimeMs / 1000;
  const notes = [...result.notes];
  if (left > 1)
    notes.unshift(`${left} metabolite spectra after preprocessing: the first (${metabolite.name}) was fitted`);
  return {
    fit: result.fit,
    quantification: result.quantification,
    ...(result.water === undefined ? {} : { water: result.water }),
    referenceShiftHz: result.referenceShiftHz,
    notes,
    preprocessing,
    metaboliteName: metabolite.name,
    ...(water === undefined ? {} : { waterName: water.name }),
    ...(echoTimeS === undefined ? {} : { echoTimeS }),
    ...(repetitionTimeS === undefined ? {} : { repetitionTimeS }),
    timings: {
      preprocessMs,
      prepareBasisMs: result.timings.prepareBasisMs,
      fitMs: result.timings.fitMs,
      totalMs: performance.now() - started,
    },
  };
}

/**
 * The default preprocessing, the same JSON file the CLI reads (bundled into the worker); without a
 * water reference ECC passes the data through with a note instead of failing.
 */
async function defaultPipeline(hasWater: boolean): Promise<PipelineDocument> {
  const { validatePipeline } = await import('../pipeline/validatePipeline');
  const json = (await import('../../examples/pipelines/mrs-svs-preprocess.json')).default;
  const document = validatePipeline(structuredClone(json));
  if (hasWater) return document;
  return {
    ...document,
    steps: document.steps.map((s) => (s.step === 'mrs-ecc' ? { ...s, params: { ...s.params, required: false } } : s)),
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Every ArrayBuffer behind the fit's typed arrays (once each: a buffer may be listed only once). */
function fitBuffers(fit: LcmFit): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  };
  for (const value of Object.values(fit)) {
    if (Array.isArray(value)) value.forEach(add);
    else add(value);
  }
  return [...buffers];
}
