import { describe, expect, it } from 'vitest';
import { buildMrsBarFigure, type MrsBarTrace } from './buildMrsBarFigure';
import { fakeQuantification } from './mrsFit.testUtil';

/** The one trace of the figure (a test fails here when there is none). */
function barsOf(data: MrsBarTrace[]): MrsBarTrace {
  const [bars] = data;
  if (!bars) throw new Error('no bar trace');
  return bars;
}

const errorBars = (bars: MrsBarTrace) => (bars.error_y as { array: number[] }).array;

describe('buildMrsBarFigure', () => {
  it('draws mM with CRLB error bars when water-referenced, macromolecules left out, sums in another colour', () => {
    const { data, layout } = buildMrsBarFigure(fakeQuantification(4), new Set(['MM20']));
    const bars = barsOf(data);
    expect(bars.type).toBe('bar');
    expect(bars.x).toEqual(['NAA', 'Cr', 'Asp', 'tNAA']);
    expect(bars.y).toEqual([8, 4, 0, 8]);
    expect(errorBars(bars)).toEqual([0.4, 0.2, 0, 0.4]);
    expect(bars.meta.unit).toBe('mM');
    const colours = (bars.marker as { color: string[] }).color;
    expect(colours[3]).not.toBe(colours[0]);
    expect(JSON.stringify(layout.yaxis)).toMatch(/mM/);
  });

  it('draws ratios to the reference without a water reference', () => {
    const { data, layout } = buildMrsBarFigure(fakeQuantification(), new Set(['MM20']));
    const bars = barsOf(data);
    expect(bars.meta.unit).toBe('ratio');
    expect(bars.y).toEqual([2, 1, 0, 2]);
    // the ratio's error bar is the metabolite's CRLB relative to it
    expect(errorBars(bars)[0]).toBeCloseTo(0.1, 12);
    expect(JSON.stringify(layout.yaxis)).toMatch(/ratio to Cr/);
  });
});
