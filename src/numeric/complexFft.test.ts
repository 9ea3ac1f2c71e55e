import { describe, expect, it } from 'vitest';
import { complexFft } from './complexFft';
import { fftAnyLength } from './fftAnyLength';

function signal(n: number, seed: number): { re: Float64Array; im: Float64Array } {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return { re: Float64Array.from({ length: n }, next), im: Float64Array.from({ length: n }, next) };
}

describe('complexFft', () => {
  it.each([1, 2, 4, 8, 1024, 2048, 4096, 1000, 4944])('matches the direct DFT definition at N = %i', (n) => {
    const { re, im } = signal(n, n);
    const fft = complexFft(n);
    const outRe = new Float64Array(n);
    const outIm = new Float64Array(n);
    fft.forward(re, im, outRe, outIm);
    for (const k of [0, 1, Math.floor(n / 3), n - 1].filter((index) => index < n)) {
      let sumRe = 0;
      let sumIm = 0;
      for (let t = 0; t < n; t++) {
        const angle = (-2 * Math.PI * ((k * t) % n)) / n;
        sumRe += (re[t] as number) * Math.cos(angle) - (im[t] as number) * Math.sin(angle);
        sumIm += (re[t] as number) * Math.sin(angle) + (im[t] as number) * Math.cos(angle);
      }
      expect(outRe[k]).toBeCloseTo(sumRe, 9);
      expect(outIm[k]).toBeCloseTo(sumIm, 9);
    }
  });

  it('gives the same result on every run of one plan (buffers are reused, not stale)', () => {
    const fft = complexFft(256);
    const a = signal(256, 1);
    const b = signal(256, 2);
    const out = [new Float64Array(256), new Float64Array(256)] as const;
    fft.forward(a.re, a.im, out[0], out[1]);
    const first = Float64Array.from(out[0]);
    fft.forward(b.re, b.im, out[0], out[1]);
    fft.forward(a.re, a.im, out[0], out[1]);
    expect(out[0]).toEqual(first);
    expect(out[0]).not.toEqual(fftAnyLength(b.re, b.im).re);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => complexFft(0)).toThrow(/size must be an integer ≥ 1/);
    expect(() => complexFft(2.5)).toThrow(/got 2.5/);
  });
});
