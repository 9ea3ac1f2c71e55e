import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import type { NetPeak } from '../../domains/gamma/analyseGammaSpectrum';
import type { GammaPeak } from '../../domains/gamma/peaks/gammaPeak';
import {
  backgroundTrace,
  gammaOverlayTraces,
  liveTimeRatio,
  nuclideLineTraces,
  peakMarkerTrace,
  visibleExtent,
} from './gammaOverlays';
import type { ScatterTrace } from './plotTypes';

/** 3000 channels at 1 keV, flat 10 counts with a 1000-count Gaussian at 662 keV. */
function gamma(id: string, meta: Spectrum['meta'] = { liveTimeS: 100 }): Spectrum {
  const n = 3000;
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => 10 + 1000 * Math.exp(-0.5 * ((i - 662) / 3) ** 2));
  return {
    id,
    name: id,
    file: `${id}.spe`,
    domain: 'gamma',
    x: { values: x, unit: 'keV', quantity: 'energy' },
    y: { values: y, unit: 'counts' },
    meta,
  };
}

function peak(centroidKeV: number, netArea: number): GammaPeak {
  return {
    centroidKeV,
    centroidSigmaKeV: 0.05,
    fwhmKeV: 7,
    fwhmSigmaKeV: 0.1,
    netArea,
    netAreaSigma: Math.sqrt(netArea),
    significance: Math.sqrt(netArea),
    centroidChannel: centroidKeV,
    regionId: 1,
  };
}

const view = { xRange: null, logIntensity: false, bins: 500 } as const;

describe('gamma overlays', () => {
  it('puts a labelled marker at each fitted centroid, on top of its peak, with area ± σ in the hover', () => {
    const s = gamma('a');
    const peaks = [peak(662, 7500), peak(1460, 100)];
    const net: NetPeak[] = [{ ...(peaks[0] as GammaPeak), backgroundArea: 0, backgroundAreaSigma: 0 }];
    const trace = peakMarkerTrace({ spectrum: s, peaks, netPeaks: net }) as ScatterTrace;
    expect(trace.meta).toMatchObject({ role: 'peaks', spectrumId: 'a', points: 2 });
    expect(trace.x).toEqual([662, 1460]);
    expect((trace.y as number[])[0]).toBeCloseTo(1010, 0);
    expect((trace.y as number[])[1]).toBeCloseTo(10, 6);
    expect(trace.text).toEqual(['662.0', '1460.0']);
    const hover = trace.hovertext as string[];
    expect(hover[0]).toContain('662.00 ± 0.05 keV');
    expect(hover[0]).toContain('net area 7500 ± 87');
    // The second peak is not among the net peaks: the background explains it, drawn grey.
    expect(hover[1]).toContain('explained by the background');
    expect((trace.marker as { color: string[] }).color).toEqual(['#111', '#999']);
    expect(peakMarkerTrace({ spectrum: s, peaks: [] })).toBeNull();
  });

  it('labels only the most significant peaks in view', () => {
    const s = gamma('a');
    const many = Array.from({ length: 30 }, (_, i) => peak(50 + 50 * i, 100 + i * 10));
    const text = peakMarkerTrace({ spectrum: s, peaks: many })?.text as string[];
    expect(text.filter((t) => t !== '')).toHaveLength(20);
    expect(text[29]).toBe('1500.0');
    expect(text[0]).toBe('');
    const zoomed = peakMarkerTrace({ spectrum: s, peaks: many }, [0, 120])?.text as string[];
    expect(zoomed.slice(0, 2)).toEqual(['50.0', '100.0']);
  });

  it('draws library lines as vertical segments whose heights follow intensity, one trace per nuclide', () => {
    const s = gamma('a');
    const lines = [
      { energyKeV: 1173.2, intensityPct: 99.85, kind: 'gamma' as const },
      { energyKeV: 1332.5, intensityPct: 99.98, kind: 'gamma' as const },
      { energyKeV: 347.1, intensityPct: 0.0075, kind: 'gamma' as const },
      { energyKeV: 9000, intensityPct: 50, kind: 'gamma' as const },
    ];
    const cs = [{ energyKeV: 661.657, intensityPct: 85.1, kind: 'gamma' as const, emitter: 'Ba-137m' }];
    const traces = nuclideLineTraces(
      {
        spectrum: s,
        nuclideLines: [
          { nuclide: 'Co-60', lines },
          { nuclide: 'Cs-137', lines: cs },
        ],
      },
      view,
    );
    expect(traces.map((t) => t.name)).toEqual(['Co-60', 'Cs-137']);
    expect(traces.map((t) => t.meta.role)).toEqual(['nuclide-lines', 'nuclide-lines']);
    const co = traces[0] as ScatterTrace;
    // Too weak (0.0075 %) and out of range (9000 keV) lines are left out; segments separated by gaps.
    expect(co.meta.shown).toBe(2);
    expect(co.x).toEqual([1332.5, 1332.5, null, 1173.2, 1173.2, null]);
    const y = co.y as (number | null)[];
    const top = visibleExtent(s, null).max * 0.9;
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(top, 6);
    expect(y[4]).toBeCloseTo((top * 99.85) / 99.98, 6);
    expect((co.line as { color: string }).color).not.toBe(
      ((traces[1] as ScatterTrace).line as { color: string }).color,
    );
    expect(((traces[1] as ScatterTrace).hovertext as string[])[0]).toContain('Cs-137 (Ba-137m): 661.66 keV');
  });

  it('on a log axis, segments start at the smallest positive count in view; a zoom keeps only lines in view', () => {
    const s = gamma('a');
    const lines = [
      { energyKeV: 661.657, intensityPct: 85.1, kind: 'gamma' as const },
      { energyKeV: 32, intensityPct: 5.6, kind: 'x-ray' as const },
    ];
    const [log] = nuclideLineTraces(
      { spectrum: s, nuclideLines: [{ nuclide: 'Cs-137', lines }] },
      { ...view, logIntensity: true },
    );
    expect(((log as ScatterTrace).y as number[])[0]).toBeCloseTo(10, 6);
    const [zoomed] = nuclideLineTraces(
      { spectrum: s, nuclideLines: [{ nuclide: 'Cs-137', lines }] },
      { ...view, xRange: [600, 700] },
    );
    expect(zoomed?.x).toEqual([661.657, 661.657, null]);
  });

  it('scales the background by the live-time ratio and dashes it', () => {
    const s = gamma('a', { liveTimeS: 100 });
    const bg = gamma('bg', { realTimeS: 400 });
    expect(liveTimeRatio(s, bg)).toBeCloseTo(0.25, 12);
    expect(liveTimeRatio(s, gamma('none', {}))).toBe(1);
    const trace = backgroundTrace({ spectrum: s, background: { spectrum: bg, scale: 0.25 } }, view) as ScatterTrace;
    expect(trace.meta).toMatchObject({ role: 'background', spectrumId: 'bg', points: 3000 });
    expect((trace.line as { dash: string }).dash).toBe('dash');
    expect(Math.max(...(trace.y as Float64Array))).toBeCloseTo(1010 * 0.25, 0);
    expect((trace.x as Float64Array).length).toBeLessThanOrEqual(1002);
    expect(backgroundTrace({ spectrum: s, background: null }, view)).toBeNull();
  });

  it('combines background, lines and peaks in drawing order, and nothing when nothing is asked', () => {
    const s = gamma('a');
    const all = gammaOverlayTraces(
      {
        spectrum: s,
        peaks: [peak(662, 7500)],
        nuclideLines: [{ nuclide: 'Cs-137', lines: [{ energyKeV: 661.657, intensityPct: 85.1, kind: 'gamma' }] }],
        background: { spectrum: gamma('bg'), scale: 1 },
      },
      view,
    );
    expect(all.map((t) => t.meta.role)).toEqual(['background', 'nuclide-lines', 'peaks']);
    expect(gammaOverlayTraces({ spectrum: s }, view)).toEqual([]);
  });
});
