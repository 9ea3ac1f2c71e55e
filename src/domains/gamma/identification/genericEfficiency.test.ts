import { describe, expect, it } from 'vitest';
import { genericRelativeEfficiency, priorUncertaintyFactor } from './genericEfficiency';

describe('genericRelativeEfficiency', () => {
  it('is near 1 at 100–150 keV, falls as E^-0.8 above and steeply below 50 keV', () => {
    expect(genericRelativeEfficiency(150)).toBeCloseTo(1 / (1 + (55 / 150) ** 4), 10);
    expect(genericRelativeEfficiency(1500) / genericRelativeEfficiency(300)).toBeCloseTo(5 ** -0.8, 3);
    expect(genericRelativeEfficiency(40)).toBeLessThan(0.25);
    expect(genericRelativeEfficiency(20)).toBeLessThan(0.03);
    expect(genericRelativeEfficiency(0)).toBe(0);
    expect(genericRelativeEfficiency(-5)).toBe(0);
  });

  it('says the prior is unreliable below 100 keV', () => {
    expect(priorUncertaintyFactor(661)).toBe(1);
    expect(priorUncertaintyFactor(100)).toBe(1);
    expect(priorUncertaintyFactor(50)).toBeCloseTo(8, 10);
  });
});
