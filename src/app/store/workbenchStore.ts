import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createEngineSlice, type EngineSlice } from './engineSlice';
import { createGammaSlice, type GammaSlice } from './gammaSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createMrsSlice, type MrsSlice } from './mrsSlice';
import { createProcessingSlice, type ProcessingSlice } from './processingSlice';
import { createSpectraSlice, type SpectraSlice } from './spectraSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

/** The whole app state: one store made of typed slices (zustand slice pattern). */
export type WorkbenchState = SpectraSlice &
  ProcessingSlice &
  ViewSlice &
  EngineSlice &
  ModelsSlice &
  GammaSlice &
  MrsSlice;

/** A fresh store (tests make their own; the app uses {@link workbenchStore}). */
export function createWorkbenchStore() {
  return createStore<WorkbenchState>()((...a) => ({
    ...createSpectraSlice(...a),
    ...createProcessingSlice(...a),
    ...createViewSlice(...a),
    ...createEngineSlice(...a),
    ...createModelsSlice(...a),
    ...createGammaSlice(...a),
    ...createMrsSlice(...a),
  }));
}

export type WorkbenchStore = ReturnType<typeof createWorkbenchStore>;

export const workbenchStore = createWorkbenchStore();

/** React hook: read a slice of the state with a selector (re-renders only when it changes). */
export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(workbenchStore, selector);
}
