import { BOLTZMANN_J_K, LIGHT_SPEED_M_S, PLANCK_J_S } from './physicalConstants';
import type { PixelGrid } from './renderLines';

/**
 * C₁ of the free–free + free–bound continuum formula, W m⁴ K^{1/2} sr⁻¹: Kramers' free–free
 * emission 6.8·10⁻³⁸ Z²n_e n_i T^{−1/2} e^{−hν/kT} erg s⁻¹ cm⁻³ Hz⁻¹ (Rybicki & Lightman, Radiative
 * Processes in Astrophysics, eq. 5.14b) per steradian and per wavelength in SI (the 1.632·10⁻⁴³ of
 * Wilbers et al., JQSRT 45 (1991) 1).
 */
export const CONTINUUM_C1 = 1.632e-43;

/** hc/k_B (m K), hoisted: the continuum is evaluated at every pixel. */
const HC_OVER_K = (PLANCK_J_S * LIGHT_SPEED_M_S) / BOLTZMANN_J_K;

/** Options of the continuum model. */
export interface ContinuumOptions {
  /** Biberman factor of free–bound emission ξ_fb (default 1.5; 1–3 in the visible for Ar, Wilbers 1991). */
  readonly freeBoundFactor?: number;
  /** Free–free Gaunt factor G_ff (default 1.1). */
  readonly freeFreeGaunt?: number;
  /** Ion charge z (default 1). */
  readonly ionCharge?: number;
}

/**
 * Continuum emissivity (W m⁻³ sr⁻¹ nm⁻¹) of a plasma at temperature T (K) with electron and ion
 * densities n_e, n_i (cm⁻³), at wavelength λ (nm) (optical-notes §3.4):
 * ε_c(λ) = C₁·z²·n_e·n_i/(λ²√T)·[ξ_fb·(1 − e^{−hc/λkT}) + G_ff·e^{−hc/λkT}].
 * With n_i = n_e (singly charged ions) it scales as n_e². Recombination edges are smeared into
 * ξ_fb (an average), so no edges appear; approximate to a factor ~2 in absolute level.
 */
export function continuumEmissivity(
  wavelengthNm: number,
  temperatureK: number,
  electronDensityCm3: number,
  ionDensityCm3: number = electronDensityCm3,
  options: ContinuumOptions = {},
): number {
  const xi = options.freeBoundFactor ?? 1.5;
  const gaunt = options.freeFreeGaunt ?? 1.1;
  const z = options.ionCharge ?? 1;
  const lambda = wavelengthNm * 1e-9;
  const boltz = Math.exp(-HC_OVER_K / (lambda * temperatureK));
  const perMetre =
    (CONTINUUM_C1 * z * z * electronDensityCm3 * 1e6 * ionDensityCm3 * 1e6 * (xi * (1 - boltz) + gaunt * boltz)) /
    (lambda * lambda * Math.sqrt(temperatureK));
  return perMetre * 1e-9;
}

/**
 * Adds the continuum radiance of a slab of length `pathLengthCm` (optically thin) to each pixel:
 * ε_c at the pixel centre × ℓ × the pixel width (W m⁻² sr⁻¹), times `scale`.
 */
export function addContinuum(
  target: Float64Array,
  grid: PixelGrid,
  temperatureK: number,
  electronDensityCm3: number,
  pathLengthCm: number,
  scale = 1,
  options: ContinuumOptions = {},
): void {
  const lengthM = pathLengthCm * 1e-2;
  for (let p = 0; p < target.length; p++) {
    const width = (grid.edges[p + 1] as number) - (grid.edges[p] as number);
    const e = continuumEmissivity(
      grid.centres[p] as number,
      temperatureK,
      electronDensityCm3,
      electronDensityCm3,
      options,
    );
    target[p] = (target[p] as number) + scale * e * lengthM * width;
  }
}
