import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { toGammaSpectrum } from '../gammaSpectrum';
import { testGammaSpectrum } from './processing.testUtil';
import { gridCalibration, rebinSpectrum } from './rebinSpectrum';

describe('rebinSpectrum', () => {
  it('conserves counts onto a common grid and carries Poisson σ', () => {
    const counts = Array.from({ length: 100 }, (_, i) => (i * 7) % 13);
    const s = testGammaSpectrum(counts, { offset: 5, gain: 0.9 });
    const out = rebinSpectrum(s, gridCalibration({ minKeV: 0, maxKeV: 200, channels: 64 }));
    const total = counts.reduce((a, b) => a + b, 0);
    expect(out.y.values.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
    expect(out.meta.rebinDroppedCounts).toBeCloseTo(0, 9);
    expect(out.x.values[0]).toBeCloseTo(200 / 64 / 2, 12);
    const variance = (out.y.sigma as Float64Array).reduce((a, b) => a + b * b, 0);
    expect(variance).toBeCloseTo(total, 9);
  });

  it('reports counts outside the new range as dropped', () => {
    const s = testGammaSpectrum([10, 10, 10, 10], { gain: 1 });
    const out = rebinSpectrum(s, gridCalibration({ minKeV: 0.5, maxKeV: 2.5, channels: 2 }));
    expect([...out.y.values]).toEqual([10, 10]);
    expect(out.meta.rebinDroppedCounts).toBe(20);
  });

  it('refuses an uncalibrated spectrum with INVALID_OPTION', () => {
    const s = toGammaSpectrum({ counts: new Float64Array(4) }, 'x.spe', 0, 'test');
    const error = thrownWorkbenchError(() => rebinSpectrum(s, gridCalibration({ minKeV: 0, maxKeV: 1, channels: 2 })));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.file).toBe('x.spe');
  });
});
