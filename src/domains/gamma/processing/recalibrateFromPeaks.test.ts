import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { testGammaSpectrum } from './processing.testUtil';
import { recalibrateFromPeaks } from './recalibrateFromPeaks';

describe('recalibrateFromPeaks', () => {
  const s = testGammaSpectrum(new Float64Array(4096), { gain: 1 });

  it('fits a line through two peaks exactly', () => {
    const out = recalibrateFromPeaks(s, [
      { channel: 220.5, energyKeV: 661.657 },
      { channel: 486.9, energyKeV: 1460.822 },
    ]);
    const [c0, c1] = out.x.calibration?.coefficients ?? [];
    expect((c0 as number) + (c1 as number) * 220.5).toBeCloseTo(661.657, 9);
    expect((c0 as number) + (c1 as number) * 486.9).toBeCloseTo(1460.822, 9);
    expect(out.x.unit).toBe('keV');
  });

  it('recovers a quadratic calibration from three or more peaks', () => {
    const truth = (ch: number) => 0.5783 + 0.374436 * ch + 2.986e-7 * ch * ch;
    const points = [200, 1600, 3900, 6980].map((channel) => ({ channel, energyKeV: truth(channel) }));
    const out = recalibrateFromPeaks(s, points);
    const c = out.x.calibration?.coefficients as number[];
    expect(c[0]).toBeCloseTo(0.5783, 6);
    expect(c[1]).toBeCloseTo(0.374436, 9);
    expect(c[2]).toBeCloseTo(2.986e-7, 12);
  });

  it('refuses too few or repeated peaks and decreasing calibrations', () => {
    expect(thrownWorkbenchError(() => recalibrateFromPeaks(s, [{ channel: 1, energyKeV: 5 }])).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      thrownWorkbenchError(() =>
        recalibrateFromPeaks(s, [
          { channel: 1, energyKeV: 5 },
          { channel: 1, energyKeV: 6 },
        ]),
      ).message,
    ).toMatch(/same channel/);
    expect(
      thrownWorkbenchError(() =>
        recalibrateFromPeaks(s, [
          { channel: 100, energyKeV: 600 },
          { channel: 200, energyKeV: 500 },
        ]),
      ).message,
    ).toMatch(/not increasing/);
  });
});
