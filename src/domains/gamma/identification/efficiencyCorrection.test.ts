import { describe, expect, it } from 'vitest';
import { applyCorrection, type EfficiencyPoint, fitEfficiencyCorrection, NO_CORRECTION } from './efficiencyCorrection';

/** Points whose area follows prior × (E/300)^slope, two sources with different scales. */
function points(slope: number): EfficiencyPoint[] {
  const out: EfficiencyPoint[] = [];
  [
    [150, 300, 600, 1200],
    [200, 800, 1600, 2600],
  ].forEach((energies, source) => {
    for (const e of energies) {
      const signal = 0.1 + e / 1e4;
      out.push({ energyKeV: e, signal, area: (source + 1) * 1e4 * signal * (e / 300) ** slope, areaSigma: 50, source });
    }
  });
  return out;
}

describe('fitEfficiencyCorrection', () => {
  it('recovers a log-log slope shared by several sources with their own scales', () => {
    const c = fitEfficiencyCorrection(points(-0.3));
    expect(c.slope).toBeCloseTo(-0.3, 2);
    expect(c.curvature).toBeCloseTo(0, 2);
    expect(applyCorrection(c, 1200) / applyCorrection(c, 300)).toBeCloseTo(4 ** -0.3, 2);
  });

  it('leaves out a peak shared with another nuclide (far above the others)', () => {
    const shared = points(-0.3).map((p) => (p.energyKeV === 600 ? { ...p, area: p.area * 6 } : p));
    expect(fitEfficiencyCorrection(shared).slope).toBeCloseTo(-0.3, 2);
  });

  it('clamps an implausible slope, stays constant beyond the fitted span, and needs enough points', () => {
    expect(fitEfficiencyCorrection(points(3)).slope).toBe(0.5);
    const c = fitEfficiencyCorrection(points(-0.3));
    expect(applyCorrection(c, 5000)).toBeCloseTo(applyCorrection(c, 2600), 12);
    expect(applyCorrection(c, 20)).toBeCloseTo(applyCorrection(c, 150), 12);
    expect(fitEfficiencyCorrection(points(-0.3).slice(0, 4))).toBe(NO_CORRECTION);
    expect(applyCorrection(NO_CORRECTION, 123)).toBe(1);
  });
});
