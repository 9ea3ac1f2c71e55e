import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../ml/training/random';
import { readDetector } from './detector';
import { defaultInstrument } from './instrument';

const n = 20000;
const instrument = defaultInstrument({ pixels: n, integrationTimeS: 0.1, countsPerRadianceSecond: 1e4 });
const flat = (radiance: number) => new Float64Array(n).fill(radiance);
const ones = new Float64Array(n).fill(1);

function stats(a: Float64Array): { mean: number; variance: number } {
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  return { mean, variance: a.reduce((s, v) => s + (v - mean) ** 2, 0) / (a.length - 1) };
}

describe('readDetector', () => {
  it('has mean = signal + offset + dark and variance = (signal + dark)/g + read² + 1/12 (Poisson + Gaussian + rounding)', () => {
    // 2 units of radiance → 2000 counts of signal at 0.1 s; dark 20 counts/s → 2 counts.
    const { counts, expectedCounts } = readDetector(flat(2), ones, instrument, createRandom(5));
    const { mean, variance } = stats(counts);
    expect(expectedCounts[0]).toBeCloseTo(2000 + 300 + 2, 10);
    expect(mean).toBeCloseTo(2302, 0);
    const expectedVariance = 2002 / 8 + 6 ** 2 + 1 / 12;
    expect(variance / expectedVariance).toBeGreaterThan(0.96);
    expect(variance / expectedVariance).toBeLessThan(1.04);
  });

  it('clips at full scale and flags the clipped pixels', () => {
    const radiance = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 100 : 1));
    const out = readDetector(radiance, ones, instrument, createRandom(1));
    expect(Math.max(...out.counts)).toBe(16383);
    expect(out.saturatedCount).toBe(n / 2);
    expect(out.saturated[0]).toBe(1);
    expect(out.saturated[1]).toBe(0);
    expect(out.expectedCounts[0]).toBeGreaterThan(16383);
  });

  it('is deterministic without noise and subtracts offset and dark when dark-corrected', () => {
    const quiet = readDetector(flat(1), ones, instrument, null);
    expect(quiet.counts[0]).toBe(1302);
    const corrected = readDetector(flat(1), ones, { ...instrument, darkCorrected: true }, null);
    expect(corrected.counts[0]).toBe(1000);
    expect(corrected.expectedCounts[0]).toBeCloseTo(1000, 10);
    const longer = readDetector(flat(1), ones, instrument, null, { integrationScale: 3 });
    expect(longer.counts[0]).toBe(3000 + 300 + 6);
  });

  it('adds cosmic-ray spikes where it says', () => {
    // Background ≈ 400 counts (σ ≈ 7.5); a hit adds 500–5000 e⁻ = 62–625 counts (half when it spills).
    const out = readDetector(flat(0.1), ones, instrument, createRandom(1), { cosmicRaysPerSpectrum: 5 });
    expect(out.cosmicRayPixels.length).toBe(5);
    for (const p of out.cosmicRayPixels) expect(out.counts[p]).toBeGreaterThan(400 + 25);
    const quiet = readDetector(flat(0.1), ones, instrument, createRandom(1));
    expect(quiet.cosmicRayPixels).toEqual([]);
    expect(Math.max(...quiet.counts)).toBeLessThan(450);
  });
});
