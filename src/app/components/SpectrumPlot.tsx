import { useEffect, useMemo, useRef, useState } from 'react';
import { useEmissionOverlayInput } from '../features/emissionOverlayInput';
import { gammaOverlayInput } from '../features/gammaOverlayInput';
import { buildFigure } from '../plot/buildFigure';
import { emissionOverlayTraces } from '../plot/emissionOverlays';
import Plotly, { type PlotlyHTMLElement, type PlotRelayoutEvent } from '../plot/plotly';
import { useWorkbench } from '../store/workbenchStore';
import { PlotToolbar } from './PlotToolbar';

/** Reads a new x range from a plotly_relayout event: a zoom/pan range, or null for autorange. */
function xRangeFromRelayout(update: PlotRelayoutEvent): [number, number] | null | undefined {
  if (update['xaxis.autorange'] === true) return null;
  const whole = (update as { 'xaxis.range'?: unknown[] })['xaxis.range'];
  const a = update['xaxis.range[0]'] ?? whole?.[0];
  const b = update['xaxis.range[1]'] ?? whole?.[1];
  if (typeof a === 'number' && typeof b === 'number') return [Math.min(a, b), Math.max(a, b)];
  return undefined;
}

/**
 * The viewer: selected spectra, their smoothed versions and the residual panel. Data are
 * decimated to the plot's pixel width; a zoom re-decimates the visible range at full detail.
 */
export function SpectrumPlot() {
  const spectra = useWorkbench((s) => s.spectra);
  const selectedIds = useWorkbench((s) => s.selectedIds);
  const processed = useWorkbench((s) => s.processed);
  const xRange = useWorkbench((s) => s.xRange);
  const showResidual = useWorkbench((s) => s.showResidual);
  const logIntensity = useWorkbench((s) => s.logIntensity);
  const setXRange = useWorkbench((s) => s.setXRange);
  const files = useWorkbench((s) => s.files);
  const gammaRuns = useWorkbench((s) => s.gammaRuns);
  const backgroundChoice = useWorkbench((s) => s.backgroundChoice);
  const lineOverlays = useWorkbench((s) => s.lineOverlays);
  const nuclides = useWorkbench((s) => s.nuclides);
  const showBackgroundTrace = useWorkbench((s) => s.showBackgroundTrace);
  const complexPart = useWorkbench((s) => s.mrsComplexPart);
  const container = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(800);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Plotly's `responsive` follows window resizes only; the plot area also changes when the
    // problem list grows or shrinks, so follow the element itself.
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? 0;
      if (width > 0) setWidthPx(Math.round(width));
      if ((element as Partial<PlotlyHTMLElement>).data) Plotly.Plots.resize(element);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const selected = useMemo(
    () => selectedIds.map((id) => spectra[id]).filter((s) => s !== undefined),
    [selectedIds, spectra],
  );
  const gamma = useMemo(
    () =>
      gammaOverlayInput({
        files,
        spectra,
        selectedIds,
        gammaRuns,
        backgroundChoice,
        lineOverlays,
        nuclides,
        showBackgroundTrace,
      }),
    [files, spectra, selectedIds, gammaRuns, backgroundChoice, lineOverlays, nuclides, showBackgroundTrace],
  );
  const emission = useEmissionOverlayInput(selected[0]);
  const figure = useMemo(() => {
    const built = buildFigure({
      spectra: selected,
      processed,
      xRange,
      widthPx,
      showResidual,
      logIntensity,
      gamma,
      complexPart,
    });
    if (!emission) return built;
    return { ...built, data: [...built.data, ...emissionOverlayTraces(emission, { xRange, logIntensity })] };
  }, [selected, processed, xRange, widthPx, showResidual, logIntensity, gamma, complexPart, emission]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    void Plotly.react(element, figure.data, figure.layout, { responsive: true, displaylogo: false }).then(
      (graph: PlotlyHTMLElement) => {
        graph.removeAllListeners?.('plotly_relayout');
        graph.on('plotly_relayout', (update) => {
          const range = xRangeFromRelayout(update);
          if (range !== undefined) setXRange(range);
        });
      },
    );
  }, [figure, setXRange]);

  useEffect(() => {
    const element = container.current;
    return () => {
      if (element) Plotly.purge(element);
    };
  }, []);

  return (
    <div className="plot-wrap">
      {selected.length > 0 && <PlotToolbar />}
      {selected.length === 0 && (
        <p className="plot-empty" data-testid="plot-empty">
          Drop spectrum files anywhere in the window, or use “Open files…”.
        </p>
      )}
      <div ref={container} className="plot" data-testid="spectrum-plot" />
    </div>
  );
}
