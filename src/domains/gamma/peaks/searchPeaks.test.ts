import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../../core/thrownWorkbenchError';
import { expectedCounts, poissonCounts } from './peakTestHelpers';
import { type SearchPeaksOptions, searchPeaks } from './searchPeaks';

const flat = (level: number) => () => level;

describe('searchPeaks: Mariscotti second difference', () => {
  it('finds a peak on a sloped continuum at its channel', () => {
    const mean = expectedCounts(300, [{ centroid: 150.3, fwhm: 6, area: 3000 }], (c) => 100 + 0.3 * c);
    for (let seed = 1; seed <= 5; seed++) {
      const found = searchPeaks(poissonCounts(mean, seed), { fwhm: 6 });
      const near = found.filter((c) => Math.abs(c.channel - 150.3) < 1);
      expect(near).toHaveLength(1);
      expect(near[0]?.significance).toBeGreaterThan(10);
      expect(near[0]?.fwhm).toBe(6);
    }
  });

  it('gives no candidate on any noise-free linear continuum (the kernel has zero sum and first moment)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (a, b) => {
          const counts = Float64Array.from({ length: 400 }, (_, i) => Math.max(0, a + b * i));
          const kink = b < 0 && a + b * 399 < 0; // clipped at 0: a real corner, a dip is allowed there
          if (!kink) expect(searchPeaks(counts, { fwhm: 7, threshold: 1e-6 })).toEqual([]);
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it('follows a FWHM that grows with the channel', () => {
    const peaks = [
      { centroid: 200, fwhm: 4, area: 1500 },
      { centroid: 1800, fwhm: 20, area: 6000 },
    ];
    const fwhm = (c: number): number => 4 + (16 * (c - 200)) / 1600;
    const mean = expectedCounts(2048, peaks, flat(50));
    const found = searchPeaks(poissonCounts(mean, 3), { fwhm, threshold: 5 });
    for (const peak of peaks) {
      const near = found.filter((c) => Math.abs(c.channel - peak.centroid) < peak.fwhm / 2);
      expect(near).toHaveLength(1);
      expect(near[0]?.fwhm).toBeCloseTo(fwhm(Math.round(near[0]?.channel ?? 0)), 9);
    }
  });

  it('separates two peaks 2 FWHM apart', () => {
    const peaks = [
      { centroid: 100, fwhm: 6, area: 4000 },
      { centroid: 112, fwhm: 6, area: 2500 },
    ];
    const found = searchPeaks(poissonCounts(expectedCounts(220, peaks, flat(80)), 4), { fwhm: 6, threshold: 5 });
    // The filter's side lobes push close neighbours apart by about a channel; the fit puts them back.
    expect(found).toHaveLength(2);
    expect(Math.abs((found[0]?.channel as number) - 100)).toBeLessThan(1.5);
    expect(Math.abs((found[1]?.channel as number) - 112)).toBeLessThan(1.5);
  });

  it('a higher threshold keeps the stronger candidates only', () => {
    const peaks = [20, 40, 80, 160, 320, 640].map((area, k) => ({ centroid: 60 + 60 * k, fwhm: 5, area }));
    const counts = poissonCounts(expectedCounts(450, peaks, flat(20)), 9);
    const low = searchPeaks(counts, { fwhm: 5, threshold: 3 });
    const high = searchPeaks(counts, { fwhm: 5, threshold: 8 });
    expect(high.length).toBeLessThan(low.length);
    for (const c of high) expect(low.some((l) => l.channel === c.channel)).toBe(true);
    expect(high.every((c) => c.significance > 8)).toBe(true);
  });

  it('false candidates on a flat Poisson continuum stay at the one-sided 3σ tail rate', () => {
    let total = 0;
    for (let seed = 1; seed <= 10; seed++) {
      total += searchPeaks(poissonCounts(expectedCounts(4096, [], flat(100)), seed), { fwhm: 6 }).length;
    }
    // ~4096/6 independent widths × 0.13 % ≈ 1 per spectrum.
    expect(total / 10).toBeLessThan(4);
  });

  it('does not search within half a kernel of either end', () => {
    const mean = expectedCounts(200, [{ centroid: 3, fwhm: 6, area: 5000 }], flat(10));
    expect(searchPeaks(poissonCounts(mean, 1), { fwhm: 6 }).filter((c) => c.channel < 10)).toEqual([]);
    expect(searchPeaks([1, 2, 3], { fwhm: 6 })).toEqual([]);
    expect(searchPeaks([], { fwhm: 6 })).toEqual([]);
  });

  it('property: any counts give sorted candidates inside the spectrum above the threshold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 300 }),
        fc.double({ min: 1, max: 30, noNaN: true }),
        (counts, fwhm) => {
          const found = searchPeaks(counts, { fwhm, threshold: 2 });
          for (let k = 0; k < found.length; k++) {
            const c = found[k];
            expect(c?.channel).toBeGreaterThanOrEqual(0);
            expect(c?.channel).toBeLessThanOrEqual(counts.length - 1);
            expect(c?.significance).toBeGreaterThan(2);
            if (k > 0) expect(c?.channel).toBeGreaterThan(found[k - 1]?.channel as number);
          }
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe('searchPeaks: guards', () => {
  const counts = new Float64Array(100).fill(5);
  const cases: [string, SearchPeaksOptions, string][] = [
    ['threshold 0', { fwhm: 5, threshold: 0 }, 'threshold'],
    ['threshold NaN', { fwhm: 5, threshold: Number.NaN }, 'threshold'],
    ['smoothingPasses 0', { fwhm: 5, smoothingPasses: 0 }, 'smoothingPasses'],
    ['smoothingPasses 11', { fwhm: 5, smoothingPasses: 11 }, 'smoothingPasses'],
    ['smoothingPasses 1.5', { fwhm: 5, smoothingPasses: 1.5 }, 'smoothingPasses'],
    ['fwhm 0', { fwhm: 0 }, 'fwhm'],
    ['fwhm function NaN', { fwhm: (c) => (c > 50 ? Number.NaN : 5) }, 'fwhm'],
  ];
  it.each(cases)('%s → INVALID_OPTION', (_, options, name) => {
    const error = thrown(() => searchPeaks(counts, options));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(name);
  });

  it('a count that is not finite → INVALID_DATA naming the channel', () => {
    const bad = Float64Array.from(counts);
    bad[42] = Number.POSITIVE_INFINITY;
    const error = thrown(() => searchPeaks(bad, { fwhm: 5 }));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain('42');
  });
});
