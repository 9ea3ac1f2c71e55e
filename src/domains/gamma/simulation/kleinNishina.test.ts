import { describe, expect, it } from 'vitest';
import {
  backscatterEnergy,
  comptonEdge,
  ELECTRON_REST_KEV,
  kleinNishinaDensity,
  kleinNishinaIntegral,
  kleinNishinaQuadrature,
  scatteredEnergy,
} from './kleinNishina';

describe('Compton kinematics', () => {
  it('puts the Cs-137 Compton edge at 477.3 keV and the backscatter peak at 184.3 keV', () => {
    expect(comptonEdge(661.657)).toBeCloseTo(477.33, 1);
    expect(backscatterEnergy(661.657)).toBeCloseTo(184.32, 1);
    expect(comptonEdge(661.657) + backscatterEnergy(661.657)).toBeCloseTo(661.657, 9);
  });

  it('scatters by the angle: no loss forward, the backscatter energy at 180°, m_ec² at 90° for E → ∞', () => {
    expect(scatteredEnergy(1000, 1)).toBe(1000);
    expect(scatteredEnergy(1000, -1)).toBeCloseTo(backscatterEnergy(1000), 9);
    expect(scatteredEnergy(1e9, 0)).toBeCloseTo(ELECTRON_REST_KEV, 2);
  });
});

describe('Klein–Nishina distribution', () => {
  it('integrates to the closed-form total cross-section', () => {
    for (const e of [20, 100, 661.657, 2614, 10829]) {
      const lo = backscatterEnergy(e);
      const steps = 20000;
      const h = (e - lo) / steps;
      let s = 0;
      for (let i = 0; i < steps; i++) s += kleinNishinaDensity(e, lo + (i + 0.5) * h) * h;
      expect(s / kleinNishinaIntegral(e)).toBeCloseTo(1, 6);
    }
  });

  it('reaches the Thomson cross-section at low energy (8π/3 r_e² → density integral 4/3·2k·E)', () => {
    const e = 0.01;
    const k = e / ELECTRON_REST_KEV;
    expect(kleinNishinaIntegral(e) / (2 * k * e * (4 / 3))).toBeCloseTo(1, 3);
  });

  it('is zero outside the kinematic range and rises towards the Compton edge at 662 keV', () => {
    expect(kleinNishinaDensity(661.657, 700)).toBe(0);
    expect(kleinNishinaDensity(661.657, 150)).toBe(0);
    // Electron energy T = E − E′: the density at the edge (E′ = 184 keV) is about twice that at T → 0.
    const atEdge = kleinNishinaDensity(661.657, backscatterEnergy(661.657) + 0.01);
    const atZero = kleinNishinaDensity(661.657, 661.6);
    expect(atEdge / atZero).toBeGreaterThan(1.8);
  });

  it('gives quadrature weights that sum to the fraction of the cross-section in an angular range', () => {
    const all = kleinNishinaQuadrature(661.657, 64);
    expect(all.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    const back = kleinNishinaQuadrature(661.657, 64, -1, -0.5).weights.reduce((a, b) => a + b, 0);
    const rest = kleinNishinaQuadrature(661.657, 64, -0.5, 1).weights.reduce((a, b) => a + b, 0);
    expect(back + rest).toBeCloseTo(1, 3);
    expect(back).toBeGreaterThan(0.1);
    expect(back).toBeLessThan(0.3);
  });
});
