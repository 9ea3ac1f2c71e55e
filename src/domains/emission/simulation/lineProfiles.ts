import { ATOMIC_MASS_KG, BOLTZMANN_J_K, LIGHT_SPEED_M_S } from './physicalConstants';

/** FWHM/σ of a Gaussian: 2√(2 ln 2). */
export const GAUSSIAN_FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

// Humlíček (1982) W4 coefficients, highest order first after the leading one written in the code.
const W4_III_NUM = [3.778987, 11.96482, 20.20933, 16.4955] as const;
const W4_III_DEN = [6.699398, 21.69274, 39.27121, 38.82363, 16.4955] as const;
const W4_IV_NUM = [1.320522, 35.76683, 219.0313, 1540.787, 3321.9905, 36183.31] as const;
const W4_IV_DEN = [1.841439, 61.57037, 364.2191, 2186.181, 9022.228, 24322.84, 32066.6] as const;

/**
 * Real part of the Faddeeva function w(z) = e^{−z²}·erfc(−iz) for z = x + iy, y ≥ 0: the Voigt
 * function K(x, y). Humlíček's four-region rational approximation "W4" (J. Humlíček, JQSRT 27
 * (1982) 437), relative accuracy about 10⁻⁴ everywhere (checked against a direct convolution in
 * lineProfiles.test.ts); region IV, near the Gaussian core with small y, needs the complex e^{−z²}.
 */
export function voigtFunction(x: number, y: number): number {
  // Humlíček works with t = y − ix.
  const tr = y;
  const ti = -x;
  const s = Math.abs(x) + y;
  if (s >= 15) {
    // Region I: w ≈ t·0.5641896/(0.5 + t²).
    const dr = 0.5 + tr * tr - ti * ti;
    const di = 2 * tr * ti;
    return (0.5641896 * (tr * dr + ti * di)) / (dr * dr + di * di);
  }
  if (s >= 5.5) {
    // Region II: w ≈ t·(1.410474 + 0.5641896u)/(0.75 + u(3 + u)), u = t².
    const ur = tr * tr - ti * ti;
    const ui = 2 * tr * ti;
    const pr = 1.410474 + 0.5641896 * ur;
    const pi = 0.5641896 * ui;
    const nr = tr * pr - ti * pi;
    const ni = tr * pi + ti * pr;
    const qr = 3 + ur;
    const dr = 0.75 + ur * qr - ui * ui;
    const di = ur * ui + ui * qr;
    return (nr * dr + ni * di) / (dr * dr + di * di);
  }
  if (y >= 0.195 * Math.abs(x) - 0.176) {
    // Region III: rational function of t, degree 4 over 5.
    let nr = 0.5642236;
    let ni = 0;
    for (const c of W4_III_NUM) {
      const r = nr * tr - ni * ti + c;
      ni = nr * ti + ni * tr;
      nr = r;
    }
    let dr = 1;
    let di = 0;
    for (const c of W4_III_DEN) {
      const r = dr * tr - di * ti + c;
      di = dr * ti + di * tr;
      dr = r;
    }
    return (nr * dr + ni * di) / (dr * dr + di * di);
  }
  // Region IV: w = e^{u} − t·P(u)/Q(u), u = t², P and Q in Humlíček's nested form.
  const ur = tr * tr - ti * ti;
  const ui = 2 * tr * ti;
  let pr = 0.56419;
  let pi = 0;
  for (const c of W4_IV_NUM) {
    const r = c - (ur * pr - ui * pi);
    pi = -(ur * pi + ui * pr);
    pr = r;
  }
  let qr = 1;
  let qi = 0;
  for (const c of W4_IV_DEN) {
    const r = c - (ur * qr - ui * qi);
    qi = -(ur * qi + ui * qr);
    qr = r;
  }
  const nr = tr * pr - ti * pi;
  const ni = tr * pi + ti * pr;
  const ratio = (nr * qr + ni * qi) / (qr * qr + qi * qi);
  return Math.exp(ur) * Math.cos(ui) - ratio;
}

/**
 * Area-normalised Voigt profile (nm⁻¹ when x is in nm): the convolution of a Gaussian of standard
 * deviation `sigma` with a Lorentzian of half width at half maximum `gamma`, at offset `x` from the
 * centre: V = Re w((x + iγ)/(σ√2))/(σ√(2π)) (Faddeeva form; {@link voigtFunction}). Either width may be
 * 0 (pure Lorentzian / Gaussian).
 */
export function voigtProfile(x: number, sigma: number, gamma: number): number {
  if (sigma <= 0) return gamma / (Math.PI * (x * x + gamma * gamma));
  if (gamma <= 0) return Math.exp((-0.5 * x * x) / (sigma * sigma)) / (sigma * SQRT_2PI);
  const scale = 1 / (sigma * Math.SQRT2);
  return voigtFunction(x * scale, gamma * scale) / (sigma * SQRT_2PI);
}

/**
 * Voigt FWHM from the Gaussian and Lorentzian FWHMs, Olivero & Longbothum (JQSRT 17 (1977) 233):
 * f_V ≈ 0.5346·f_L + √(0.2166·f_L² + f_G²), accurate to 0.02 %.
 */
export function voigtFwhmOliveroLongbothum(gaussianFwhm: number, lorentzianFwhm: number): number {
  return 0.5346 * lorentzianFwhm + Math.sqrt(0.2166 * lorentzianFwhm * lorentzianFwhm + gaussianFwhm * gaussianFwhm);
}

/**
 * Doppler FWHM (nm) of a line at `wavelengthNm` emitted by atoms of mass `massU` (u) at kinetic
 * temperature T (K): Δλ_D = λ·√(8 ln2·k_BT/(Mc²)) ≈ 7.16·10⁻⁷·λ·√(T/M) (optical-notes §3.2).
 */
export function dopplerFwhmNm(wavelengthNm: number, temperatureK: number, massU: number): number {
  const ratio = (8 * Math.LN2 * BOLTZMANN_J_K * temperatureK) / (massU * ATOMIC_MASS_KG * LIGHT_SPEED_M_S ** 2);
  return wavelengthNm * Math.sqrt(ratio);
}

/**
 * Half-width (nm) of the window outside which a Voigt line's wings hold less than `tailFraction` of
 * its area: the larger of 6 Gaussian σ and the Lorentzian tail bound 2γ/(π·tailFraction).
 */
export function voigtWindowNm(sigma: number, gamma: number, tailFraction = 1e-3): number {
  return Math.max(6 * sigma, (2 * gamma) / (Math.PI * tailFraction), 1e-6);
}
