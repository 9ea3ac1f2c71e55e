import { toErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { GammaAnalysisOptions } from '../../domains/gamma/analyseGammaSpectrum';
import type { RoiCounts } from '../../domains/gamma/processing/roiCounts';
import { GAMMA_CNN_MODEL_ID, type GammaIdentification } from '../../workers/gammaMethods';
import { backgroundIdFor, isAnalysableGamma } from '../store/gammaSlice';
import type { WorkbenchStore } from '../store/workbenchStore';
import type { EngineBridge } from './engineBridge';

/**
 * The gamma-spectroscopy calls the UI makes (nuclide identification, summing a time range, the
 * nuclide library for line overlays), wired to the store. Everything runs in the engine worker;
 * failures land in the problem list with their typed code.
 */
export class GammaClient {
  /** Latest run per spectrum: an older run that finishes later is ignored. */
  private readonly latest = new Map<string, number>();
  private runCounter = 0;
  private library: Promise<void> | null = null;

  constructor(
    private readonly store: WorkbenchStore,
    private readonly bridge: EngineBridge,
  ) {}

  /** A job in the status bar (its cancel stops the call; the bridge restarts the worker if it does not stop). */
  private startJob(label: string) {
    const controller = new AbortController();
    const job = { label, fraction: 0, cancel: () => controller.abort() };
    this.store.getState().setJob(job);
    return {
      signal: controller.signal,
      finish: () => {
        if (this.store.getState().job === job) this.store.getState().setJob(null);
      },
    };
  }

  /**
   * After files loaded: gamma files switch the plot to a log scale (unless the user chose), and
   * the first selected spectrum is identified once, with its preselected background.
   */
  afterLoad(files: readonly string[]): void {
    const state = this.store.getState();
    const gammaFiles = state.files.filter((f) => f.domain === 'gamma' && files.includes(f.file));
    if (gammaFiles.length === 0) return;
    state.applyGammaLogDefault();
    const first = state.selectedIds[0];
    if (first === undefined || state.gammaRuns[first]?.spectrum === state.spectra[first]) return;
    if (isAnalysableGamma(state.spectra[first])) void this.identify(first);
  }

  /** Peaks and nuclide identification of one spectrum, against its background (chosen or preselected). */
  async identify(spectrumId: string): Promise<void> {
    const state = this.store.getState();
    const spectrum = state.spectra[spectrumId];
    if (!isAnalysableGamma(spectrum)) return;
    const backgroundId = backgroundIdFor(state, spectrumId);
    const background = backgroundId === null ? undefined : state.spectra[backgroundId];
    // The CNN runs beside the classical method when the shipped identifier is available.
    const cnn = state.models.some((m) => m.id === GAMMA_CNN_MODEL_ID);
    const options: GammaAnalysisOptions & { cnn: boolean } = background ? { background, cnn } : { cnn };
    const run = ++this.runCounter;
    this.latest.set(spectrumId, run);
    const base = { spectrum, backgroundId: background ? backgroundId : null };
    state.setGammaRun(spectrumId, { ...base, status: 'running', analysis: null, error: null });
    void this.ensureLibrary();
    const job = this.startJob(`Identifying nuclides in ${spectrum.name}`);
    try {
      const result = await this.bridge.call<Result<GammaIdentification>>(
        (engine, jobId) => engine.identifyGamma(jobId, spectrum, options),
        { signal: job.signal },
      );
      if (this.latest.get(spectrumId) !== run) return;
      if (result.ok) {
        const { classical, cnn: byCnn, agreement } = result.value;
        this.store.getState().setGammaRun(spectrumId, {
          ...base,
          status: 'done',
          analysis: classical,
          error: null,
          ...(byCnn === undefined ? {} : { cnn: byCnn }),
          ...(agreement === undefined ? {} : { agreement }),
        });
      } else {
        this.fail(spectrumId, base, result.error);
      }
    } catch (error) {
      if (this.latest.get(spectrumId) === run) this.fail(spectrumId, base, toErrorInfo(error, spectrum.file));
    } finally {
      job.finish();
    }
  }

  private fail(
    spectrumId: string,
    base: { spectrum: Spectrum; backgroundId: string | null },
    error: ReturnType<typeof toErrorInfo>,
  ): void {
    const state = this.store.getState();
    state.setGammaRun(spectrumId, { ...base, status: 'failed', analysis: null, error });
    if (error.code !== 'CANCELLED') state.reportProblem(error);
  }

  /** Chooses the background of a spectrum (null: none) and identifies again with it. */
  chooseBackground(spectrumId: string, backgroundId: string | null): void {
    this.store.getState().setBackgroundChoice(spectrumId, backgroundId);
    void this.identify(spectrumId);
  }

  /**
   * Sums spectra `ids` of a time series (live and real times add up) in the worker and adds the
   * sum under `file`, selected, then identifies it.
   */
  async sumRange(file: string, ids: readonly string[], name: string): Promise<void> {
    const state = this.store.getState();
    const spectra = ids.map((id) => state.spectra[id]).filter((s) => s !== undefined);
    if (spectra.length === 0) return;
    const job = this.startJob(`Summing ${spectra.length} spectra`);
    try {
      const result = await this.bridge.call<Result<Spectrum>>(
        (engine) => engine.sumGammaSpectra(spectra, { mode: 'time-series', name }),
        { signal: job.signal },
      );
      if (!result.ok) {
        this.store.getState().reportProblem(result.error);
        return;
      }
      this.store.getState().addDerivedSpectrum(file, result.value);
    } catch (error) {
      const info = toErrorInfo(error, file);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
      return;
    } finally {
      job.finish();
    }
    this.store.getState().applyGammaLogDefault();
    const sum = this.store.getState().selectedIds[0];
    if (sum !== undefined) await this.identify(sum);
  }

  /**
   * The background-subtracted spectrum (live-time scaled, σ propagated) of a spectrum and its chosen
   * background, added under the spectrum's file and selected.
   */
  async subtractBackground(spectrumId: string): Promise<void> {
    const state = this.store.getState();
    const spectrum = state.spectra[spectrumId];
    const backgroundId = backgroundIdFor(state, spectrumId);
    const background = backgroundId === null ? undefined : state.spectra[backgroundId];
    if (spectrum === undefined || background === undefined) return;
    const job = this.startJob(`Subtracting the background from ${spectrum.name}`);
    try {
      const result = await this.bridge.call<Result<Spectrum>>(
        (engine) => engine.subtractGammaBackground(spectrum, background),
        { signal: job.signal },
      );
      if (result.ok) this.store.getState().addDerivedSpectrum(spectrum.file, result.value);
      else this.store.getState().reportProblem(result.error);
    } catch (error) {
      const info = toErrorInfo(error, spectrum.file);
      if (info.code !== 'CANCELLED') this.store.getState().reportProblem(info);
    } finally {
      job.finish();
    }
  }

  /** Counts in a region of interest (gross, continuum from side bands, net ± σ, rate); errors go to the problem list. */
  async roi(spectrumId: string, lowKeV: number, highKeV: number): Promise<RoiCounts | null> {
    const spectrum = this.store.getState().spectra[spectrumId];
    if (spectrum === undefined) return null;
    const result = await this.bridge.call<Result<RoiCounts>>((engine) => engine.gammaRoi(spectrum, lowKeV, highKeV));
    if (result.ok) return result.value;
    this.store.getState().reportProblem(result.error);
    return null;
  }

  /** Loads the nuclide library once (for line overlays). */
  ensureLibrary(): Promise<void> {
    this.library ??= this.bridge.engine
      .nuclideLibrary()
      .then((nuclides) => this.store.getState().setNuclideLibrary(nuclides))
      .catch((error: unknown) => {
        this.library = null;
        this.store.getState().reportProblem(toErrorInfo(error));
      });
    return this.library;
  }

  /** Shows or hides a nuclide's library lines on the plot. */
  toggleOverlay(nuclide: string): void {
    void this.ensureLibrary();
    this.store.getState().toggleLineOverlay(nuclide);
  }
}
