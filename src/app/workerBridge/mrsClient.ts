import { type ErrorInfo, toErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { MrsQuantifyOptions, MrsQuantifyView } from '../../workers/mrsMethods';
import type { MrsTransientView } from '../../workers/mrsTransientView';
import { fileFids } from '../features/mrsTransients';
import type { MrsQuantifyRun } from '../store/mrsSlice';
import type { WorkbenchStore } from '../store/workbenchStore';
import type { EngineBridge } from './engineBridge';

/** What the user picked in the quantify form: files by name, and the settings. */
export interface MrsQuantifyChoice {
  readonly dataFile: string;
  readonly waterFile: string | null;
  readonly basisFiles: readonly string[];
  readonly options: MrsQuantifyOptions;
}

/**
 * The MRS calls the UI makes beyond the spectrum view: quantification with a basis set, and the
 * transient view of one file (before/after alignment), run in the engine worker with progress and
 * cancel in the status bar; the latest run of each (and only the latest) lands in the store, a
 * failure also in the problem list.
 */
export class MrsClient {
  private runCounter = 0;
  private transientCounter = 0;

  constructor(
    private readonly store: WorkbenchStore,
    private readonly bridge: EngineBridge,
  ) {}

  /** The FIDs a file was read into (views made in the app left out). */
  private fidsOf(file: string): Spectrum[] {
    const state = this.store.getState();
    const entry = state.files.find((f) => f.file === file);
    if (!entry) return [];
    return entry.spectrumIds
      .filter((id) => !state.derivedIds.includes(id))
      .map((id) => state.spectra[id])
      .filter((s): s is Spectrum => s !== undefined && s.domain === 'mrs' && s.x.unit === 's');
  }

  /**
   * The transients of `file` before and after alignment (coils combined first), computed in the
   * worker (`mrsTransientView`) and shown in the main column; a failure also goes to the problem list.
   */
  async showTransients(file: string): Promise<void> {
    const state = () => this.store.getState();
    const fids = fileFids(state().files, state().spectra, state().derivedIds, file);
    const run = ++this.transientCounter;
    state().setMrsTransients({ file, status: 'running', result: null, error: null });
    const controller = new AbortController();
    let finished = false;
    const cancel = () => controller.abort();
    state().setJob({ label: `Transients of ${file}`, fraction: 0, cancel });
    const fail = (error: ErrorInfo) => {
      state().setMrsTransients({ file, status: 'failed', result: null, error });
      if (error.code !== 'CANCELLED') state().reportProblem(error);
    };
    try {
      const result = await this.bridge.call<Result<MrsTransientView>>(
        (engine, jobId, onProgress) => engine.mrsTransientView(jobId, fids, {}, onProgress),
        {
          signal: controller.signal,
          onProgress: (fraction, label) => {
            if (!finished) state().setJob({ label, fraction, cancel });
          },
        },
      );
      if (run !== this.transientCounter) return;
      if (result.ok) state().setMrsTransients({ file, status: 'done', result: result.value, error: null });
      else fail(result.error);
    } catch (error) {
      if (run === this.transientCounter) fail(toErrorInfo(error, file));
    } finally {
      finished = true;
      if (state().job?.cancel === cancel) state().setJob(null);
    }
  }

  /** Preprocesses (when needed) and fits the measurement in `choice.dataFile` with the chosen basis and water files. */
  async quantify(choice: MrsQuantifyChoice): Promise<void> {
    const data = this.fidsOf(choice.dataFile);
    const water = choice.waterFile === null ? [] : this.fidsOf(choice.waterFile);
    const basis = choice.basisFiles.flatMap((file) => this.fidsOf(file));
    const run = ++this.runCounter;
    const base = { dataFile: choice.dataFile, waterFile: choice.waterFile, basisFiles: [...choice.basisFiles] };
    const state = () => this.store.getState();
    state().setMrsQuantify({ ...base, status: 'running', result: null, error: null });
    const controller = new AbortController();
    let finished = false;
    const cancel = () => controller.abort();
    state().setJob({ label: `Quantifying ${choice.dataFile}`, fraction: 0, cancel });
    try {
      const result = await this.bridge.call<Result<MrsQuantifyView>>(
        (engine, jobId, onProgress) =>
          engine.quantifyMrs(jobId, { data, water, basis, options: choice.options }, onProgress),
        {
          signal: controller.signal,
          onProgress: (fraction, label) => {
            if (!finished) state().setJob({ label, fraction, cancel });
          },
        },
      );
      if (run !== this.runCounter) return;
      if (result.ok) state().setMrsQuantify({ ...base, status: 'done', result: result.value, error: null });
      else this.fail(base, result.error);
    } catch (error) {
      if (run === this.runCounter) this.fail(base, toErrorInfo(error, choice.dataFile));
    } finally {
      finished = true;
      if (state().job?.cancel === cancel) state().setJob(null);
    }
  }

  private fail(base: Pick<MrsQuantifyRun, 'dataFile' | 'waterFile' | 'basisFiles'>, error: ErrorInfo): void {
    const state = this.store.getState();
    state.setMrsQuantify({ ...base, status: 'failed', result: null, error });
    if (error.code !== 'CANCELLED') state.reportProblem(error);
  }
}
