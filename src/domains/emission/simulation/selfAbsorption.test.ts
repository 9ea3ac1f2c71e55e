import { describe, expect, it } from 'vitest';
import { defaultInstrument } from './instrument';
import { voigtProfile } from './lineProfiles';
import {
  convolvedSlabShape,
  equivalentWidthNm,
  opticalDepthHalfWidth,
  selfAbsorptionCoefficient,
} from './selfAbsorption';
import { simulateEmission } from './simulateEmission';
import { TEST_LINES } from './testLines.testUtil';

/** Modified Bessel I_ν(x) by its power series (fine for x ≤ 30). */
function besselI(nu: 0 | 1, x: number): number {
  let term = nu === 0 ? 1 : x / 2;
  let sum = term;
  for (let k = 1; k < 300; k++) {
    term *= (x * x) / 4 / (k * (k + nu));
    sum += term;
  }
  return sum;
}

/** Ladenburg & Reiche (1913): W = πγτ₀e^{−τ₀/2}[I₀(τ₀/2) + I₁(τ₀/2)] for a Lorentzian of HWHM γ. */
function ladenburgReiche(tau0: number, gamma: number): number {
  return Math.PI * gamma * tau0 * Math.exp(-tau0 / 2) * (besselI(0, tau0 / 2) + besselI(1, tau0 / 2));
}

const logSlope = (f: (t: number) => number, t: number): number =>
  Math.log(f(t * 1.01) / f(t / 1.01)) / Math.log(1.01 ** 2);

describe('selfAbsorptionCoefficient', () => {
  it('is (1 − e^{−τ₀})/τ₀: 1 when thin, 1/τ₀ when thick', () => {
    expect(selfAbsorptionCoefficient(0)).toBe(1);
    expect(selfAbsorptionCoefficient(1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(selfAbsorptionCoefficient(100)).toBeCloseTo(0.01, 12);
  });

  it('is what a resolved simulated line shows at its centre (thick peak / thin peak)', () => {
    // A 2001-pixel, 0.03 nm window around Na D2 with a negligible instrument width resolves the 6 pm Doppler core.
    const instrument = defaultInstrument({ pixels: 2001, wavelengthPolynomial: [588.98, 0.03 / 2000], fwhmNm: 1e-5 });
    const scene = {
      lines: TEST_LINES.slice(0, 1),
      plasma: { temperatureK: 4000, electronDensityCm3: 1e15, pathLengthCm: 0.1 },
      densitiesCm3: { Na: 5e13 },
      instrument,
      continuum: false,
      noise: null,
    } as const;
    const thick = simulateEmission(scene);
    const thin = simulateEmission({ ...scene, selfAbsorption: false });
    const tau0 = thick.truth.lines[0]?.tau0 as number;
    expect(tau0).toBeGreaterThan(1);
    const peak = (a: Float64Array): number =>
      Math.max(...a) - instrument.offsetCounts - instrument.darkCurrentCountsPerS * 0.1;
    expect(peak(thick.expectedCounts) / peak(thin.expectedCounts) / selfAbsorptionCoefficient(tau0)).toBeCloseTo(1, 2);
  });
});

describe('equivalentWidthNm (curve of growth)', () => {
  it('equals Ladenburg–Reiche for a Lorentzian line (10⁻⁵) and tends to 2γ√(πτ₀)', () => {
    for (const tau0 of [0.01, 1, 10, 40]) {
      expect(equivalentWidthNm(tau0, 0, 0.01) / ladenburgReiche(tau0, 0.01)).toBeCloseTo(1, 5);
    }
    expect(equivalentWidthNm(1e6, 0, 0.01) / (2 * 0.01 * Math.sqrt(Math.PI * 1e6))).toBeCloseTo(1, 3);
  });

  it('has slope 1 while thin and ½ when damping-dominated, with the Doppler plateau between', () => {
    // Damping parameter a = γ/(σ√2) ≈ 0.007: thin below τ₀ ~ 0.1, flat (Doppler) near 100, damped above 10⁴.
    const voigt = (t: number): number => equivalentWidthNm(t, 0.003, 0.00003);
    expect(Math.abs(logSlope(voigt, 1e-3) - 1)).toBeLessThan(0.01);
    expect(Math.abs(logSlope(voigt, 1e6) - 0.5)).toBeLessThan(0.01);
    expect(logSlope(voigt, 100)).toBeLessThan(0.2);
    const doppler = (t: number): number => equivalentWidthNm(t, 0.003, 0);
    expect(logSlope(doppler, 1e4)).toBeLessThan(0.1);
  });

  it('is τ₀/V(0) in the thin limit', () => {
    expect(equivalentWidthNm(1e-6, 0.003, 0.001) / (1e-6 / voigtProfile(0, 0.003, 0.001))).toBeCloseTo(1, 5);
  });
});

describe('convolvedSlabShape', () => {
  const integrate = (tau0: number, sigma: number, gamma: number, instrumentSigma: number): number => {
    // Offsets ±60 nm at σ_instr/10: the Lorentzian tail beyond is added in closed form.
    const h = instrumentSigma / 10;
    const n = Math.ceil(60 / h);
    const offsets = Float64Array.from({ length: 2 * n + 1 }, (_, i) => (i - n) * h);
    const out = new Float64Array(offsets.length);
    convolvedSlabShape(offsets, out, tau0, sigma, gamma, instrumentSigma);
    const tail = (2 * (tau0 / voigtProfile(0, sigma, gamma)) * gamma) / (Math.PI * 60);
    return out.reduce((a, b) => a + b, 0) * h + tail;
  };

  it('conserves the equivalent width through the instrument function (0.2 %)', () => {
    for (const [tau0, sigma, gamma, si] of [
      [50, 0.003, 0.0005, 0.1],
      [5000, 0.003, 0.01, 0.1],
      [0.02, 0.003, 0.001, 0.1],
      [3, 0.01, 0.02, 0.3],
    ] as const) {
      expect(integrate(tau0, sigma, gamma, si) / equivalentWidthNm(tau0, sigma, gamma)).toBeCloseTo(1, 2);
    }
  });

  it('is the thin Voigt (σ ⊕ σ_instr) for small τ₀ and flatter and wider when thick', () => {
    const offsets = Float64Array.from([0, 0.05, 0.1, 0.2]);
    const out = new Float64Array(4);
    convolvedSlabShape(offsets, out, 1e-4, 0.003, 0.001, 0.1);
    offsets.forEach((d, i) => {
      const thin = (1e-4 / voigtProfile(0, 0.003, 0.001)) * voigtProfile(d, Math.hypot(0.003, 0.1), 0.001);
      expect((out[i] as number) / thin).toBeCloseTo(1, 3);
    });
    const thick = new Float64Array(2);
    convolvedSlabShape(Float64Array.from([0, 2]), thick, 1e4, 0.003, 0.05, 0.1);
    const thinRatio = voigtProfile(2, Math.hypot(0.003, 0.1), 0.05) / voigtProfile(0, Math.hypot(0.003, 0.1), 0.05);
    expect((thick[1] as number) / (thick[0] as number)).toBeGreaterThan(3 * thinRatio);
  });
});

describe('opticalDepthHalfWidth', () => {
  it('finds where τ₀·V(x)/V(0) equals the threshold', () => {
    const x = opticalDepthHalfWidth(100, 0.003, 0.0005, 0.01);
    expect((100 * voigtProfile(x, 0.003, 0.0005)) / voigtProfile(0, 0.003, 0.0005)).toBeCloseTo(0.01, 6);
    expect(opticalDepthHalfWidth(0.001, 0.003, 0.0005, 0.01)).toBe(0);
  });
});
