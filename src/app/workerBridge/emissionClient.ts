import { type ErrorInfo, toErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type {
  CalibrationLine,
  ElementLineSet,
  EmissionCalibration,
  EmissionCalibrationOptions,
  EmissionIdentification,
  EmissionIdentifyOptions,
} from '../../workers/emissionMethods';
import { type EmissionStore, emissionStore, isIdentifiableEmission } from '../store/emissionStore';
import type { WorkbenchStore } from '../store/workbenchStore';
import type { EngineBridge } from './engineBridge';

/** What the user picked in the calibration view: spectra by id, their concentrations, the line. */
export interface EmissionCalibrationChoice {
  readonly standards: readonly { readonly id: string; readonly concentration: number }[];
  readonly unknownIds: readonly string[];
  readonly line: CalibrationLine;
  readonly options?: EmissionCalibrationOptions;
}

/**
 * The emission calls the UI makes — element identification, library lines for markers, and the
 * classical calibration — run in the engine worker with a job in the status bar (its cancel
 * stops the call; the bridge restarts a worker that does not stop). Results land in the emission
 * store ({@link EmissionStore}); failures also in the problem list with their typed code. Only
 * the latest run per spectrum (and the latest calibration) is kept.
 */
export class EmissionClient {
  private readonly latest = new Map<string, number>();
  private runCounter = 0;
  private calibrationCounter = 0;
  private elements: Promise<void> | null = null;

  constructor(
    private readonly store: WorkbenchStore,
    private readonly bridge: EngineBridge,
    /** Where emission results go (the app's store unless a test gives its own). */
    readonly state: EmissionStore = emissionStore,
  ) {}

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

  private report(error: ErrorInfo): void {
    if (error.code !== 'CANCELLED') this.store.getState().reportProblem(error);
  }

  /**
   * After files loaded: the first selected spectrum, when it is an emission spectrum in nm, is
   * identified once. Not called by the engine client yet: the demo spectrum is an emission spectrum,
   * and the viewer's end-to-end tests expect it drawn without overlays (see the report); the
   * panel's "Identify elements" runs it on request.
   */
  afterLoad(files: readonly string[]): void {
    const state = this.store.getState();
    if (!state.files.some((f) => f.domain === 'emission' && files.includes(f.file))) return;
    const first = state.selectedIds[0];
    const spectrum = first === undefined ? undefined : state.spectra[first];
    if (first === undefined || !isIdentifiableEmission(spectrum)) return;
    if (this.state.getState().runs[first]?.spectrum === spectrum) return;
    void this.identify(first);
  }

  /** Baseline, peaks and element identification of one spectrum; accepted elements' lines are then drawn. */
  async identify(spectrumId: string, options: EmissionIdentifyOptions = {}): Promise<void> {
    const spectrum = this.store.getState().spectra[spectrumId];
    if (!isIdentifiableEmission(spectrum)) return;
    const run = ++this.runCounter;
    this.latest.set(spectrumId, run);
    const emission = this.state.getState();
    emission.setRun(spectrumId, { spectrum, status: 'running', identification: null, error: null });
    const job = this.startJob(`Identifying elements in ${spectrum.name}`);
    try {
      const result = await this.bridge.call<Result<EmissionIdentification>>(
        (engine, jobId) => engine.identifyEmission(jobId, spectrum, options),
        { signal: job.signal },
      );
      if (this.latest.get(spectrumId) !== run) return;
      if (!result.ok) {
        this.fail(spectrumId, spectrum, result.error);
        return;
      }
      this.state.getState().setRun(spectrumId, {
        spectrum,
        status: 'done',
        identification: result.value,
        error: null,
      });
      const accepted = result.value.result.elements.filter((e) => e.accepted).map((e) => e.element);
      await this.ensureLines(accepted);
      this.state.getState().setMarkers(accepted);
    } catch (error) {
      if (this.latest.get(spectrumId) === run) this.fail(spectrumId, spectrum, toErrorInfo(error, spectrum.file));
    } finally {
      job.finish();
    }
  }

  private fail(spectrumId: string, spectrum: Spectrum, error: ErrorInfo): void {
    this.state.getState().setRun(spectrumId, { spectrum, status: 'failed', identification: null, error });
    this.report(error);
  }

  /** Loads the library lines of elements not loaded yet (for markers). */
  async ensureLines(elements: readonly string[]): Promise<void> {
    const missing = elements.filter((e) => !(e in this.state.getState().lineSets));
    if (missing.length === 0) return;
    try {
      const result = await this.bridge.call<Result<ElementLineSet[]>>((engine) => engine.emissionLines(missing));
      if (result.ok) this.state.getState().addLineSets(result.value);
      else this.report(result.error);
    } catch (error) {
      this.report(toErrorInfo(error));
    }
  }

  /** Loads the library's element list once (for the marker picker). */
  ensureElements(): Promise<void> {
    this.elements ??= this.bridge
      .call<Result<string[]>>((engine) => engine.emissionElements())
      .then((result) => {
        if (result.ok) this.state.getState().setLibraryElements(result.value);
        else this.report(result.error);
      })
      .catch((error: unknown) => {
        this.elements = null;
        this.report(toErrorInfo(error));
      });
    return this.elements;
  }

  /** Shows or hides an element's library lines on the plot. */
  async toggleMarker(element: string): Promise<void> {
    this.state.getState().toggleMarker(element);
    if (this.state.getState().markers.includes(element)) await this.ensureLines([element]);
  }

  /**
   * Calibrates one line from the chosen standards and reads the unknowns back with uncertainty
   * (in the worker). Spectra no longer loaded are left out; errors go to the view and the problem list.
   */
  async calibrate(choice: EmissionCalibrationChoice): Promise<void> {
    const spectra = this.store.getState().spectra;
    const standards = choice.standards.flatMap((s) => {
      const spectrum = spectra[s.id];
      return spectrum ? [{ spectrum, concentration: s.concentration }] : [];
    });
    const unknowns = choice.unknownIds.map((id) => spectra[id]).filter((s): s is Spectrum => s !== undefined);
    const base = {
      standardIds: standards.map((s) => s.spectrum.id),
      unknownIds: unknowns.map((s) => s.id),
    };
    const run = ++this.calibrationCounter;
    this.state.getState().setCalibration({ ...base, status: 'running', result: null, error: null });
    const job = this.startJob(`Calibrating ${choice.line.label ?? `${choice.line.wavelengthNm.toFixed(2)} nm`}`);
    const done = (result: EmissionCalibration | null, error: ErrorInfo | null) => {
      if (run !== this.calibrationCounter) return;
      this.state.getState().setCalibration({ ...base, status: error ? 'failed' : 'done', result, error });
      if (error) this.report(error);
    };
    try {
      const result = await this.bridge.call<Result<EmissionCalibration>>(
        (engine, jobId) => engine.calibrateEmission(jobId, standards, choice.line, unknowns, choice.options ?? {}),
        { signal: job.signal },
      );
      if (result.ok) done(result.value, null);
      else done(null, result.error);
    } catch (error) {
      done(null, toErrorInfo(error));
    } finally {
      job.finish();
    }
  }

  /** Opens or closes the calibration view. */
  showCalibration(open: boolean): void {
    this.state.getState().setCalibrationOpen(open);
  }
}
