import { describe, expect, it } from 'vitest';
import { addContinuum, CONTINUUM_C1, continuumEmissivity } from './continuum';
import { pixelGridFromCentres } from './renderLines';

describe('continuumEmissivity', () => {
  it('scales as n_e² with n_i = n_e, and as n_e·n_i otherwise', () => {
    const base = continuumEmissivity(400, 6000, 1e15);
    expect(continuumEmissivity(400, 6000, 2e15) / base).toBeCloseTo(4, 12);
    expect(continuumEmissivity(400, 6000, 1e16) / base).toBeCloseTo(100, 10);
    expect(continuumEmissivity(400, 6000, 1e15, 3e15) / base).toBeCloseTo(3, 12);
  });

  it('equals C₁·n_e·n_i/(λ²√T)·[ξ(1 − e^{−hc/λkT}) + G·e^{−hc/λkT}] in W m⁻³ sr⁻¹ nm⁻¹', () => {
    const lambda = 500e-9;
    const t = 8000;
    const x = Math.exp(-(6.62607015e-34 * 299792458) / (lambda * 1.380649e-23 * t));
    const expected =
      ((CONTINUUM_C1 * 1e22 * 1e22) / (lambda * lambda * Math.sqrt(t))) * (1.5 * (1 - x) + 1.1 * x) * 1e-9;
    expect(continuumEmissivity(500, t, 1e16) / expected).toBeCloseTo(1, 12);
    // Rybicki & Lightman's (rounded) free–free constant per steradian per wavelength, in SI: within 1 %.
    expect(Math.abs((6.8e-51 * 299792458) / (4 * Math.PI) / CONTINUUM_C1 - 1)).toBeLessThan(0.01);
  });

  it('falls towards the red (≈ λ⁻² at fixed T) and with temperature as T^{-1/2} in the free–bound limit', () => {
    const blue = continuumEmissivity(300, 5000, 1e15);
    const red = continuumEmissivity(800, 5000, 1e15);
    expect(blue / red).toBeGreaterThan(5);
    expect(blue / red).toBeLessThan((800 / 300) ** 2 * 1.1);
    const opts = { freeBoundFactor: 1, freeFreeGaunt: 1 };
    expect(
      continuumEmissivity(300, 4000, 1e15, 1e15, opts) / continuumEmissivity(300, 16000, 1e15, 1e15, opts),
    ).toBeCloseTo(2, 12);
  });
});

describe('addContinuum', () => {
  it('adds ε·ℓ·Δλ per pixel', () => {
    const grid = pixelGridFromCentres(Float64Array.from([400, 401, 403]));
    const target = new Float64Array(3);
    addContinuum(target, grid, 6000, 1e15, 0.1, 2);
    expect(target[1]).toBeCloseTo(2 * continuumEmissivity(401, 6000, 1e15) * 1e-3 * 1.5, 20);
  });
});
