import type { ScatterTrace } from './plotTypes';

/** The points of a peak-marker trace, one entry per peak in each array. */
export interface PeakMarkers {
  readonly x: number[];
  readonly y: number[];
  /** Label drawn above the marker ('' for none). */
  readonly text: string[];
  /** Hover text (HTML built from escaped strings only). */
  readonly hover: string[];
  /** Marker colour per peak. */
  readonly colour: string[];
}

/**
 * Peak markers as one scatter trace: downward triangles at the peak tops, labelled above, hover
 * text per peak, `meta.role = 'peaks'` (the e2e tests and the plot toolbar find it by role). Shared
 * by the gamma and emission overlays.
 */
export function peakMarkersTrace(markers: PeakMarkers, spectrumId: string, size: number): ScatterTrace {
  const points = markers.x.length;
  return {
    type: 'scatter',
    mode: 'markers+text',
    name: 'peaks',
    x: markers.x,
    y: markers.y,
    text: markers.text,
    textposition: 'top center',
    textfont: { size: 10, color: '#333' },
    hovertext: markers.hover,
    hoverinfo: 'text',
    marker: { symbol: 'triangle-down', size, color: markers.colour },
    meta: { role: 'peaks', spectrumId, points, shown: points },
  };
}
