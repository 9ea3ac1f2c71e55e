import { describe, expect, it } from 'vitest';
import { leadPhotoelectric, massAttenuation, pairAttenuation, SHIELD_MATERIALS, transmission } from './attenuation';
import { interpolateLinear, interpolateLogLog, segmentIndex } from './tabulated';

describe('massAttenuation (NIST XCOM / Hubbell–Seltzer)', () => {
  it('returns the tabulated NIST values at grid energies', () => {
    expect(massAttenuation('lead', 1000)).toBeCloseTo(0.07102, 4);
    expect(massAttenuation('lead', 100)).toBeCloseTo(5.549, 2);
    expect(massAttenuation('water', 1000)).toBeCloseTo(0.07072, 5);
    expect(massAttenuation('iron', 600)).toBeCloseTo(0.07704, 5);
    expect(massAttenuation('concrete', 1250)).toBeCloseTo(0.05807, 5);
    expect(massAttenuation('aluminium', 10)).toBeCloseTo(26.23, 2);
    expect(massAttenuation('polyethylene', 15000)).toBeCloseTo(0.01819, 5);
  });

  it('interpolates log-log between grid energies (Cs-137 in lead: NIST 0.1100 cm²/g at 662 keV)', () => {
    expect(massAttenuation('lead', 661.657)).toBeGreaterThan(0.105);
    expect(massAttenuation('lead', 661.657)).toBeLessThan(0.114);
  });

  it('jumps at the lead K edge (88.0 keV) by the XCOM ratio', () => {
    const below = massAttenuation('lead', 88.0);
    const above = massAttenuation('lead', 88.005);
    expect(above / below).toBeGreaterThan(3.5);
    expect(leadPhotoelectric(88.005) / leadPhotoelectric(87.99)).toBeCloseTo(7.321 / 1.547, 1);
  });

  it('decreases from 100 keV to 3 MeV for every material', () => {
    for (const m of SHIELD_MATERIALS) {
      for (let e = 100; e < 3000; e *= 1.1) expect(massAttenuation(m, e * 1.1)).toBeLessThan(massAttenuation(m, e));
    }
  });
});

describe('transmission', () => {
  it('is exp(−μ/ρ·ρx) and multiplies over layers', () => {
    const t1 = transmission('lead', 11.35, 661.657); // 1 cm of lead
    expect(t1).toBeCloseTo(Math.exp(-massAttenuation('lead', 661.657) * 11.35), 12);
    expect(transmission('lead', 22.7, 661.657)).toBeCloseTo(t1 * t1, 12);
    expect(transmission('water', 0, 100)).toBe(1);
  });

  it('gives the textbook half-value layer of lead for Cs-137 (about 0.6–0.7 cm)', () => {
    const hvl = Math.LN2 / (massAttenuation('lead', 661.657) * 11.35);
    expect(hvl).toBeGreaterThan(0.5);
    expect(hvl).toBeLessThan(0.7);
  });
});

describe('pairAttenuation', () => {
  it('is zero up to 1022 keV and XCOM for lead above', () => {
    expect(pairAttenuation('lead', 1000)).toBe(0);
    expect(pairAttenuation('lead', 10000)).toBeCloseTo(0.03698, 5);
  });

  it('scales other materials by Z(Z+1)/A (water ≈ XCOM 0.0055 cm²/g at 10 MeV within 20 %)', () => {
    const water = pairAttenuation('water', 10000);
    expect(water).toBeGreaterThan(0.0044);
    expect(water).toBeLessThan(0.0066);
  });
});

describe('tabulated interpolation', () => {
  const xs = [1, 2, 2, 4];
  const ys = [10, 5, 50, 12.5];

  it('takes the upper branch at a repeated energy (an edge)', () => {
    expect(segmentIndex(xs, 2)).toBe(2);
    expect(interpolateLogLog(xs, ys, 2)).toBe(50);
    expect(interpolateLogLog(xs, ys, 1.999999)).toBeCloseTo(5, 3);
  });

  it('is exact for power laws and linear where a value is zero', () => {
    expect(interpolateLogLog([1, 4], [16, 1], 2)).toBeCloseTo(4, 12);
    expect(interpolateLogLog([1, 3], [0, 2], 2)).toBeCloseTo(1, 12);
    expect(interpolateLinear([0, 1], [0, 10], 0.25)).toBeCloseTo(2.5, 12);
    expect(interpolateLinear([0, 1], [0, 10], 5)).toBe(10);
  });
});
