import { describe, expect, it } from 'vitest';
import { detectConjugation, magnitudeSpectrum } from './conjugation';

/** An FID with one Lorentzian line at `ppm` in the NIfTI-MRS convention (f = (centre − ppm)·cf). */
function fid(ppm: number, cf = 123.2, dwell = 0.00025, n = 2048) {
  const f = (4.65 - ppm) * cf;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i * dwell;
    re[i] = Math.cos(2 * Math.PI * f * t) * Math.exp(-t / 0.1);
    im[i] = Math.sin(2 * Math.PI * f * t) * Math.exp(-t / 0.1);
  }
  return { re, im };
}

describe('MRS sign convention', () => {
  it('puts a line at its ppm on the NIfTI-MRS axis (ppm = centre − f/cf)', () => {
    const { re, im } = fid(2.01);
    const { ppm, magnitude } = magnitudeSpectrum(re, im, 123.2, 0.00025, 4.65);
    const top = magnitude.indexOf(Math.max(...magnitude));
    expect(ppm[top]).toBeCloseTo(2.01, 1);
    expect(ppm[0] as number).toBeGreaterThan(ppm[ppm.length - 1] as number);
  });

  it('detects an FID in the opposite convention (conjugated), like FSL-MRS check_FID', () => {
    const { re, im } = fid(2.01);
    expect(detectConjugation(re, im, 123.2, 0.00025).conjugate).toBe(false);
    expect(
      detectConjugation(
        re,
        im.map((v) => -v),
        123.2,
        0.00025,
      ).conjugate,
    ).toBe(true);
  });
});
