import { useEngine } from '../engineContext';
import { NUCLIDE_COLOURS } from '../plot/gammaOverlays';
import { backgroundIdFor, isAnalysableGamma } from '../store/gammaSlice';
import type { ComplexPart } from '../store/mrsSlice';
import { useWorkbench } from '../store/workbenchStore';

/**
 * Display options of the plot: axis scale, and for gamma spectra the scaled background trace and
 * the nuclide line overlays switched on (each with its colour; click to remove).
 */
export function PlotToolbar() {
  const engine = useEngine();
  const overlays = useWorkbench((s) => s.lineOverlays);
  const logIntensity = useWorkbench((s) => s.logIntensity);
  const setLogIntensity = useWorkbench((s) => s.setLogIntensityByUser);
  const showBackground = useWorkbench((s) => s.showBackgroundTrace);
  const setShowBackground = useWorkbench((s) => s.setShowBackgroundTrace);
  const hasBackground = useWorkbench((s) => {
    const id = s.selectedIds[0];
    return id !== undefined && isAnalysableGamma(s.spectra[id]) && backgroundIdFor(s, id) !== null;
  });
  const complexPart = useWorkbench((s) => s.mrsComplexPart);
  const setComplexPart = useWorkbench((s) => s.setMrsComplexPart);
  const hasComplexPpm = useWorkbench((s) =>
    s.selectedIds.some((id) => s.spectra[id]?.x.unit === 'ppm' && s.spectra[id]?.y.imaginary !== undefined),
  );
  return (
    <div className="plot-toolbar" data-testid="plot-toolbar">
      {hasComplexPpm && (
        <label title="part of complex (MRS) spectra drawn">
          <select
            value={complexPart}
            onChange={(e) => setComplexPart(e.target.value as ComplexPart)}
            data-testid="complex-part"
          >
            <option value="real">real</option>
            <option value="imaginary">imaginary</option>
            <option value="magnitude">magnitude</option>
          </select>
        </label>
      )}
      <label>
        <input
          type="checkbox"
          checked={logIntensity}
          onChange={(e) => setLogIntensity(e.target.checked)}
          data-testid="log-intensity"
        />{' '}
        log scale
      </label>
      {hasBackground && (
        <label title="The background spectrum × (live time of the spectrum / live time of the background)">
          <input
            type="checkbox"
            checked={showBackground}
            onChange={(e) => setShowBackground(e.target.checked)}
            data-testid="show-background"
          />{' '}
          scaled background
        </label>
      )}
      {overlays.length > 0 && <span>lines:</span>}
      {overlays.map((nuclide, index) => (
        <button
          key={nuclide}
          type="button"
          className="overlay-chip"
          onClick={() => engine.gamma.toggleOverlay(nuclide)}
          title={`hide the ${nuclide} lines`}
          data-testid="overlay-chip"
        >
          <span className="swatch" style={{ background: NUCLIDE_COLOURS[index % NUCLIDE_COLOURS.length] }} /> {nuclide}{' '}
          ×
        </button>
      ))}
    </div>
  );
}
