import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fftAnyLength } from './fftAnyLength';

/** Direct O(N²) DFT, NumPy's sign and scaling conventions (the reference). */
function directDft(re: Float64Array, im: Float64Array, inverse: boolean): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((k * j) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr += (re[j] as number) * c - (im[j] as number) * s;
      si += (re[j] as number) * s + (im[j] as number) * c;
    }
    outRe[k] = inverse ? sr / n : sr;
    outIm[k] = inverse ? si / n : si;
  }
  return { re: outRe, im: outIm };
}

function randomComplex(n: number, seed: number): { re: Float64Array; im: Float64Array } {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const re = new Float64Array(n).map(next);
  const im = new Float64Array(n).map(next);
  return { re, im };
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe('fftAnyLength', () => {
  it.each([1, 2, 3, 5, 7, 8, 12, 100, 127, 256, 1000])('matches a direct DFT for N = %i, forward and inverse', (n) => {
    const { re, im } = randomComplex(n, n);
    for (const inverse of [false, true]) {
      const fast = fftAnyLength(re, im, inverse);
      const slow = directDft(re, im, inverse);
      const scale = inverse ? 1 : Math.sqrt(n);
      expect(maxAbsDiff(fast.re, slow.re)).toBeLessThan(1e-12 * scale * 10);
      expect(maxAbsDiff(fast.im, slow.im)).toBeLessThan(1e-12 * scale * 10);
    }
  });

  it('matches a direct DFT for N = 4944 (the suspect basis set length), on every 7th bin', () => {
    const n = 4944;
    const { re, im } = randomComplex(n, 4944);
    const fast = fftAnyLength(re, im);
    for (let k = 0; k < n; k += 7) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        const angle = (-2 * Math.PI * ((k * j) % n)) / n;
        sr += (re[j] as number) * Math.cos(angle) - (im[j] as number) * Math.sin(angle);
        si += (re[j] as number) * Math.sin(angle) + (im[j] as number) * Math.cos(angle);
      }
      expect(Math.abs((fast.re[k] as number) - sr)).toBeLessThan(1e-9);
      expect(Math.abs((fast.im[k] as number) - si)).toBeLessThan(1e-9);
    }
  });

  it('puts a complex exponential e^(2πi·5n/N) into bin 5, and the inverse brings any signal back', () => {
    const n = 30;
    const re = new Float64Array(n).map((_, j) => Math.cos((2 * Math.PI * 5 * j) / n));
    const im = new Float64Array(n).map((_, j) => Math.sin((2 * Math.PI * 5 * j) / n));
    const spectrum = fftAnyLength(re, im);
    expect(spectrum.re[5]).toBeCloseTo(n, 10);
    for (let k = 0; k < n; k++) if (k !== 5) expect(Math.abs(spectrum.re[k] as number)).toBeLessThan(1e-10);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer(), (length, seed) => {
        const x = randomComplex(length, seed);
        const back = fftAnyLength(fftAnyLength(x.re, x.im).re, fftAnyLength(x.re, x.im).im, true);
        expect(maxAbsDiff(back.re, x.re)).toBeLessThan(1e-12);
        expect(maxAbsDiff(back.im, x.im)).toBeLessThan(1e-12);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('returns empty arrays for N = 0 and refuses parts of different lengths', () => {
    expect(fftAnyLength(new Float64Array(0), new Float64Array(0)).re).toHaveLength(0);
    expect(() => fftAnyLength(new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});
