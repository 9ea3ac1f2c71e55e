import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { testGammaSpectrum } from './processing.testUtil';
import { roiCounts } from './roiCounts';

describe('roiCounts', () => {
  it('removes a linear continuum estimated from the side bands', () => {
    // continuum 10 + i, plus a 100-count peak in channels 10..12
    const counts = Array.from({ length: 30 }, (_, i) => 10 + i + (i >= 10 && i <= 12 ? 100 / 3 : 0));
    const s = testGammaSpectrum(counts, { liveTimeS: 50 });
    const roi = roiCounts(s, 9.5, 12.5, 3);
    expect(roi.gross).toBeCloseTo(100 + 20 + 21 + 22, 9);
    expect(roi.continuum).toBeCloseTo(63, 9);
    expect(roi.net).toBeCloseTo(100, 9);
    expect(roi.netSigma).toBeGreaterThan(Math.sqrt(roi.gross));
    expect(roi.netRate).toBeCloseTo(2, 9);
  });

  it('counts partial channels pro rata without side bands', () => {
    const s = testGammaSpectrum([10, 10, 10, 10]);
    // channels span i ± ½: 0…2 keV takes half of channel 0, all of 1, half of 2
    expect(roiCounts(s, 0, 2, 0).gross).toBeCloseTo(20, 12);
  });

  it('refuses regions outside the spectrum or without room for side bands', () => {
    const s = testGammaSpectrum([1, 1, 1, 1]);
    expect(thrownWorkbenchError(() => roiCounts(s, 2, 1)).code).toBe('INVALID_OPTION');
    expect(thrownWorkbenchError(() => roiCounts(s, -5, 1)).code).toBe('INVALID_OPTION');
    expect(thrownWorkbenchError(() => roiCounts(s, 0.6, 1.4, 3)).message).toMatch(/side channels/);
  });
});
