import type { Spectrum } from '../../core/spectrum';
import type { Layout } from './plotly';

/** Options of {@link buildHeatmap}. */
export interface HeatmapOptions {
  /** Most energy columns drawn (channels are summed in groups to get there). Default 512. */
  readonly maxColumns?: number;
  /** Most rows drawn (consecutive spectra are summed in groups to get there). Default 1000. */
  readonly maxRows?: number;
  /** Selected sample range [first, last] (indices into the series), outlined on the map. */
  readonly range?: readonly [number, number] | null;
}

/** A heatmap trace as we build it: z holds log10(1 + counts) per cell. */
export interface HeatmapTrace {
  readonly type: 'heatmap';
  readonly x: number[];
  readonly y: number[];
  readonly z: number[][];
  readonly colorscale: string;
  readonly colorbar: Record<string, unknown>;
  readonly hovertemplate: string;
  readonly meta: {
    role: 'time-series';
    rows: number;
    columns: number;
    spectra: number;
    channels: number;
    /** Spectra summed per row. */
    rowSize: number;
    unit: string;
  };
}

/**
 * A time series of spectra (one detector) as a heatmap: x = energy (or channel), y = sample
 * index, colour = log10(1 + counts), since counts span decades (plotly heatmaps have no log colour
 * scale, so the colour bar's ticks are labelled with the counts 1, 10, 100 …). The energy axis is
 * binned to at most `maxColumns` columns (counts summed over channel groups, x at the group's mean
 * energy) and rows to at most `maxRows` (consecutive spectra summed; y = the group's first
 * index). Columns follow the first spectrum's channels: spectra of one detector share them. Pure.
 */
export function buildHeatmap(
  spectra: readonly Spectrum[],
  options: HeatmapOptions = {},
): { data: HeatmapTrace[]; layout: Partial<Layout> } {
  const trace = heatmapTrace(spectra, options);
  return { data: [trace], layout: heatmapLayout(trace, options.range ?? null) };
}

/** The heatmap trace of {@link buildHeatmap} alone (the costly part: recompute only when the spectra change). */
export function heatmapTrace(spectra: readonly Spectrum[], options: HeatmapOptions = {}): HeatmapTrace {
  const first = spectra[0];
  const channels = first?.y.values.length ?? 0;
  const columnSize = Math.max(1, Math.ceil(channels / (options.maxColumns ?? 512)));
  const rowSize = Math.max(1, Math.ceil(spectra.length / (options.maxRows ?? 1000)));
  const columns = Math.ceil(channels / columnSize);
  const x: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = c * columnSize;
    const to = Math.min(from + columnSize, channels);
    let sum = 0;
    for (let i = from; i < to; i++) sum += first?.x.values[i] as number;
    x.push(sum / (to - from));
  }
  const y: number[] = [];
  const z: number[][] = [];
  let peak = 0;
  for (let r = 0; r * rowSize < spectra.length; r++) {
    const cells = new Array<number>(columns).fill(0);
    for (let s = r * rowSize; s < Math.min((r + 1) * rowSize, spectra.length); s++) {
      const counts = (spectra[s] as Spectrum).y.values;
      const n = Math.min(counts.length, channels);
      for (let i = 0; i < n; i++) {
        const c = (i / columnSize) | 0;
        cells[c] = (cells[c] as number) + (counts[i] as number);
      }
    }
    for (let c = 0; c < columns; c++) {
      const value = Math.log10(1 + Math.max(cells[c] as number, 0));
      cells[c] = value;
      if (value > peak) peak = value;
    }
    y.push(r * rowSize);
    z.push(cells);
  }
  const decades = Array.from({ length: Math.max(1, Math.ceil(peak)) + 1 }, (_, k) => k);
  const unit = first?.x.unit ?? 'channel';
  return {
    type: 'heatmap',
    x,
    y,
    z,
    colorscale: 'Viridis',
    colorbar: {
      title: { text: 'counts' },
      tickvals: decades.map((k) => Math.log10(1 + 10 ** k)),
      ticktext: decades.map((k) => (10 ** k).toLocaleString('en')),
    },
    hovertemplate: `%{x:.1f} ${unit}, sample %{y}<br>log₁₀(1 + counts) %{z:.2f}<extra></extra>`,
    meta: { role: 'time-series', rows: y.length, columns, spectra: spectra.length, channels, rowSize, unit },
  };
}

/** Layout of a heatmap from {@link heatmapTrace}, with the selected sample range [first, last] outlined. */
export function heatmapLayout(trace: HeatmapTrace, range: readonly [number, number] | null): Partial<Layout> {
  const { unit, rowSize } = trace.meta;
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'time-series',
    margin: { l: 64, r: 16, t: 8, b: 40 },
    xaxis: { title: { text: unit === 'keV' ? 'energy (keV)' : unit } },
    yaxis: { title: { text: rowSize > 1 ? `sample (rows of ${rowSize})` : 'sample' } },
  };
  if (range) {
    const [a, b] = range;
    layout.shapes = [
      {
        type: 'rect',
        xref: 'paper',
        x0: 0,
        x1: 1,
        yref: 'y',
        y0: Math.min(a, b) - 0.5,
        y1: Math.max(a, b) + 0.5,
        line: { color: '#ff4136', width: 2 },
        fillcolor: 'rgba(255, 65, 54, 0.08)',
      },
    ];
  }
  return layout;
}
