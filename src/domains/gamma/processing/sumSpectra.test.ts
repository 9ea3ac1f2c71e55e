import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { testGammaSpectrum } from './processing.testUtil';
import { sumSpectra } from './sumSpectra';

describe('sumSpectra', () => {
  it('adds a time series: counts and both times add up', () => {
    const a = testGammaSpectrum([1, 2, 3], { liveTimeS: 1, realTimeS: 1.1 });
    const b = testGammaSpectrum([4, 5, 6], { liveTimeS: 2, realTimeS: 2.2 });
    const sum = sumSpectra([a, b]);
    expect([...sum.y.values]).toEqual([5, 7, 9]);
    expect(sum.meta.liveTimeS).toBe(3);
    expect(sum.meta.realTimeS).toBeCloseTo(3.3, 12);
    expect(sum.y.sigma?.[2]).toBeCloseTo(3, 12);
  });

  it('aligns detectors with different gains energy by energy', () => {
    const a = testGammaSpectrum([0, 10, 0, 0], { gain: 1, liveTimeS: 10, realTimeS: 10 });
    const b = testGammaSpectrum([0, 0, 10, 0, 0, 0, 0, 0], { gain: 0.5, liveTimeS: 8, realTimeS: 10 });
    const sum = sumSpectra([a, b], { mode: 'detectors' });
    // b's channel 2 spans 0.75…1.25 keV, inside a's channel 1 (0.5…1.5 keV)
    expect([...sum.y.values]).toEqual([0, 20, 0, 0]);
    expect(sum.meta.liveTimeS).toBe(9);
    expect(sum.meta.realTimeS).toBe(10);
  });

  it('refuses an empty list', () => {
    expect(thrownWorkbenchError(() => sumSpectra([])).code).toBe('INVALID_OPTION');
  });
});
