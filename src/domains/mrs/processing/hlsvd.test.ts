import { describe, expect, it } from 'vitest';
import { hlsvd, hlsvdSignal } from './hlsvd';
import { ACQ, addNoise, gaussian, seeded } from './transientTestSupport';

const TRUE = [
  { frequencyHz: 320, dampingPerS: 15, re: 1, im: 0.2 },
  { frequencyHz: 200, dampingPerS: 20, re: 0.5, im: -0.3 },
  { frequencyHz: 180, dampingPerS: 20, re: 0.4, im: 0 },
  { frequencyHz: -10, dampingPerS: 30, re: 50, im: 10 },
  { frequencyHz: 5, dampingPerS: 60, re: -20, im: 5 },
];

describe('hlsvd', () => {
  it('recovers frequencies, dampings and amplitudes of a noise-free sum of exponentials', () => {
    const fid = hlsvdSignal(TRUE, ACQ.n, ACQ.dwell);
    const { components, singularValues } = hlsvd(fid, ACQ.dwell, { components: 5 });
    expect(components).toHaveLength(5);
    expect(singularValues).toHaveLength(5);
    for (const expected of TRUE) {
      const match = components.reduce((best, c) =>
        Math.abs(c.frequencyHz - expected.frequencyHz) < Math.abs(best.frequencyHz - expected.frequencyHz) ? c : best,
      );
      expect(match.frequencyHz).toBeCloseTo(expected.frequencyHz, 6);
      expect(match.dampingPerS).toBeCloseTo(expected.dampingPerS, 6);
      expect(match.re).toBeCloseTo(expected.re, 6);
      expect(match.im).toBeCloseTo(expected.im, 6);
    }
  });

  it('models a noisy FID with more components than lines, the residual at the noise level', () => {
    const fid = addNoise(hlsvdSignal(TRUE, ACQ.n, ACQ.dwell), 0.01, gaussian(seeded(5)));
    const { components } = hlsvd(fid, ACQ.dwell, { components: 20 });
    const model = hlsvdSignal(components, ACQ.n, ACQ.dwell);
    let sum = 0;
    for (let t = 0; t < ACQ.n; t++)
      sum +=
        ((fid.re[t] as number) - (model.re[t] as number)) ** 2 + ((fid.im[t] as number) - (model.im[t] as number)) ** 2;
    const rms = Math.sqrt(sum / (2 * ACQ.n));
    expect(rms).toBeLessThan(0.0105);
    expect(rms).toBeGreaterThan(0.009);
  });

  it('fits the first points only when asked', () => {
    const fid = hlsvdSignal(TRUE.slice(0, 2), ACQ.n, ACQ.dwell);
    const { components } = hlsvd(fid, ACQ.dwell, { components: 2, points: 256, rows: 100 });
    expect(components.map((c) => Math.round(c.frequencyHz)).sort((a, b) => a - b)).toEqual([200, 320]);
  });

  it('rejects out-of-range options', () => {
    const fid = hlsvdSignal(TRUE, 64, ACQ.dwell);
    expect(() => hlsvd(fid, ACQ.dwell, { components: 40 })).toThrow(/components/);
    expect(() => hlsvd(fid, ACQ.dwell, { points: 4 })).toThrow(/points/);
    expect(() => hlsvd(fid, 0)).toThrow(/dwellTimeS/);
    expect(() => hlsvd(fid, ACQ.dwell, { rows: 64 })).toThrow(/rows/);
  });
});
