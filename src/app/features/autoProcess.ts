import type { WorkbenchStore } from '../store/workbenchStore';
import type { EngineClient } from '../workerBridge/engineClient';

/**
 * Re-runs processing when the smoothing settings or the selection change, debounced so that
 * dragging a slider sends one job per pause rather than one per pixel. Returns an unsubscribe.
 */
export function autoProcess(store: WorkbenchStore, engine: EngineClient, debounceMs = 120): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.smoothing === previous.smoothing && state.selectedIds === previous.selectedIds) return;
    clearTimeout(timer);
    timer = setTimeout(() => void engine.process(), debounceMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
