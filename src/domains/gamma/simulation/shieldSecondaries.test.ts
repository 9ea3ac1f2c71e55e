import { describe, expect, it } from 'vitest';
import { transmission } from './attenuation';
import { expIntegralE2, shieldSecondaries } from './shieldSecondaries';

describe('expIntegralE2', () => {
  it('matches tabulated E₂ values (Abramowitz & Stegun table 5.1) within 1e-4', () => {
    expect(expIntegralE2(0)).toBe(1);
    for (const [x, v] of [
      [0.1, 0.7225450221],
      [0.5, 0.3266438623],
      [1, 0.1484955068],
      [2, 0.0375342618],
      [5, 0.000996469],
    ] as const) {
      expect(Math.abs(expIntegralE2(x) - v)).toBeLessThan(1e-4);
    }
  });
});

describe('shieldSecondaries', () => {
  it('makes Pb K x-rays only in lead and only above its K edge', () => {
    expect(shieldSecondaries('lead', 11.35, 80)).toEqual([]);
    expect(shieldSecondaries('iron', 7.87, 661.657)).toEqual([]);
    const xrays = shieldSecondaries('lead', 11.35, 661.657);
    expect(xrays.map((x) => x.energyKeV)).toEqual([74.97, 72.8, 84.94, 87.3]);
    for (const x of xrays) expect(x.kind).toBe('x-ray');
    // A thick slab: x-rays escape only from the last ~0.1 mm; per transmitted primary ≈ 0.1–1 %.
    const total = xrays.reduce((s, x) => s + x.yieldPerPrimary, 0);
    const perTransmitted = total / transmission('lead', 11.35, 661.657);
    expect(perTransmitted).toBeGreaterThan(1e-3);
    expect(perTransmitted).toBeLessThan(1e-2);
  });

  it('makes 511 keV annihilation quanta above 1022 keV, in any material, growing with energy', () => {
    expect(shieldSecondaries('iron', 7.87, 1000).some((x) => x.kind === 'annihilation')).toBe(false);
    const at = (e: number) =>
      shieldSecondaries('iron', 7.87, e).find((x) => x.kind === 'annihilation')?.yieldPerPrimary ?? 0;
    expect(at(2614)).toBeGreaterThan(0);
    expect(at(6129)).toBeGreaterThan(at(2614));
    expect(at(6129)).toBeLessThan(0.2);
  });

  it('gives nothing for a zero-thickness shield and saturates for a thick one', () => {
    expect(shieldSecondaries('lead', 0, 1000)).toEqual([]);
    const y = (t: number) => shieldSecondaries('lead', t, 300).reduce((s, x) => s + x.yieldPerPrimary, 0);
    expect(y(0.5)).toBeGreaterThan(0);
    expect(y(100)).toBeLessThan(y(1));
  });
});
