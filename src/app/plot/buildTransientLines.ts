import type { MrsTransientGroupView } from '../../workers/mrsTransientView';
import type { TransientStage } from './buildTransientHeatmap';
import type { Layout, ScatterData } from './plotly';

/** Transients drawn over one another, or each offset above the one before. */
export type TransientArrangement = 'overlay' | 'stacked';

export type TransientLineTrace = Partial<ScatterData> & {
  meta: { role: 'transients' | 'rejected' | 'mean'; rows: number; stage: TransientStage };
};

/** Ticks on the offset axis of the stacked view: at most this many transients are labelled. */
const MAX_TICKS = 10;

/**
 * The transients of one group as lines, before or after alignment, pure: overlaid (thin
 * translucent lines, their mean bold) or stacked (transient r drawn r·step higher, step = 0.6 × the
 * mean's peak-to-peak height, the y axis labelled with the transients' positions). All kept
 * transients form one trace, their lines separated by gaps (one SVG path instead of hundreds),
 * the transients outlier rejection would drop another one in red. Reversed ppm axis.
 */
export function buildTransientLines(
  group: MrsTransientGroupView,
  stage: TransientStage,
  arrangement: TransientArrangement,
): { data: TransientLineTrace[]; layout: Partial<Layout> } {
  const columns = group.ppm.length;
  const rows = group.positions.length;
  const stack = stage === 'before' ? group.before : group.after;
  const mean = stage === 'before' ? group.meanBefore : group.meanAfter;
  let low = 0;
  let high = 0;
  for (const value of mean) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const step = arrangement === 'stacked' ? 0.6 * (high - low > 0 ? high - low : 1) : 0;
  const rejected = new Set(group.rejected);
  const joined = (which: readonly number[]) => {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    for (const r of which) {
      for (let c = 0; c < columns; c++) {
        x.push(group.ppm[c] as number);
        y.push((stack[r * columns + c] as number) + r * step);
      }
      x.push(null);
      y.push(null);
    }
    return { x, y };
  };
  const all = Array.from({ length: rows }, (_, r) => r);
  const kept = all.filter((r) => !rejected.has(r));
  const data: TransientLineTrace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: `transients (${kept.length})`,
      ...joined(kept),
      connectgaps: false,
      line: { color: arrangement === 'overlay' ? 'rgba(31, 119, 180, 0.3)' : '#1f77b4', width: 0.7 },
      hoverinfo: 'skip',
      meta: { role: 'transients', rows: kept.length, stage },
    },
  ];
  if (rejected.size > 0) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `rejected (${rejected.size})`,
      ...joined(group.rejected),
      connectgaps: false,
      line: { color: 'rgba(214, 39, 40, 0.7)', width: 0.9 },
      hoverinfo: 'skip',
      meta: { role: 'rejected', rows: rejected.size, stage },
    });
  }
  if (arrangement === 'overlay') {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'mean',
      x: Array.from(group.ppm),
      y: Array.from(mean),
      line: { color: '#111', width: 2.2 },
      hovertemplate: '%{x:.3f} ppm: %{y:.3g}<extra>mean</extra>',
      meta: { role: 'mean', rows, stage },
    });
  }
  const every = Math.max(1, Math.ceil(rows / MAX_TICKS));
  const labelled = all.filter((r) => r % every === 0);
  const what = group.dimension ?? 'transient';
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: `mrs-transient-lines-${arrangement}`,
    margin: { l: 64, r: 8, t: 8, b: 44 },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    hovermode: 'closest',
    xaxis: { title: { text: 'chemical shift (ppm)' }, autorange: 'reversed' },
    yaxis:
      arrangement === 'stacked'
        ? {
            title: { text: `${what} (offset)` },
            tickvals: labelled.map((r) => r * step),
            ticktext: labelled.map((r) => String(group.positions[r])),
            zeroline: false,
          }
        : { title: { text: 'real part (phased)' } },
  };
  return { data, layout };
}
