/** Total FWHM and Lorentzian fraction of the pseudo-Voigt that stands for a Voigt profile. */
export interface PseudoVoigtShape {
  /** FWHM of the profile (x units). */
  readonly fwhm: number;
  /** Weight η of the Lorentzian in η·L + (1 − η)·G (both of FWHM `fwhm`). */
  readonly eta: number;
}

/**
 * Thompson–Cox–Hastings pseudo-Voigt (Thompson, Cox & Hastings 1987, J. Appl. Cryst. 20:79,
 * doi:10.1107/S0021889887087090): the Voigt of Gaussian FWHM Γ_G and Lorentzian FWHM Γ_L is
 * approximated by η·L + (1 − η)·G of common FWHM Γ with
 * Γ⁵ = Γ_G⁵ + 2.69269Γ_G⁴Γ_L + 2.42843Γ_G³Γ_L² + 4.47163Γ_G²Γ_L³ + 0.07842Γ_GΓ_L⁴ + Γ_L⁵ and
 * η = 1.36603r − 0.47719r² + 0.11116r³, r = Γ_L/Γ (notes §3.2 [V] for η; Γ within 0.02 % of the
 * Voigt FWHM, the profile within about 1 % of the Voigt's peak height). Both widths ≥ 0, not both 0.
 */
export function thompsonCoxHastings(gaussianFwhm: number, lorentzianFwhm: number): PseudoVoigtShape {
  const g = gaussianFwhm;
  const l = lorentzianFwhm;
  const fwhm =
    (g ** 5 +
      2.69269 * g ** 4 * l +
      2.42843 * g ** 3 * l ** 2 +
      4.47163 * g ** 2 * l ** 3 +
      0.07842 * g * l ** 4 +
      l ** 5) **
    0.2;
  const r = fwhm > 0 ? l / fwhm : 0;
  return { fwhm, eta: 1.36603 * r - 0.47719 * r * r + 0.11116 * r ** 3 };
}

const GAUSS_NORM = 2 * Math.sqrt(Math.LN2 / Math.PI);
const FOUR_LN2 = 4 * Math.LN2;

/**
 * Value at x of a pseudo-Voigt of the given area (y·x units), centre, FWHM and Lorentzian weight η:
 * area·[η·(2/πΓ)/(1 + 4u²) + (1 − η)·(2√(ln2/π)/Γ)·e^{−4 ln2·u²}], u = (x − centre)/Γ.
 */
export function pseudoVoigtValue(x: number, centre: number, area: number, fwhm: number, eta: number): number {
  const u = (x - centre) / fwhm;
  const u2 = u * u;
  const lorentzian = 2 / (Math.PI * fwhm * (1 + 4 * u2));
  const gaussian = (GAUSS_NORM / fwhm) * Math.exp(-FOUR_LN2 * u2);
  return area * (eta * lorentzian + (1 - eta) * gaussian);
}
