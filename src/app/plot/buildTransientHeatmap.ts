import type { MrsTransientGroupView } from '../../workers/mrsTransientView';
import type { Layout } from './plotly';

/** Which stack of transients a heatmap shows. */
export type TransientStage = 'before' | 'after';

/** A trace of the transient heatmap figure: a map per stage, or the markers of rejected transients. */
export type TransientHeatmapTrace = Record<string, unknown> & {
  readonly type: 'heatmap' | 'scatter';
  readonly meta: { role: 'heatmap' | 'rejected'; stage: TransientStage; rows: number; columns: number };
};

/** Most |values| looked at for the colour range (an even sample of them beyond). */
const COLOUR_SAMPLE = 50_000;

/**
 * The colour range ±c of both stacks: c is the 99.8th percentile of |real part| (a spike in one
 * transient would otherwise wash the map out), at least the largest |mean|.
 */
export function colourLimit(group: MrsTransientGroupView): number {
  const total = group.before.length + group.after.length;
  const stride = Math.max(1, Math.ceil(total / COLOUR_SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < total; i += stride) {
    const value = i < group.before.length ? group.before[i] : group.after[i - group.before.length];
    sample.push(Math.abs(value as number));
  }
  sample.sort((a, b) => a - b);
  const percentile = sample[Math.min(sample.length - 1, Math.floor(0.998 * sample.length))] ?? 0;
  let mean = 0;
  for (const value of group.meanAfter) mean = Math.max(mean, Math.abs(value));
  const limit = Math.max(percentile, mean);
  return limit > 0 && Number.isFinite(limit) ? limit : 1;
}

/** Rows of a row-major stack as plain arrays (Plotly's heatmap z). */
function matrix(stack: Float32Array, columns: number): number[][] {
  const rows = columns === 0 ? 0 : stack.length / columns;
  return Array.from({ length: rows }, (_, r) => Array.from(stack.subarray(r * columns, (r + 1) * columns)));
}

/**
 * The transients of one group as two heatmaps side by side, before and after alignment, pure:
 * x = chemical shift on reversed axes (high ppm left), y = the transient's position along its
 * dimension, colour = the phased real part on one diverging scale ±{@link colourLimit} shared by
 * both maps (so they compare). Transients that outlier rejection would drop are marked by a red ×
 * at the left edge of each map.
 */
export function buildTransientHeatmap(group: MrsTransientGroupView): {
  data: TransientHeatmapTrace[];
  layout: Partial<Layout>;
} {
  const columns = group.ppm.length;
  const rows = group.positions.length;
  const limit = colourLimit(group);
  const x = Array.from(group.ppm);
  const y = [...group.positions];
  const what = group.dimension ?? 'transient';
  const map = (stage: TransientStage, axis: '' | '2'): TransientHeatmapTrace => ({
    type: 'heatmap',
    x,
    y,
    z: matrix(stage === 'before' ? group.before : group.after, columns),
    xaxis: `x${axis}`,
    yaxis: 'y',
    zmin: -limit,
    zmax: limit,
    // Plotly's RdBu runs blue (low) → red (high): peaks red, dispersive dips blue
    colorscale: 'RdBu',
    showscale: stage === 'after',
    colorbar: { title: { text: 'real' }, thickness: 12 },
    hovertemplate: `%{x:.2f} ppm, ${what} %{y}<br>%{z:.3g}<extra>${stage} alignment</extra>`,
    meta: { role: 'heatmap', stage, rows, columns },
  });
  const data: TransientHeatmapTrace[] = [map('before', ''), map('after', '2')];
  if (group.rejected.length > 0) {
    const edge = x.length > 0 ? Math.max(...x) : 0;
    for (const [stage, axis] of [
      ['before', ''],
      ['after', '2'],
    ] as const) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        x: group.rejected.map(() => edge),
        y: group.rejected.map((r) => group.positions[r] as number),
        xaxis: `x${axis}`,
        yaxis: 'y',
        marker: { symbol: 'x', color: '#d62728', size: 9 },
        name: 'rejected (outlier)',
        hovertemplate: `${what} %{y}: outlier<extra></extra>`,
        meta: { role: 'rejected', stage, rows: group.rejected.length, columns: 0 },
      });
    }
  }
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'mrs-transient-heatmap',
    margin: { l: 56, r: 8, t: 8, b: 44 },
    showlegend: false,
    xaxis: { title: { text: 'before alignment (ppm)' }, autorange: 'reversed', domain: [0, 0.46], anchor: 'y' },
    xaxis2: { title: { text: 'after alignment (ppm)' }, autorange: 'reversed', domain: [0.5, 0.96], anchor: 'y' },
    yaxis: { title: { text: what } },
  };
  return { data, layout };
}
