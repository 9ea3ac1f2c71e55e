import { describe, expect, it } from 'vitest';
import { estimateResolution } from './estimateResolution';
import { expectedCounts, poissonCounts, simulatedHpgeFwhm, simulateHpge } from './peakTestHelpers';

describe('estimateResolution', () => {
  it.each([1, 2, 3])('recovers FWHM = √(a + b·E) of a simulated HPGe within 6 % (seed %d)', (seed) => {
    const sim = simulateHpge(seed);
    const estimate = estimateResolution(sim.counts, sim.energies);
    expect(estimate.model).toBe('sqrtLinear');
    for (const energy of [150, 350, 662, 1332, 2000]) {
      expect(estimate.fwhmAt(energy) / simulatedHpgeFwhm(energy)).toBeGreaterThan(0.94);
      expect(estimate.fwhmAt(energy) / simulatedHpgeFwhm(energy)).toBeLessThan(1.06);
    }
    expect(estimate.points.filter((p) => p.used).length).toBeGreaterThanOrEqual(3);
    // The Doppler-broadened annihilation line, when it was fitted, is rejected as an outlier.
    for (const p of estimate.points) if (Math.abs(p.value - 511) < 1) expect(p.used).toBe(false);
  });

  it('works in channels when the axis is the channel number', () => {
    const sim = simulateHpge(4);
    const channels = Float64Array.from(sim.counts, (_, i) => i);
    const estimate = estimateResolution(sim.counts, channels);
    const peak = sim.peaks.find((p) => p.energy === 1332.49);
    if (peak === undefined) throw new Error('no 1332 keV line');
    const expected = peak.fwhmKeV / (0.25 + 4e-7 * peak.channel);
    expect(estimate.fwhmAt(peak.channel) / expected).toBeGreaterThan(0.94);
    expect(estimate.fwhmAt(peak.channel) / expected).toBeLessThan(1.06);
  });

  it('keeps a constant width in channels for a single peak', () => {
    const counts = poissonCounts(
      expectedCounts(1024, [{ centroid: 500, fwhm: 12, area: 20000 }], () => 30),
      2,
    );
    const axis = Float64Array.from(counts, (_, i) => 2 * i);
    const estimate = estimateResolution(counts, axis);
    expect(estimate.model).toBe('constantChannels');
    expect(estimate.fwhmChannels).toBeGreaterThan(11);
    expect(estimate.fwhmChannels).toBeLessThan(13);
    expect(estimate.fwhmAt(100)).toBeCloseTo(2 * estimate.fwhmChannels, 9);
  });

  it('falls back to a guess when there is no peak', () => {
    const counts = poissonCounts(
      expectedCounts(1024, [], () => 50),
      1,
    );
    const estimate = estimateResolution(
      counts,
      Float64Array.from(counts, (_, i) => i),
    );
    expect(estimate.model).toBe('guess');
    expect(estimate.fwhmAt(300)).toBeGreaterThan(0);
    expect(estimate.points).toEqual([]);
  });
});
