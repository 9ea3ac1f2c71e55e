import type { StateCreator } from 'zustand';
import type { BackendPreference } from '../../ml/backend/chooseBackend';
import type { BackendInfo } from '../../ml/backend/initBackend';
import type { BackendCheck } from '../../workers/engine';
import type { WorkbenchState } from './workbenchStore';

export type EngineStatus = 'starting' | 'ready' | 'restarting';

/** A running job, for the progress bar and its cancel button. */
export interface JobState {
  readonly label: string;
  readonly fraction: number;
  readonly cancel: () => void;
}

export interface EngineSlice {
  readonly engineStatus: EngineStatus;
  readonly backend: BackendInfo | null;
  readonly backendPreference: BackendPreference;
  readonly backendError: string | null;
  readonly restarts: number;
  /** A message for the user about the engine (crash and restart), or null. */
  readonly engineNotice: string | null;
  readonly job: JobState | null;
  readonly backendChecks: readonly BackendCheck[] | null;
  setEngineStatus(status: EngineStatus, restarts?: number): void;
  setBackend(backend: BackendInfo | null, error?: string | null): void;
  setBackendPreference(preference: BackendPreference): void;
  setEngineNotice(notice: string | null): void;
  setJob(job: JobState | null): void;
  setBackendChecks(checks: readonly BackendCheck[] | null): void;
}

export const createEngineSlice: StateCreator<WorkbenchState, [], [], EngineSlice> = (set) => ({
  engineStatus: 'starting',
  backend: null,
  backendPreference: 'auto',
  backendError: null,
  restarts: 0,
  engineNotice: null,
  job: null,
  backendChecks: null,
  setEngineStatus: (engineStatus, restarts) =>
    set(restarts === undefined ? { engineStatus } : { engineStatus, restarts }),
  setBackend: (backend, backendError = null) => set({ backend, backendError }),
  setBackendPreference: (backendPreference) => set({ backendPreference }),
  setEngineNotice: (engineNotice) => set({ engineNotice }),
  setJob: (job) => set({ job }),
  setBackendChecks: (backendChecks) => set({ backendChecks }),
});
