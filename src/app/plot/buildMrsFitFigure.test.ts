import { describe, expect, it } from 'vitest';
import { buildMrsFitFigure, defaultShownComponents } from './buildMrsFitFigure';
import { fakeFit } from './mrsFit.testUtil';

describe('buildMrsFitFigure', () => {
  it('draws data, baseline, the shown components, the fit, and the residual in a lower panel on a reversed ppm axis', () => {
    const fit = fakeFit();
    const { data, layout } = buildMrsFitFigure(fit, ['NAA']);
    expect(data.map((t) => t.meta.role)).toEqual(['data', 'baseline', 'component', 'fit', 'residual']);
    expect(data.find((t) => t.meta.role === 'component')?.meta.component).toBe('NAA');
    expect(data.find((t) => t.meta.role === 'residual')?.yaxis).toBe('y2');
    const l = layout as unknown as Record<string, { autorange?: unknown; domain?: number[] }>;
    expect(l.xaxis?.autorange).toBe('reversed');
    expect(l.yaxis2?.domain?.[1]).toBeLessThan(l.yaxis?.domain?.[0] as number);
  });

  it('draws each component on top of the baseline', () => {
    const fit = fakeFit();
    const { data } = buildMrsFitFigure(fit, ['NAA', 'Cr']);
    const naa = data.find((t) => t.meta.component === 'NAA');
    expect(Array.from(naa?.y as Float64Array)).toEqual([1, 2, 5, 2, 1]);
    expect(data.filter((t) => t.meta.role === 'component')).toHaveLength(2);
  });

  it('leaves out components not shown', () => {
    const { data } = buildMrsFitFigure(fakeFit(), []);
    expect(data.some((t) => t.meta.role === 'component')).toBe(false);
  });

  it('shows by default the metabolites with an amplitude and a CRLB under 50 %, not macromolecules', () => {
    expect(defaultShownComponents(fakeFit())).toEqual(['NAA', 'Cr']);
  });
});
