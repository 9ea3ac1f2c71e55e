/**
 * Compton-scattering kinematics and the Klein–Nishina cross-section (grs-notes §4.2).
 * Energies in keV; m_ec² = 510.999 keV.
 */

/** Electron rest energy m_ec² (keV, CODATA 2018). */
export const ELECTRON_REST_KEV = 510.99895;

/** Energy (keV) of a photon of `energyKeV` after scattering through an angle with cosine `cosTheta`. */
export function scatteredEnergy(energyKeV: number, cosTheta: number): number {
  return energyKeV / (1 + (energyKeV / ELECTRON_REST_KEV) * (1 - cosTheta));
}

/** Compton edge E_C = E·2E/(m_ec² + 2E): the largest energy a single scatter deposits (keV). */
export function comptonEdge(energyKeV: number): number {
  return (2 * energyKeV * energyKeV) / (ELECTRON_REST_KEV + 2 * energyKeV);
}

/** Backscatter peak energy E/(1 + 2E/m_ec²): the photon scattered through 180° (keV). */
export function backscatterEnergy(energyKeV: number): number {
  return energyKeV / (1 + (2 * energyKeV) / ELECTRON_REST_KEV);
}

/**
 * Klein–Nishina dσ/dE′ for a photon of `energyKeV` scattered to `scatteredKeV`, up to the constant
 * π r_e² m_ec²/E²: E′/E + E/E′ − sin²θ with cos θ = 1 − m_ec²(1/E′ − 1/E). The same function is the
 * density of the electron's kinetic energy T = E − E′. Zero outside E/(1 + 2E/m_ec²) ≤ E′ ≤ E.
 */
export function kleinNishinaDensity(energyKeV: number, scatteredKeV: number): number {
  if (!(scatteredKeV <= energyKeV) || scatteredKeV < backscatterEnergy(energyKeV) * (1 - 1e-12)) return 0;
  const ratio = scatteredKeV / energyKeV;
  const cosTheta = 1 - ELECTRON_REST_KEV * (1 / scatteredKeV - 1 / energyKeV);
  return ratio + 1 / ratio - 1 + cosTheta * cosTheta;
}

/**
 * The Klein–Nishina distribution of the scattered energy discretised into `points` equal steps of
 * E′ (midpoints) between the energies for scattering angles with cosines `cosMax` ≥ `cosMin`;
 * weights sum to the fraction of the total cross-section in that angular range.
 */
export function kleinNishinaQuadrature(
  energyKeV: number,
  points: number,
  cosMin = -1,
  cosMax = 1,
): { readonly scatteredKeV: Float64Array; readonly weights: Float64Array } {
  const lo = scatteredEnergy(energyKeV, cosMin);
  const hi = scatteredEnergy(energyKeV, cosMax);
  const full = kleinNishinaIntegral(energyKeV);
  const step = (hi - lo) / points;
  const scatteredKeV = new Float64Array(points);
  const weights = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const e = lo + (i + 0.5) * step;
    scatteredKeV[i] = e;
    weights[i] = (kleinNishinaDensity(energyKeV, e) * step) / full;
  }
  return { scatteredKeV, weights };
}

/** ∫ dσ/dE′ dE′ over all angles, in the units of {@link kleinNishinaDensity} (closed form). */
export function kleinNishinaIntegral(energyKeV: number): number {
  // σ_KN = 2π r_e² [ (1+k)/k² (2(1+k)/(1+2k) − ln(1+2k)/k) + ln(1+2k)/(2k) − (1+3k)/(1+2k)² ]
  // and dσ/dE′ = π r_e² m/E² · density, so ∫density dE′ = σ_KN·E²/(π r_e² m) = 2k·E·[…].
  const k = energyKeV / ELECTRON_REST_KEV;
  const l = Math.log1p(2 * k);
  const bracket =
    k < 1e-3
      ? (4 / 3) * (1 - 2 * k) // Thomson limit with the first correction
      : ((1 + k) / (k * k)) * ((2 * (1 + k)) / (1 + 2 * k) - l / k) +
        l / (2 * k) -
        (1 + 3 * k) / ((1 + 2 * k) * (1 + 2 * k));
  return 2 * k * energyKeV * bracket;
}
