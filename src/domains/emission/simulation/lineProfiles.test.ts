import { describe, expect, it } from 'vitest';
import {
  dopplerFwhmNm,
  GAUSSIAN_FWHM_PER_SIGMA,
  voigtFunction,
  voigtFwhmOliveroLongbothum,
  voigtProfile,
  voigtWindowNm,
} from './lineProfiles';

/** Direct convolution of a Gaussian (σ = 1) with a Lorentzian (HWHM γ) at x, the Lorentzian integrated exactly per step. */
function convolution(x: number, gamma: number): number {
  const h = 1 / 400;
  let sum = 0;
  for (let t = -12; t <= 12; t += h) {
    const lorentzMass = (Math.atan((x - t + h / 2) / gamma) - Math.atan((x - t - h / 2) / gamma)) / Math.PI;
    sum += (Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI)) * lorentzMass;
  }
  return sum;
}

/** Numerical FWHM of a symmetric unimodal profile (bisection on each half-height crossing). */
function measuredFwhm(f: (x: number) => number, guess: number): number {
  const half = f(0) / 2;
  let lo = 0;
  let hi = guess;
  while (f(hi) > half) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > half) lo = mid;
    else hi = mid;
  }
  return lo + hi;
}

describe('voigtProfile (Humlíček W4)', () => {
  it('matches a direct Gaussian ⊗ Lorentzian convolution to 10⁻⁴ relative in all four regions', () => {
    let worst = 0;
    for (const gamma of [1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 3, 10]) {
      for (const x of [0, 0.3, 0.8, 1.2, 2, 3, 4, 6, 10, 20, 50]) {
        const exact = convolution(x, gamma);
        worst = Math.max(worst, Math.abs(voigtProfile(x, 1, gamma) - exact) / exact);
      }
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('reduces to the Gaussian and the Lorentzian', () => {
    expect(voigtFunction(1, 0)).toBeCloseTo(Math.exp(-1), 10);
    expect(voigtProfile(0.7, 0.2, 0)).toBeCloseTo(Math.exp(-0.5 * 3.5 ** 2) / (0.2 * Math.sqrt(2 * Math.PI)), 10);
    expect(voigtProfile(0.7, 0, 0.2)).toBeCloseTo(0.2 / (Math.PI * (0.49 + 0.04)), 10);
    expect(voigtProfile(3, 1e-9, 0.2) / voigtProfile(3, 0, 0.2)).toBeCloseTo(1, 6);
  });

  it('has unit area (numerical integral plus the Lorentzian tails beyond ±X)', () => {
    for (const [sigma, gamma] of [
      [1, 0.01],
      [1, 1],
      [0.3, 2],
      [0.05, 0.001],
    ] as const) {
      // Trapezoid in u with x = s·sinh(u): fine at the core, geometric in the wings.
      const s = Math.min(sigma, gamma);
      const reach = 2000 * Math.max(sigma, gamma);
      const uMax = Math.asinh(reach / s);
      const du = 0.01;
      let area = 0;
      for (let u = -uMax; u <= uMax; u += du)
        area += voigtProfile(s * Math.sinh(u), sigma, gamma) * s * Math.cosh(u) * du;
      area += (2 * gamma) / (Math.PI * reach);
      expect(area).toBeCloseTo(1, 4);
    }
  });

  it('has the Olivero–Longbothum FWHM within 1 % (measured: within 0.05 %)', () => {
    for (const ratio of [0.01, 0.1, 0.3, 1, 3, 10, 100]) {
      const sigma = 1;
      const gamma = ratio;
      const fG = GAUSSIAN_FWHM_PER_SIGMA * sigma;
      const fV = measuredFwhm((x) => voigtProfile(x, sigma, gamma), 3);
      expect(Math.abs(fV / voigtFwhmOliveroLongbothum(fG, 2 * gamma) - 1)).toBeLessThan(5e-4);
    }
  });
});

describe('dopplerFwhmNm', () => {
  it('equals 7.16·10⁻⁷·λ·√(T/M) (optical-notes §3.2) and is the FWHM of the Gaussian it implies', () => {
    for (const [lambda, t, m] of [
      [588.995, 5000, 22.99],
      [656.279, 10000, 1.008],
      [324.754, 3000, 63.546],
    ] as const) {
      const fwhm = dopplerFwhmNm(lambda, t, m);
      expect(fwhm / (7.16e-7 * lambda * Math.sqrt(t / m))).toBeCloseTo(1, 3);
      const sigma = fwhm / GAUSSIAN_FWHM_PER_SIGMA;
      expect(measuredFwhm((x) => voigtProfile(x, sigma, 0), fwhm) / fwhm).toBeCloseTo(1, 8);
    }
    // Na D at 5000 K: about 6 pm, far below a compact spectrometer's pixel.
    expect(dopplerFwhmNm(588.995, 5000, 22.99)).toBeCloseTo(0.0062, 4);
  });
});

describe('voigtWindowNm', () => {
  it('covers 6 σ and the Lorentzian wings down to 10⁻³ of the area', () => {
    expect(voigtWindowNm(0.1, 0)).toBeCloseTo(0.6, 12);
    expect(voigtWindowNm(0.1, 0.05)).toBeCloseTo(0.1 / (Math.PI * 1e-3), 9);
  });
});
