import { useWorkbench } from '../store/workbenchStore';

/** Bottom bar: engine state, compute backend with its adapter, and what is loaded. */
export function StatusBar() {
  const status = useWorkbench((s) => s.engineStatus);
  const backend = useWorkbench((s) => s.backend);
  const backendError = useWorkbench((s) => s.backendError);
  const restarts = useWorkbench((s) => s.restarts);
  const count = useWorkbench((s) => s.spectrumOrder.length);
  const job = useWorkbench((s) => s.job);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="engine-status">
        engine: {status}
        {restarts > 0 ? ` (restarted ${restarts}×)` : ''}
      </span>
      <span data-testid="backend-status" data-backend={backend?.name ?? ''}>
        backend:{' '}
        {backend ? (
          <>
            <strong>{backend.name}</strong> — {backend.adapterDescription}
            {backend.requested !== 'auto' && backend.requested !== backend.name
              ? ` (asked for ${backend.requested})`
              : ''}
          </>
        ) : (
          (backendError ?? 'initialising…')
        )}
      </span>
      <span>{count} spectra</span>
      {job && (
        <span className="job" data-testid="job">
          {job.label} <progress max={1} value={job.fraction} />{' '}
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        </span>
      )}
    </footer>
  );
}
