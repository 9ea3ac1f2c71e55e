import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { buildHeatmap, type HeatmapTrace } from './buildHeatmap';

function sample(index: number, channels: number, counts: (i: number) => number): Spectrum {
  return {
    id: `t.rcspg#${index}`,
    name: `t ${index}`,
    file: 't.rcspg',
    domain: 'gamma',
    x: { values: Float64Array.from({ length: channels }, (_, i) => 3 * i), unit: 'keV', quantity: 'energy' },
    y: { values: Float64Array.from({ length: channels }, (_, i) => counts(i)), unit: 'counts' },
    meta: {},
  };
}

describe('buildHeatmap', () => {
  it('bins 1024 channels to 512 columns, summing counts, on a log colour scale', () => {
    const spectra = Array.from({ length: 10 }, (_, r) => sample(r, 1024, (i) => (i === 100 ? 99 * (r + 1) : 1)));
    const { data } = buildHeatmap(spectra);
    const trace = data[0] as HeatmapTrace;
    expect(trace.meta).toMatchObject({ rows: 10, columns: 512, spectra: 10, channels: 1024, rowSize: 1 });
    expect(trace.x).toHaveLength(512);
    // Column 50 holds channels 100 and 101 (energies 300 and 303 keV).
    expect(trace.x[50]).toBeCloseTo(301.5, 12);
    expect(trace.z[0]?.[50]).toBeCloseTo(Math.log10(1 + 99 + 1), 12);
    expect(trace.z[9]?.[50]).toBeCloseTo(Math.log10(1 + 990 + 1), 12);
    expect(trace.z[3]?.[0]).toBeCloseTo(Math.log10(3), 12);
    expect(trace.y).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Colour-bar ticks at 1, 10, 100, 1000 counts.
    expect((trace.colorbar.ticktext as string[]).slice(0, 4)).toEqual(['1', '10', '100', '1,000']);
  });

  it('keeps at most maxColumns columns and maxRows rows, and outlines the selected range', () => {
    const spectra = Array.from({ length: 25 }, (_, r) => sample(r, 1000, () => 1));
    const { data, layout } = buildHeatmap(spectra, { maxColumns: 300, maxRows: 10, range: [4, 8] });
    const trace = data[0] as HeatmapTrace;
    expect(trace.x.length).toBeLessThanOrEqual(300);
    expect(trace.meta.rows).toBe(9);
    expect(trace.y.slice(0, 3)).toEqual([0, 3, 6]);
    // 3 spectra × 4 channels of 1 count in a full cell.
    expect(trace.z[0]?.[0]).toBeCloseTo(Math.log10(13), 12);
    const shapes = (layout as { shapes: { y0: number; y1: number }[] }).shapes;
    expect(shapes[0]).toMatchObject({ y0: 3.5, y1: 8.5 });
    expect((buildHeatmap(spectra).layout as { shapes?: unknown }).shapes).toBeUndefined();
  });

  it('handles an empty series', () => {
    const { data } = buildHeatmap([]);
    expect(data[0]?.z).toEqual([]);
  });
});
