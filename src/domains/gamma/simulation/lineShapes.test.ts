import { describe, expect, it } from 'vitest';
import { addPeak, addTemplate, blurVariable, erfc, erfcx, lowerBound, normalCdf, tailedCdf } from './lineShapes';

const edges = Float64Array.from({ length: 1025 }, (_, i) => (i - 0.5) * 2); // 2 keV channels, 0 … 2046 keV

function moment(values: Float64Array, centers: (i: number) => number): { sum: number; mean: number; sd: number } {
  let s = 0;
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i] as number;
    m += (values[i] as number) * centers(i);
  }
  m /= s;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] as number) * (centers(i) - m) ** 2;
  return { sum: s, mean: m, sd: Math.sqrt(v / s) };
}

describe('error functions', () => {
  it('match reference values (relative error < 2e-7)', () => {
    const ref: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [-1, 1.8427007929497148],
      [5, 1.5374597944280349e-12],
    ];
    for (const [x, v] of ref) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(2e-7);
    // Asymptotic series: erfcx(x)·x√π = 1 − 1/(2x²) + 3/(4x⁴) − …
    expect(erfcx(30) * 30 * Math.sqrt(Math.PI)).toBeCloseTo(1 - 1 / 1800 + 3 / (4 * 30 ** 4), 6);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
  });

  it('gives a tailed CDF that is a distribution function', () => {
    let prev = 0;
    for (let y = -200; y <= 50; y += 0.5) {
      const c = tailedCdf(y, 3, 1 / 6);
      expect(c).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = c;
    }
    expect(tailedCdf(-1e4, 3, 0.2)).toBeCloseTo(0, 9);
    expect(tailedCdf(1e4, 3, 0.2)).toBeCloseTo(1, 9);
  });
});

describe('addPeak', () => {
  it('integrates a Gaussian over channel edges: area, centroid and σ preserved', () => {
    const t = new Float64Array(1024);
    const added = addPeak(t, edges, 661.657, 17.7, 5000);
    const m = moment(t, (i) => 2 * i);
    expect(added).toBeCloseTo(5000, 3);
    expect(m.mean).toBeCloseTo(661.657, 2);
    expect(m.sd).toBeCloseTo(Math.sqrt(17.7 ** 2 + 4 / 12), 1);
  });

  it('moves tail area below the peak (mean shifted by fraction × decay length)', () => {
    const t = new Float64Array(1024);
    addPeak(t, edges, 1000, 5, 1000, 0.2, 3);
    const m = moment(t, (i) => 2 * i);
    expect(m.sum).toBeCloseTo(1000, 1);
    expect(m.mean).toBeCloseTo(1000 - 0.2 * 15, 1);
  });
});

describe('addTemplate and blurVariable', () => {
  it('projects a cumulative template onto channels without losing counts', () => {
    const cdf = Float64Array.from({ length: 101 }, (_, i) => i / 100); // uniform over [0, 500] keV
    const t = new Float64Array(1024);
    addTemplate(t, edges, cdf, 500, 300);
    const total = t.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(300, 6);
    expect(t[100]).toBeCloseTo((300 / 500) * 2, 6);
    expect(t[300]).toBe(0);
  });

  it('blurs with an energy-dependent σ, conserving counts and centroid', () => {
    const v = new Float64Array(1024);
    v[400] = 1000;
    const centers = Float64Array.from({ length: 1024 }, (_, i) => 2 * i);
    const widths = new Float64Array(1024).fill(2);
    const out = blurVariable(v, centers, widths, (e) => 0.02 * e);
    const m = moment(out, (i) => 2 * i);
    expect(m.sum).toBeCloseTo(1000, 6);
    expect(m.mean).toBeCloseTo(800, 6);
    expect(m.sd).toBeCloseTo(16, 1);
  });

  it('finds the first edge at or above a value', () => {
    expect(lowerBound([0, 1, 2, 3], 1.5)).toBe(2);
    expect(lowerBound([0, 1, 2, 3], -1)).toBe(0);
    expect(lowerBound([0, 1, 2, 3], 9)).toBe(4);
  });
});
