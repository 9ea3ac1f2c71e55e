import { describe, expect, it } from 'vitest';
import { emissionOverlayInput } from '../features/emissionOverlayInput';
import { emissionSpectrum, identificationOf } from '../features/emissionTestData.testUtil';
import { createEmissionStore } from '../store/emissionStore';
import { elementLineTraces, emissionOverlayTraces } from './emissionOverlays';

const caLines = {
  element: 'Ca',
  lines: [
    { element: 'Ca', ion: 2 as const, wavelengthNm: 405, relative: 0.5, resonance: false },
    { element: 'Ca', ion: 2 as const, wavelengthNm: 410, relative: 1, resonance: true },
    { element: 'Ca', ion: 1 as const, wavelengthNm: 430, relative: 1.5, resonance: false },
  ],
};

describe('emission overlays', () => {
  it('draws element lines at library λ + offset, scaled to the strongest line in view (90 % of the top)', () => {
    const spectrum = emissionSpectrum('a.csv');
    const [trace] = elementLineTraces(
      { spectrum, offsetNm: 0.3, lineSets: [caLines] },
      { xRange: null, logIntensity: false },
    );
    expect(trace?.meta).toMatchObject({ role: 'element-lines', points: 3, shown: 2 });
    expect(trace?.name).toBe('Ca');
    // 430 nm is outside 400–420 nm: not drawn, and not the reference for the heights
    expect(trace?.x).toEqual([410.3, 410.3, null, 405.3, 405.3, null]);
    const top = 0.9 * 110;
    expect(trace?.y?.[1]).toBeCloseTo(top, 6);
    expect(trace?.y?.[4]).toBeCloseTo(top / 2, 6);
    expect(String((trace?.hovertext as string[] | undefined)?.[0])).toMatch(
      /Ca II 410\.000 nm \(resonance\)<br>drawn at 410\.300 nm/,
    );
  });

  it('follows the zoom and a log axis (segments start at the smallest positive value in view)', () => {
    const spectrum = emissionSpectrum('a.csv');
    const [trace] = elementLineTraces(
      { spectrum, offsetNm: 0, lineSets: [caLines] },
      { xRange: [404, 406], logIntensity: true },
    );
    expect(trace?.x).toEqual([405, 405, null]);
    expect(trace?.y?.[0]).toBeCloseTo(10, 3);
  });

  it('labels the peaks matched by accepted elements; the state picks the offset, and ignores stale runs', () => {
    const spectrum = emissionSpectrum('a.csv');
    const store = createEmissionStore();
    store.getState().setRun(spectrum.id, {
      spectrum,
      status: 'done',
      identification: identificationOf(spectrum),
      error: null,
    });
    store.getState().addLineSets([caLines]);
    store.getState().setMarkers(['Ca']);
    const input = emissionOverlayInput(store.getState(), spectrum);
    expect(input?.offsetNm).toBe(0.3);
    const traces = emissionOverlayTraces(input ?? { spectrum, offsetNm: 0, lineSets: [] }, {
      xRange: null,
      logIntensity: false,
    });
    const peaks = traces.find((t) => t.meta.role === 'peaks');
    expect(peaks?.text).toEqual(['Ca', '']);
    expect(peaks?.y?.[0]).toBeCloseTo(110, 6);
    store.getState().setMarkersFollowOffset(false);
    expect(emissionOverlayInput(store.getState(), spectrum)?.offsetNm).toBe(0);
    // the same file loaded again: a new spectrum object, the old run does not apply
    const reloaded = emissionSpectrum('a.csv');
    const stale = emissionOverlayInput(store.getState(), reloaded);
    expect(stale?.peaks).toBeUndefined();
    expect(stale?.offsetNm).toBe(0);
    // a Raman spectrum gets nothing
    const raman = { ...spectrum, x: { ...spectrum.x, unit: 'cm-1' as const } };
    expect(emissionOverlayInput(store.getState(), raman)).toBeNull();
  });
});
