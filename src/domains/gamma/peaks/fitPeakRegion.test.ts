import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../../core/thrownWorkbenchError';
import { type FitPeakRegionOptions, fitPeakRegion } from './fitPeakRegion';
import type { GammaPeak } from './gammaPeak';
import { expectedCounts, poissonCounts, type SimulatedPeak } from './peakTestHelpers';

const line = (c: number): number => 200 - 0.5 * (c - 100);

interface Coverage {
  centroid: number;
  fwhm: number;
  area: number;
}

function coverage(truth: SimulatedPeak, stepRatio: number, options: Partial<FitPeakRegionOptions>): Coverage {
  const mean = expectedCounts(200, [truth], line, stepRatio);
  const hits = { centroid: 0, fwhm: 0, area: 0 };
  const seeds = 200;
  for (let seed = 1; seed <= seeds; seed++) {
    const fit = fitPeakRegion(poissonCounts(mean, seed), {
      start: 70,
      end: 130,
      centroids: [101],
      fwhm: 7,
      ...options,
    });
    expect(fit.converged).toBe(true);
    const peak = fit.peaks[0] as GammaPeak;
    if (Math.abs(peak.centroidChannel - truth.centroid) < peak.centroidSigmaKeV) hits.centroid += 1;
    if (Math.abs(peak.fwhmKeV - truth.fwhm) < peak.fwhmSigmaKeV) hits.fwhm += 1;
    if (Math.abs(peak.netArea - truth.area) < peak.netAreaSigma) hits.area += 1;
  }
  return { centroid: hits.centroid / seeds, fwhm: hits.fwhm / seeds, area: hits.area / seeds };
}

function expectNominal(result: Coverage): void {
  for (const value of Object.values(result)) {
    expect(value).toBeGreaterThanOrEqual(0.55);
    expect(value).toBeLessThanOrEqual(0.8);
  }
}

describe('fitPeakRegion: one Gaussian on a linear continuum, Poisson noise, 200 seeds', () => {
  const truth = { centroid: 100.3, fwhm: 8, area: 5000 };

  it('centroid, FWHM and area lie within 1σ in 55–80 % of the seeds (no step fitted)', () => {
    expectNominal(coverage(truth, 0, { step: false }));
  });

  it('the same with the step fitted to data that have a step (ratio 0.02)', () => {
    expectNominal(coverage(truth, 0.02, {}));
  });

  it('the same with Neyman weights only (weighting: data)', () => {
    expectNominal(coverage(truth, 0, { step: false, weighting: 'data' }));
  });

  it('scales σ by √(reduced χ²) when the scatter exceeds Poisson (counts × 4)', () => {
    const mean = expectedCounts(200, [{ ...truth, area: 1250 }], (c) => line(c) / 4);
    const areas: number[] = [];
    const sigmas: number[] = [];
    for (let seed = 1; seed <= 150; seed++) {
      const y = poissonCounts(mean, seed).map((v) => 4 * v);
      const fit = fitPeakRegion(y, { start: 70, end: 130, centroids: [101], fwhm: 7, step: false });
      expect(fit.reducedChiSquare).toBeGreaterThan(2);
      areas.push((fit.peaks[0] as GammaPeak).netArea);
      sigmas.push((fit.peaks[0] as GammaPeak).netAreaSigma);
    }
    const m = areas.reduce((s, v) => s + v, 0) / areas.length;
    const sd = Math.sqrt(areas.reduce((s, v) => s + (v - m) ** 2, 0) / (areas.length - 1));
    const predicted = sigmas.reduce((s, v) => s + v, 0) / sigmas.length;
    expect(predicted / sd).toBeGreaterThan(0.8);
    expect(predicted / sd).toBeLessThan(1.25);
  });
});

describe('fitPeakRegion: multiplets and the step', () => {
  it('resolves a doublet 1 FWHM apart: both areas within 3σ in each of 10 seeds', () => {
    const peaks = [
      { centroid: 100, fwhm: 8, area: 6000 },
      { centroid: 108, fwhm: 8, area: 3000 },
    ];
    const mean = expectedCounts(220, peaks, line, 0.01);
    for (let seed = 1; seed <= 10; seed++) {
      const fit = fitPeakRegion(poissonCounts(mean, seed), { start: 76, end: 132, centroids: [99, 110], fwhm: 8 });
      expect(fit.converged).toBe(true);
      fit.peaks.forEach((peak, j) => {
        const expected = peaks[j] as SimulatedPeak;
        expect(Math.abs(peak.netArea - expected.area)).toBeLessThan(3 * peak.netAreaSigma);
        expect(Math.abs(peak.centroidChannel - expected.centroid)).toBeLessThan(3 * peak.centroidSigmaKeV);
        expect(peak.regionId).toBe(0);
      });
    }
  });

  it('shares the width and scales it with the resolution model', () => {
    const fwhm = (c: number): number => 0.05 * c;
    const peaks = [
      { centroid: 100, fwhm: 5, area: 8000 },
      { centroid: 108, fwhm: 5.4, area: 8000 },
    ];
    const fit = fitPeakRegion(poissonCounts(expectedCounts(200, peaks, line), 3), {
      start: 85,
      end: 124,
      centroids: [100, 108],
      fwhm,
      regionId: 7,
    });
    const [a, b] = fit.peaks as [GammaPeak, GammaPeak];
    expect(b.fwhmKeV / a.fwhmKeV).toBeCloseTo(108 / 100, 2);
    expect(Math.abs(a.fwhmKeV - 5)).toBeLessThan(3 * a.fwhmSigmaKeV);
    expect(a.regionId).toBe(7);
  });

  it('handles the smoothed step: the step ratio is recovered and the area stays unbiased', () => {
    const truth = { centroid: 100.3, fwhm: 8, area: 20000 };
    const mean = expectedCounts(200, [truth], line, 0.05);
    const y = poissonCounts(mean, 11);
    const withStep = fitPeakRegion(y, { start: 70, end: 130, centroids: [101], fwhm: 8 });
    const without = fitPeakRegion(y, { start: 70, end: 130, centroids: [101], fwhm: 8, step: false });
    const peak = withStep.peaks[0] as GammaPeak;
    expect(Math.abs(withStep.stepRatio - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(peak.netArea - truth.area)).toBeLessThan(3 * peak.netAreaSigma);
    expect(withStep.reducedChiSquare).toBeLessThan(1.5);
    expect(without.reducedChiSquare).toBeGreaterThan(2 * withStep.reducedChiSquare);
    expect(without.stepRatio).toBe(0);
  });

  it('maps channels to energies with the local dispersion', () => {
    const mean = expectedCounts(200, [{ centroid: 100.3, fwhm: 8, area: 5000 }], line);
    const y = poissonCounts(mean, 5);
    const base = fitPeakRegion(y, { start: 70, end: 130, centroids: [101], fwhm: 8 });
    const keV = fitPeakRegion(y, { start: 70, end: 130, centroids: [101], fwhm: 8, energyAt: (c) => 10 + 0.5 * c });
    const [p, q] = [base.peaks[0] as GammaPeak, keV.peaks[0] as GammaPeak];
    expect(q.centroidKeV).toBeCloseTo(10 + 0.5 * p.centroidChannel, 9);
    expect(q.centroidSigmaKeV).toBeCloseTo(0.5 * p.centroidSigmaKeV, 9);
    expect(q.fwhmKeV).toBeCloseTo(0.5 * p.fwhmKeV, 9);
    expect(q.fwhmSigmaKeV).toBeCloseTo(0.5 * p.fwhmSigmaKeV, 9);
    expect(q.netArea).toBeCloseTo(p.netArea, 6);
    expect(q.significance).toBeCloseTo(p.netArea / p.netAreaSigma, 9);
    expect(base.model).toHaveLength(61);
  });

  it('gives zero significance to a peak that is not there', () => {
    const y = poissonCounts(expectedCounts(200, [], line), 2);
    const fit = fitPeakRegion(y, { start: 70, end: 130, centroids: [100], fwhm: 8 });
    expect((fit.peaks[0] as GammaPeak).significance).toBeLessThan(3);
  });
});

describe('fitPeakRegion: guards', () => {
  const y = new Float64Array(100).fill(10);
  const base: FitPeakRegionOptions = { start: 20, end: 60, centroids: [40], fwhm: 5 };
  const cases: [string, Partial<FitPeakRegionOptions>, string][] = [
    ['start beyond the counts', { start: -1 }, 'start and end'],
    ['end beyond the counts', { end: 100 }, 'start and end'],
    ['fractional start', { start: 20.5 }, 'start and end'],
    ['no centroid', { centroids: [] }, 'centroids'],
    ['centroid outside', { centroids: [70] }, 'centroids'],
    ['too few channels', { start: 38, end: 43 }, 'channels'],
    ['zero FWHM', { fwhm: 0 }, 'fwhm'],
    ['NaN FWHM function', { fwhm: () => Number.NaN }, 'fwhm'],
    ['bad width range', { widthRange: [2, 1] }, 'widthRange'],
    ['bad weighting', { weighting: 'pearson' as 'data' }, 'weighting'],
  ];
  it.each(cases)('%s → INVALID_OPTION', (_, change, name) => {
    const error = thrown(() => fitPeakRegion(y, { ...base, ...change }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(name);
  });
});
