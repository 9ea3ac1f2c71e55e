import { useEffect, useMemo, useRef } from 'react';
import type { Spectrum } from '../../core/spectrum';
import { heatmapLayout, heatmapTrace } from '../plot/buildHeatmap';
import Plotly, { type Data, type PlotlyHTMLElement, type PlotRelayoutEvent } from '../plot/plotly';

/** Reads a y range (sample indices) from a plotly_relayout event; null for autorange, undefined when absent. */
function yRangeFromRelayout(update: PlotRelayoutEvent): [number, number] | null | undefined {
  if (update['yaxis.autorange'] === true) return null;
  const whole = (update as { 'yaxis.range'?: unknown[] })['yaxis.range'];
  const a = update['yaxis.range[0]'] ?? whole?.[0];
  const b = update['yaxis.range[1]'] ?? whole?.[1];
  if (typeof a === 'number' && typeof b === 'number') return [Math.min(a, b), Math.max(a, b)];
  return undefined;
}

interface HeatmapPlotProps {
  readonly spectra: readonly Spectrum[];
  readonly range: readonly [number, number];
  /** A zoom on the map's y axis proposes a sample range (null: the whole series). */
  readonly onZoom: (range: readonly [number, number] | null) => void;
}

/** Plotly heatmap of a time series (energy × sample, log colour), the selected range outlined. */
export function HeatmapPlot({ spectra, range, onZoom }: HeatmapPlotProps) {
  const container = useRef<HTMLDivElement>(null);
  const [from, to] = range;
  const trace = useMemo(() => heatmapTrace(spectra), [spectra]);
  const layout = useMemo(() => heatmapLayout(trace, [from, to]), [trace, from, to]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    void Plotly.react(element, [trace] as unknown as Data[], layout, {
      responsive: true,
      displaylogo: false,
    }).then((graph: PlotlyHTMLElement) => {
      graph.removeAllListeners?.('plotly_relayout');
      graph.on('plotly_relayout', (update) => {
        const zoom = yRangeFromRelayout(update);
        if (zoom !== undefined) onZoom(zoom);
      });
    });
  }, [trace, layout, onZoom]);

  useEffect(() => {
    const element = container.current;
    return () => {
      if (element) Plotly.purge(element);
    };
  }, []);

  return <div ref={container} className="heatmap" data-testid="timeseries-heatmap" />;
}
