import { useWorkbench } from '../store/workbenchStore';

/** Savitzky–Golay controls: on/off, window (odd) and polynomial order, plus the residual toggle. */
export function SmoothingControls() {
  const smoothing = useWorkbench((s) => s.smoothing);
  const setSmoothing = useWorkbench((s) => s.setSmoothing);
  const showResidual = useWorkbench((s) => s.showResidual);
  const error = useWorkbench((s) => s.processingError);
  const setShowResidual = useWorkbench((s) => s.setShowResidual);
  const setWindow = (value: number) => {
    if (!Number.isFinite(value)) return;
    const odd = Math.max(3, Math.min(1001, value % 2 === 0 ? value + 1 : value));
    setSmoothing({ windowLength: odd, polynomialOrder: Math.min(smoothing.polynomialOrder, odd - 1) });
  };
  return (
    <fieldset className="panel" data-testid="smoothing-controls">
      <legend>Savitzky–Golay smoothing</legend>
      <label className="row">
        <input
          type="checkbox"
          checked={smoothing.enabled}
          onChange={(e) => setSmoothing({ enabled: e.target.checked })}
          data-testid="smoothing-enabled"
        />
        Smooth
      </label>
      <label className="row">
        Window
        <input
          type="range"
          min={3}
          max={201}
          step={2}
          value={Math.min(smoothing.windowLength, 201)}
          onChange={(e) => setWindow(Number(e.target.value))}
          aria-label="window length slider"
        />
        <input
          type="number"
          min={3}
          max={1001}
          step={2}
          value={smoothing.windowLength}
          onChange={(e) => setWindow(Number(e.target.value))}
          data-testid="smoothing-window"
          aria-label="window length (points, odd)"
        />
      </label>
      <label className="row">
        Order
        <input
          type="number"
          min={0}
          max={Math.min(12, smoothing.windowLength - 1)}
          value={smoothing.polynomialOrder}
          onChange={(e) => {
            const order = Number(e.target.value);
            if (Number.isInteger(order) && order >= 0 && order < smoothing.windowLength && order <= 12) {
              setSmoothing({ polynomialOrder: order });
            }
          }}
          data-testid="smoothing-order"
          aria-label="polynomial order"
        />
      </label>
      {error && (
        <p className="inline-error" role="alert" data-testid="smoothing-error" data-code={error.code}>
          {error.file ? `${error.file}: ` : ''}
          {error.message}
        </p>
      )}
      <label className="row">
        <input type="checkbox" checked={showResidual} onChange={(e) => setShowResidual(e.target.checked)} />
        Residual panel
      </label>
    </fieldset>
  );
}
