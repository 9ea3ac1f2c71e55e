import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { testGammaSpectrum } from './processing.testUtil';
import { subtractBackground } from './subtractBackground';

describe('subtractBackground', () => {
  it('scales the background by the live-time ratio and propagates Poisson σ', () => {
    const fg = testGammaSpectrum([100, 50, 25], { liveTimeS: 100 });
    const bg = testGammaSpectrum([40, 40, 40], { liveTimeS: 400 });
    const net = subtractBackground(fg, bg);
    expect([...net.y.values]).toEqual([90, 40, 15]);
    expect(net.y.sigma?.[0]).toBeCloseTo(Math.sqrt(100 + 0.25 * 0.25 * 40), 12);
    expect(net.meta.backgroundScale).toBe(0.25);
  });

  it('rebins a background with another calibration before subtracting', () => {
    const fg = testGammaSpectrum([10, 10, 10, 10], { gain: 1, liveTimeS: 1 });
    const bg = testGammaSpectrum([4, 4], { gain: 2, offset: 0.5, liveTimeS: 1 });
    const net = subtractBackground(fg, bg);
    expect([...net.y.values]).toEqual([8, 8, 8, 8]);
  });

  it('needs times or an explicit scale', () => {
    const fg = testGammaSpectrum([1, 2], { name: 'fg.spe' });
    const bg = testGammaSpectrum([1, 2], { liveTimeS: 5 });
    expect(thrownWorkbenchError(() => subtractBackground(fg, bg))).toMatchObject({
      code: 'INVALID_OPTION',
      file: 'fg.spe',
    });
    expect([...subtractBackground(fg, bg, { scale: 0.5 }).y.values]).toEqual([0.5, 1]);
  });
});
