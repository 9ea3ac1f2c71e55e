import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { argmaxRows } from '../metrics/classification';
import { r2 } from '../metrics/regression';
import { toyPeakRegression, toyPeaksClassification } from './toyGenerators';

describe('toyPeaksClassification', () => {
  const generator = toyPeaksClassification({ length: 256 });
  const data = generator.generate(300, 1);

  it('makes [1, L, 1] spectra scaled to max 1 and one-hot peak counts', () => {
    expect(data.size).toBe(300);
    expect(data.inputs[0]?.shape).toEqual([1, 256, 1]);
    expect(data.targets[0]?.shape).toEqual([3]);
    const spectra = data.inputs[0]?.values ?? new Float32Array();
    expect(spectra).toHaveLength(300 * 256);
    for (let n = 0; n < 300; n++) {
      const spectrum = spectra.subarray(n * 256, (n + 1) * 256);
      expect(Math.max(...spectrum)).toBe(1);
      expect(Math.min(...spectrum)).toBeGreaterThanOrEqual(0);
    }
    const labels = argmaxRows(data.targets[0]?.values ?? [], 3);
    const counts = [0, 1, 2].map((k) => labels.filter((l) => l === k).length);
    for (const count of counts) expect(count).toBeGreaterThan(70); // ~100 each
    expect((data.targets[0]?.values ?? new Float32Array()).reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('is reproducible, seed-dependent and prefix-stable', () => {
    expect(generator.generate(300, 1)).toEqual(data);
    expect(generator.generate(5, 2).inputs[0]?.values).not.toEqual(generator.generate(5, 1).inputs[0]?.values);
    expect(generator.generate(10, 1).inputs[0]?.values).toEqual(data.inputs[0]?.values.subarray(0, 10 * 256));
  });

  it('describes its parameter ranges as JSON for the model card', () => {
    const description = generator.describe();
    expect(description.id).toBe('toy-peaks-classification');
    expect(description.parameters.fwhm).toMatchObject({ min: 2, max: 8, unit: 'points' });
    expect(description.parameters.peakCount).toMatchObject({ min: 1, max: 3 });
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
  });

  it('rejects bad options', () => {
    expect(thrown(() => toyPeaksClassification({ length: 64 })).message).toMatch(/length must be an integer ≥ 128/);
    expect(thrown(() => generator.generate(-1, 1)).message).toMatch(/count/);
  });
});

describe('toyPeakRegression', () => {
  it('targets match the simulated peak: the maximum lies at the position, area ≈ sum above baseline', () => {
    const length = 512;
    const data = toyPeakRegression({ length, targets: ['position', 'fwhm', 'area'] }).generate(50, 3);
    const spectra = data.inputs[0]?.values ?? new Float32Array();
    const targets = data.targets[0]?.values ?? new Float32Array();
    expect(data.targets[0]?.shape).toEqual([3]);
    const areas: number[] = [];
    const estimatedAreas: number[] = [];
    for (let n = 0; n < 50; n++) {
      const [position, fwhm, area] = [0, 1, 2].map((k) => targets[3 * n + k] as number) as [number, number, number];
      expect(position).toBeGreaterThanOrEqual(0.05);
      expect(position).toBeLessThanOrEqual(0.95);
      expect(fwhm).toBeGreaterThanOrEqual(4);
      expect(fwhm).toBeLessThanOrEqual(16);
      const spectrum = spectra.subarray(n * length, (n + 1) * length);
      const centre = position * length;
      // Peak height ≥ 200 counts (0.2 in input units) over ≤ 300 counts of baseline: the
      // smoothed maximum sits within a FWHM of the centre.
      let best = 0;
      let bestValue = -1;
      for (let i = 2; i < length - 2; i++) {
        const value = spectrum.subarray(i - 2, i + 3).reduce((a, b) => a + b, 0);
        if (value > bestValue) [best, bestValue] = [i, value];
      }
      expect(Math.abs(best - centre)).toBeLessThan(fwhm);
      // Area: sum over ±3 FWHM minus a linear baseline through the means of 5 points on each flank.
      const lo = Math.max(5, Math.round(centre - 3 * fwhm));
      const hi = Math.min(length - 5, Math.round(centre + 3 * fwhm));
      const mean = (from: number) => spectrum.subarray(from, from + 5).reduce((a, b) => a + b, 0) / 5;
      const baseline = ((mean(lo - 5) + mean(hi)) / 2) * (hi - lo);
      estimatedAreas.push(spectrum.subarray(lo, hi).reduce((a, b) => a + b, 0) - baseline);
      areas.push(area);
    }
    expect(r2(areas, estimatedAreas).overall).toBeGreaterThan(0.9);
  });

  it('keeps only the chosen targets, in order', () => {
    const all = toyPeakRegression({ length: 128 }).generate(4, 1).targets[0]?.values ?? [];
    const fwhmOnly = toyPeakRegression({ length: 128, targets: ['fwhm'] }).generate(4, 1).targets[0]?.values ?? [];
    expect(Array.from(fwhmOnly)).toEqual([1, 4, 7, 10].map((i) => all[i]));
    const description = toyPeakRegression({ length: 128, targets: ['area', 'position'] }).describe();
    expect(description.targets[0]?.shape).toEqual([2]);
    expect(description.targets[0]?.description).toMatch(/^peak area.*; peak centre/);
  });

  it('rejects bad options', () => {
    expect(thrown(() => toyPeakRegression({ targets: [] })).message).toMatch(/targets/);
    expect(thrown(() => toyPeakRegression({ targets: ['fwhm', 'fwhm'] })).message).toMatch(/distinct/);
    expect(thrown(() => toyPeakRegression({ countScale: 0 })).message).toMatch(/countScale/);
  });
});
