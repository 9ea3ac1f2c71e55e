import { toErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { ParsedFile } from '../../formats/parseFile';
import type { BackendName, BackendPreference } from '../../ml/backend/chooseBackend';
import type { SpectrumPrediction } from '../../ml/inference/predictSpectra';
import type { ModelCard } from '../../ml/registry/modelCard';
import { pipelineOf } from '../../pipeline/pipelineDocument';
import type { PipelineOutput } from '../../pipeline/runPipeline';
import type { BackendCheck, UserParseOptions } from '../../workers/engine';
import type { FineTuneSummary } from '../../workers/modelMethods';
import type { WorkbenchStore } from '../store/workbenchStore';
import { EmissionClient } from './emissionClient';
import { EngineBridge } from './engineBridge';
import { GammaClient } from './gammaClient';
import { MrsClient } from './mrsClient';

/**
 * What the UI can ask of the engine, wired to the store: load files, (re)process, choose the
 * compute backend, self-test the backends. Every failure lands in the store as a typed problem.
 */
export class EngineClient {
  readonly bridge: EngineBridge;
  /** Gamma spectroscopy: identification, time-range sums, nuclide library. */
  readonly gamma: GammaClient;
  /** MR spectroscopy: quantification with a basis set. */
  readonly mrs: MrsClient;
  /** Atomic emission: element identification, line markers, calibration with uncertainty. */
  readonly emission: EmissionClient;
  private processing: AbortController | null = null;
  /** Files that failed for want of user input (`ErrorInfo.needs`), kept by name for a retry. */
  private readonly awaitingInput = new Map<string, File>();

  constructor(
    private readonly store: WorkbenchStore,
    createWorker: () => Worker,
  ) {
    this.bridge = new EngineBridge(createWorker, {
      onCrash: (reason) => {
        store
          .getState()
          .setEngineNotice(`The processing engine stopped (${reason}). It was restarted; your data is kept.`);
        store.getState().setJob(null);
      },
      onStart: (_remote, restarts) => {
        store.getState().setEngineStatus(restarts === 0 ? 'starting' : 'restarting', restarts);
        // A fresh worker has no backend yet: initialise the one the user chose, then list the models
        // (a user's own models lived in the old worker: after a crash they must be loaded again).
        queueMicrotask(
          () => void this.initBackend(store.getState().backendPreference).then(() => this.refreshModels()),
        );
      },
    });
    this.gamma = new GammaClient(store, this.bridge);
    this.mrs = new MrsClient(store, this.bridge);
    this.emission = new EmissionClient(store, this.bridge);
  }

  /**
   * Shows a job in the status bar with a cancel button. Progress that arrives after `finish()` is
   * dropped: it travels on the proxy's own channel, so it can overtake the call's result.
   */
  private startJob(label: string) {
    const controller = new AbortController();
    const cancel = () => controller.abort();
    let finished = false;
    this.store.getState().setJob({ label, fraction: 0, cancel });
    return {
      signal: controller.signal,
      onProgress: (fraction: number, text: string) => {
        if (!finished) this.store.getState().setJob({ label: text, fraction, cancel });
      },
      finish: () => {
        finished = true;
        this.store.getState().setJob(null);
      },
    };
  }

  /**
   * Reads again a file that failed for want of user input, with what the user gave; false when the
   * file is no longer at hand (it was not dropped in this session).
   */
  async retryFile(name: string, given: UserParseOptions): Promise<boolean> {
    const file = this.awaitingInput.get(name);
    if (file === undefined) return false;
    await this.loadFiles([file], given);
    return true;
  }

  /**
   * Parses files in the worker; good files are added, bad ones reported, none blocks the others.
   * `given`: what the user entered for files that could not be read without it.
   */
  async loadFiles(files: readonly File[], given: UserParseOptions = {}): Promise<void> {
    if (files.length === 0) return;
    const state = () => this.store.getState();
    const job = this.startJob(`Loading ${files.length} file(s)`);
    const loaded: string[] = [];
    try {
      const results = await this.bridge.call<Result<ParsedFile>[]>(
        (engine, jobId, onProgress) => engine.parseFiles(jobId, files, onProgress, given),
        { signal: job.signal, onProgress: job.onProgress },
      );
      for (const result of results) {
        if (result.ok) {
          const { file, format, domain, spectra } = result.value;
          state().addFile({ file, format, domain, spectrumIds: spectra.map((s) => s.id) }, spectra);
          loaded.push(file);
          this.awaitingInput.delete(file);
        } else {
          const waiting = result.error.needs && files.find((f) => f.name === result.error.file);
          if (waiting) this.awaitingInput.set(waiting.name, waiting);
          state().reportProblem(result.error);
        }
      }
    } catch (error) {
      state().reportProblem(toErrorInfo(error));
    } finally {
      job.finish();
    }
    // Processing follows from the selection change (features/autoProcess); gamma files get one
    // identification of the first selected spectrum (in the worker, so the UI stays responsive).
    this.gamma.afterLoad(loaded);
  }

  /** Runs the smoothing pipeline on the selected spectra (cancelling a run in progress). */
  async process(): Promise<void> {
    this.processing?.abort();
    const state = this.store.getState();
    const { smoothing } = state;
    const inputs = state.selectedIds.map((id) => state.spectra[id]).filter((s) => s !== undefined);
    if (!smoothing.enabled || inputs.length === 0) {
      state.clearProcessed();
      state.setProcessingError(null);
      return;
    }
    const controller = new AbortController();
    this.processing = controller;
    const document = pipelineOf([
      {
        step: 'savitzky-golay',
        version: 1,
        params: { windowLength: smoothing.windowLength, polynomialOrder: smoothing.polynomialOrder },
      },
    ]);
    try {
      const result = await this.bridge.call<Result<PipelineOutput[]>>(
        (engine, jobId) => engine.runPipeline(jobId, inputs, document),
        {
          signal: controller.signal,
        },
      );
      if (controller.signal.aborted) return;
      const store = this.store.getState();
      store.clearProcessed();
      if (result.ok) {
        store.setProcessed(result.value.map((o) => ({ inputId: o.input.id, result: o.result })));
        store.setProcessingError(null);
      } else {
        store.setProcessingError(result.error);
      }
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code !== 'CANCELLED') this.store.getState().setProcessingError(info);
    } finally {
      if (this.processing === controller) this.processing = null;
    }
  }

  /** Switches the compute backend (with fallbacks), and shows what is in use. */
  async initBackend(preference: BackendPreference): Promise<void> {
    const state = this.store.getState();
    state.setBackendPreference(preference);
    try {
      const result = await this.bridge.engine.initBackend(preference);
      if (result.ok) this.store.getState().setBackend(result.value);
      else this.store.getState().setBackend(null, result.error.message);
    } catch (error) {
      this.store.getState().setBackend(null, toErrorInfo(error).message);
    }
    this.store.getState().setEngineStatus('ready');
  }

  /** Runs the backend self-test (same tiny network on each backend, outputs compared). */
  async checkBackends(backends: readonly BackendName[]): Promise<void> {
    this.store.getState().setBackendChecks(null);
    const checks = await this.bridge.call<BackendCheck[]>((engine) => engine.checkBackends(backends));
    this.store.getState().setBackendChecks(checks);
  }

  /** Reads the model list (shipped cards + the user's models) into the store. */
  async refreshModels(): Promise<void> {
    try {
      const result = await this.bridge.engine.listModels();
      if (result.ok) this.store.getState().setModels(result.value);
      else this.store.getState().setModels([], result.error);
    } catch (error) {
      this.store.getState().setModels([], toErrorInfo(error));
    }
  }

  /** Loads a user's model from dropped/picked files (model.json + .bin shards, optional card.json). */
  async loadUserModel(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const result = await this.bridge.call<Result<ModelCard>>((engine) => engine.loadUserModel(files));
    if (!result.ok) {
      this.store.getState().reportProblem(result.error);
      return;
    }
    await this.refreshModels();
    this.store.getState().setActiveModel(result.value.id);
  }

  /** Runs the active model on the selected spectra, with Monte-Carlo uncertainty. */
  async predict(): Promise<void> {
    const state = this.store.getState();
    const modelId = state.activeModelId;
    const spectra = state.selectedIds.map((id) => state.spectra[id]).filter((s) => s !== undefined);
    if (!modelId || spectra.length === 0) return;
    const job = this.startJob(`Predicting with ${modelId}`);
    try {
      const result = await this.bridge.call<Result<Result<SpectrumPrediction>[]>>(
        (engine, jobId, onProgress) => engine.predict(jobId, modelId, spectra, state.passes, onProgress),
        { signal: job.signal, onProgress: job.onProgress },
      );
      if (result.ok)
        this.store
          .getState()
          .setLastRun({ modelId, passes: state.passes, spectrumIds: spectra.map((s) => s.id), results: result.value });
      else if (result.error.code !== 'CANCELLED') this.store.getState().reportProblem(result.error);
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
    } finally {
      job.finish();
    }
  }

  /** Fine-tunes the active classifier or regressor on the spectra the user labelled; the tuned copy becomes active. */
  async fineTune(): Promise<void> {
    const state = this.store.getState();
    const modelId = state.activeModelId;
    const examples = Object.entries(state.labels)
      .map(([id, label]) => ({ spectrum: state.spectra[id], target: [...label] }))
      .filter((e): e is { spectrum: Spectrum; target: number[] } => e.spectrum !== undefined);
    if (!modelId) return;
    const job = this.startJob('Fine-tuning');
    try {
      const result = await this.bridge.call<Result<FineTuneSummary>>(
        (engine, jobId, onProgress) => engine.fineTune(jobId, modelId, examples, {}, onProgress),
        { signal: job.signal, onProgress: job.onProgress },
      );
      if (!result.ok) {
        if (result.error.code !== 'CANCELLED') this.store.getState().reportProblem(result.error);
        return;
      }
      const { card, before, after, trainCount, holdoutCount } = result.value;
      const fmt = (m: { name: string; value: number }[]) => m.map((v) => `${v.name} ${v.value.toFixed(3)}`).join(', ');
      this.store
        .getState()
        .setFineTuneReport(
          `${card.name}: trained on ${trainCount}, measured on ${holdoutCount} held-out labelled spectra — before: ${fmt(before)}; after: ${fmt(after)}.`,
        );
      await this.refreshModels();
      this.store.getState().setActiveModel(card.id);
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
    } finally {
      job.finish();
    }
  }

  /** Trains a shipped model's recipe again in this browser; the result becomes the active model. */
  async trainRecipe(recipeId: string, sizeFactor: number): Promise<void> {
    const job = this.startJob(`Training ${recipeId}`);
    try {
      const result = await this.bridge.call<Result<ModelCard>>(
        (engine, jobId, onProgress) => engine.trainRecipe(jobId, recipeId, { sizeFactor }, onProgress),
        { signal: job.signal, onProgress: job.onProgress },
      );
      if (!result.ok) {
        if (result.error.code !== 'CANCELLED') this.store.getState().reportProblem(result.error);
        return;
      }
      await this.refreshModels();
      this.store.getState().setActiveModel(result.value.id);
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
    } finally {
      job.finish();
    }
  }

  /** Exports a model (zip of its TensorFlow.js files and card, or ONNX) and hands the bytes to the browser. */
  async exportModel(modelId: string, kind: 'zip' | 'onnx'): Promise<{ name: string; bytes: Uint8Array } | null> {
    const result = await this.bridge.call<Result<Uint8Array>>((engine) =>
      kind === 'zip' ? engine.exportModelZip(modelId) : engine.exportOnnx(modelId),
    );
    if (!result.ok) {
      this.store.getState().reportProblem(result.error);
      return null;
    }
    return { name: `${modelId}.${kind}`, bytes: result.value };
  }

  /** Test hook: makes the worker crash, to exercise recovery. */
  /**
   * The frequency-domain view of an MRS FID (FFT, automatic phase, referencing, in the worker),
   * added under its file and selected; drawn on a reversed ppm axis.
   */
  async showMrsSpectrum(spectrumId: string): Promise<void> {
    const spectrum = this.store.getState().spectra[spectrumId];
    if (!spectrum) return;
    const job = this.startJob(`Spectrum of ${spectrum.name}`);
    try {
      const result = await this.bridge.call<Result<Spectrum>>((engine) => engine.mrsSpectrumView(spectrum), {
        signal: job.signal,
      });
      if (result.ok) this.store.getState().addDerivedSpectrum(spectrum.file, result.value);
      else this.store.getState().reportProblem(result.error);
    } catch (error) {
      const info = toErrorInfo(error, spectrum.file);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
    } finally {
      job.finish();
    }
  }

  simulateCrash(): void {
    void this.bridge.engine.simulateCrash();
  }
}
