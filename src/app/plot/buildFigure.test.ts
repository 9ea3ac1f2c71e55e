import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { buildFigure } from './buildFigure';

function ramp(id: string, points: number, offset = 0): Spectrum {
  const x = Float64Array.from({ length: points }, (_, i) => 400 + i * 0.01);
  const y = Float64Array.from({ length: points }, (_, i) => Math.sin(i / 50) + offset + (i === 12345 ? 100 : 0));
  return {
    id,
    name: id,
    file: id,
    domain: 'emission',
    x: { values: x, unit: 'nm', quantity: 'wavelength' },
    y: { values: y, unit: 'counts' },
    meta: {},
  };
}

describe('buildFigure', () => {
  it('decimates to about two points per pixel and keeps a narrow peak', () => {
    const s = ramp('a', 100_000);
    const { data } = buildFigure({ spectra: [s], processed: {}, xRange: null, widthPx: 500, showResidual: true });
    expect(data).toHaveLength(1);
    const trace = data[0] as (typeof data)[number];
    expect((trace.x as Float64Array).length).toBeLessThanOrEqual(1002);
    expect(Math.max(...(trace.y as Float64Array))).toBeGreaterThan(100);
    expect(trace.meta).toMatchObject({ role: 'raw', spectrumId: 'a', points: 100_000 });
  });

  it('overlays the processed spectrum and draws raw − processed in a lower panel', () => {
    const s = ramp('a', 50);
    const p = { ...ramp('a', 50, 1), id: 'a/smoothed' };
    const { data, layout } = buildFigure({
      spectra: [s],
      processed: { a: p },
      xRange: null,
      widthPx: 800,
      showResidual: true,
    });
    expect(data.map((t) => t.meta?.role)).toEqual(['raw', 'smoothed', 'residual']);
    const residual = data[2];
    expect(residual?.yaxis).toBe('y2');
    expect(Array.from(residual?.y as Float64Array).every((v) => Math.abs(v + 1) < 1e-12)).toBe(true);
    expect(layout.yaxis2).toBeDefined();
    const withoutResidual = buildFigure({
      spectra: [s],
      processed: { a: p },
      xRange: null,
      widthPx: 800,
      showResidual: false,
    });
    expect(withoutResidual.data.map((t) => t.meta?.role)).toEqual(['raw', 'smoothed']);
    expect(withoutResidual.layout.yaxis2).toBeUndefined();
  });

  it('shows only the zoomed x range and labels the axis with quantity and unit', () => {
    const s = ramp('a', 100_000);
    const { data, layout } = buildFigure({
      spectra: [s],
      processed: {},
      xRange: [500, 501],
      widthPx: 500,
      showResidual: false,
    });
    const x = data[0]?.x as Float64Array;
    // 1 nm at 0.01 nm/point = ~100 points: all kept, plus one beyond each edge.
    expect(x.length).toBeGreaterThanOrEqual(100);
    expect(x.length).toBeLessThanOrEqual(103);
    expect(x[1]).toBeGreaterThanOrEqual(500);
    expect((layout.xaxis as { range: number[] }).range).toEqual([500, 501]);
    expect((layout.xaxis as { title: { text: string } }).title.text).toBe('wavelength (nm)');
  });
});

describe('buildFigure intensity scale', () => {
  it('switches the intensity axis to log on request', () => {
    const s = ramp('a', 20, 2);
    const linear = buildFigure({ spectra: [s], processed: {}, xRange: null, widthPx: 100, showResidual: false });
    const log = buildFigure({
      spectra: [s],
      processed: {},
      xRange: null,
      widthPx: 100,
      showResidual: false,
      logIntensity: true,
    });
    expect((linear.layout.yaxis as { type?: string }).type).toBe('linear');
    expect((log.layout.yaxis as { type?: string }).type).toBe('log');
  });
});

describe('buildFigure gamma overlays', () => {
  it('adds the overlays of the first plotted spectrum after its traces, and nothing for other domains', () => {
    const s = ramp('a', 200);
    const plain = buildFigure({ spectra: [s], processed: {}, xRange: null, widthPx: 100, showResidual: false });
    expect(plain.data.map((t) => t.meta.role)).toEqual(['raw']);
    const gamma = {
      spectrum: s,
      nuclideLines: [{ nuclide: 'X-1', lines: [{ energyKeV: 401, intensityPct: 50, kind: 'gamma' as const }] }],
    };
    const withLines = buildFigure({
      spectra: [s],
      processed: {},
      xRange: null,
      widthPx: 100,
      showResidual: false,
      gamma,
    });
    expect(withLines.data.map((t) => t.meta.role)).toEqual(['raw', 'nuclide-lines']);
    expect(withLines.data[1]?.name).toBe('X-1');
    // Overlays belong to their spectrum: when another one is plotted first they are left out.
    const other = ramp('b', 200);
    const swapped = buildFigure({
      spectra: [other, s],
      processed: {},
      xRange: null,
      widthPx: 100,
      showResidual: false,
      gamma,
    });
    expect(swapped.data.map((t) => t.meta.role)).toEqual(['raw', 'raw']);
  });
});

describe('buildFigure ppm axis', () => {
  it('draws chemical shift from high to low ppm, also when zoomed', () => {
    const s = ramp('a', 20);
    const ppm = {
      ...s,
      x: { values: s.x.values.map((v) => v / 100), unit: 'ppm' as const, quantity: 'chemical shift' as const },
    };
    const whole = buildFigure({ spectra: [ppm], processed: {}, xRange: null, widthPx: 100, showResidual: false });
    expect((whole.layout.xaxis as { autorange?: unknown }).autorange).toBe('reversed');
    const zoomed = buildFigure({
      spectra: [ppm],
      processed: {},
      xRange: [1.8, 3.4],
      widthPx: 100,
      showResidual: false,
    });
    expect((zoomed.layout.xaxis as { range?: unknown }).range).toEqual([3.4, 1.8]);
  });

  it('draws the imaginary part or the magnitude of a complex ppm spectrum when asked', () => {
    const mrs: Spectrum = {
      id: 'm',
      name: 'm',
      file: 'm',
      domain: 'mrs',
      x: { values: Float64Array.from([1, 2, 3]), unit: 'ppm', quantity: 'chemical shift' },
      y: { values: Float64Array.from([3, 0, 1]), imaginary: Float64Array.from([4, 2, 0]), unit: 'a.u.' },
      meta: {},
    };
    const base = { spectra: [mrs], processed: {}, xRange: null, widthPx: 800, showResidual: true };
    const ys = (part: 'real' | 'imaginary' | 'magnitude') =>
      Array.from(buildFigure({ ...base, complexPart: part }).data[0]?.y as Float64Array);
    expect(ys('real')).toEqual([3, 0, 1]);
    expect(ys('imaginary')).toEqual([4, 2, 0]);
    expect(ys('magnitude')).toEqual([5, 2, 1]);
    expect(buildFigure({ ...base, complexPart: 'magnitude' }).data[0]?.name).toBe('m (magnitude)');
  });
});
