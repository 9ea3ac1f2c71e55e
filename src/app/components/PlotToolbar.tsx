import { useWorkbench } from '../store/workbenchStore';

/** Display options of the plot (axis scale; the overlays join here as domains add them). */
export function PlotToolbar() {
  const logIntensity = useWorkbench((s) => s.logIntensity);
  const setLogIntensity = useWorkbench((s) => s.setLogIntensity);
  return (
    <div className="plot-toolbar" data-testid="plot-toolbar">
      <label>
        <input
          type="checkbox"
          checked={logIntensity}
          onChange={(e) => setLogIntensity(e.target.checked)}
          data-testid="log-intensity"
        />{' '}
        log scale
      </label>
    </div>
  );
}
