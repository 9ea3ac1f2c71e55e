import type { MrsTransientGroupView } from '../../workers/mrsTransientView';
import type { Layout, ScatterData } from './plotly';

export type TransientDriftTrace = Partial<ScatterData> & { meta: { role: 'shift' | 'phase' | 'rejected' } };

/**
 * The corrections alignment found, per transient, pure: the frequency correction (Hz, left axis;
 * `alignTransients`' sign: FID × e^{2πi·f·t}, + moves lines to lower ppm) and the zero-order phase
 * correction (°, right axis) against the transient's position; the transients outlier rejection
 * would drop marked by red × on both.
 */
export function buildTransientDrift(group: MrsTransientGroupView): {
  data: TransientDriftTrace[];
  layout: Partial<Layout>;
} {
  const x = [...group.positions];
  const data: TransientDriftTrace[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'frequency (Hz)',
      x,
      y: Array.from(group.shiftsHz),
      line: { color: '#1f77b4', width: 1 },
      marker: { size: 4 },
      hovertemplate: '%{x}: %{y:.2f} Hz<extra></extra>',
      meta: { role: 'shift' },
    },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'phase (°)',
      x,
      y: Array.from(group.phasesDeg),
      yaxis: 'y2',
      line: { color: '#ff7f0e', width: 1 },
      marker: { size: 4 },
      hovertemplate: '%{x}: %{y:.1f}°<extra></extra>',
      meta: { role: 'phase' },
    },
  ];
  if (group.rejected.length > 0) {
    const positions = group.rejected.map((r) => group.positions[r] as number);
    const marker = { symbol: 'x', color: '#d62728', size: 10 } as const;
    data.push(
      {
        type: 'scatter',
        mode: 'markers',
        name: 'rejected (outlier)',
        x: positions,
        y: group.rejected.map((r) => group.shiftsHz[r] as number),
        marker,
        hovertemplate: '%{x}: outlier<extra></extra>',
        meta: { role: 'rejected' },
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: positions,
        y: group.rejected.map((r) => group.phasesDeg[r] as number),
        yaxis: 'y2',
        marker,
        showlegend: false,
        hovertemplate: '%{x}: outlier<extra></extra>',
        meta: { role: 'rejected' },
      },
    );
  }
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'mrs-transient-drift',
    margin: { l: 56, r: 56, t: 8, b: 40 },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    xaxis: { title: { text: group.dimension ?? 'transient' } },
    yaxis: { title: { text: 'frequency correction (Hz)' }, zeroline: true },
    yaxis2: {
      title: { text: 'phase correction (°)' },
      overlaying: 'y',
      side: 'right',
      zeroline: false,
      showgrid: false,
      tickmode: 'auto',
    },
  };
  return { data, layout };
}
