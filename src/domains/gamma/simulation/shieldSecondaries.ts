import { leadPhotoelectric, massAttenuation, pairAttenuation, type ShieldMaterial } from './attenuation';
import { ELECTRON_REST_KEV } from './kleinNishina';

/**
 * Secondary photons that a shield between source and detector sends on towards the detector
 * (grs-notes §4.2): Pb K x-rays (72.8, 75.0, 84.9, 87.3 keV) after photoabsorption in lead above
 * its K edge, and 511 keV annihilation quanta after pair production (any material, E > 1022 keV).
 *
 * Slab model: a primary beam crosses the slab (areal density t) and is absorbed at depth t − u with
 * density μ_E·e^{−μ_E(t−u)}; the secondary, emitted isotropically, leaves through the back face
 * with probability ½E₂(μ_s·u). Yield per primary photon hitting the slab:
 *   Y = μ_prod ∫₀ᵗ e^{−μ_E(t−u)} ½E₂(μ_s u) du,
 * integrated numerically; it is counted as reaching the detector with the primary's geometry (a
 * shield close to the detector). μ_prod = τ_Pb·0.789·0.963 for K x-rays (K-shell share of lead's
 * photoabsorption, 1 − 1/J with jump J = 4.73 from XCOM; fluorescence yield ω_K, Krause 1979) and
 * 2κ for annihilation quanta.
 */
export interface SecondaryLine {
  readonly energyKeV: number;
  /** Secondary photons per primary photon incident on the shield. */
  readonly yieldPerPrimary: number;
  readonly kind: 'x-ray' | 'annihilation';
}

const PB_K_EDGE_KEV = 88.004;
const PB_XRAYS: readonly (readonly [number, number])[] = [
  [74.97, 0.49],
  [72.8, 0.29],
  [84.94, 0.17],
  [87.3, 0.05],
];

/** E₂(x) = ∫₁^∞ e^{−xt}/t² dt, via E₁ (Abramowitz & Stegun 5.1.53, 5.1.56; error < 5·10⁻⁵). */
export function expIntegralE2(x: number): number {
  if (x <= 0) return 1;
  if (x < 1) {
    const e1 =
      -Math.log(x) -
      0.57721566 +
      x * (0.99999193 + x * (-0.24991055 + x * (0.05519968 + x * (-0.00976004 + x * 0.00107857))));
    return Math.exp(-x) - x * e1;
  }
  const ratio = (x * x + 2.334733 * x + 0.250621) / (x * x + 3.330657 * x + 1.681534);
  return Math.exp(-x) * (1 - ratio);
}

const GL_NODES = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const GL_WEIGHTS = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873,
  0.2223810344533745, 0.1012285362903763,
];

/** ∫₀ᵗ e^{−μE(t−u)} ½E₂(μs u) du (mass units: μ in cm²/g, t in g/cm²). */
function slabIntegral(muPrimary: number, muSecondary: number, t: number): number {
  // Substitute w = 1 − e^{−μs u}: the integrand becomes smooth and bounded.
  const wMax = -Math.expm1(-muSecondary * t);
  let sum = 0;
  for (let i = 0; i < GL_NODES.length; i++) {
    const w = 0.5 * wMax * ((GL_NODES[i] as number) + 1);
    const u = -Math.log1p(-w) / muSecondary;
    const integrand = (Math.exp(-muPrimary * (t - u)) * 0.5 * expIntegralE2(muSecondary * u)) / (muSecondary * (1 - w));
    sum += (GL_WEIGHTS[i] as number) * integrand;
  }
  return sum * 0.5 * wMax;
}

/** The secondary lines from `arealDensityGcm2` of `material` hit by photons of `energyKeV`. */
export function shieldSecondaries(
  material: ShieldMaterial,
  arealDensityGcm2: number,
  energyKeV: number,
): readonly SecondaryLine[] {
  if (!(arealDensityGcm2 > 0)) return [];
  const out: SecondaryLine[] = [];
  const muE = massAttenuation(material, energyKeV);
  if (material === 'lead' && energyKeV > PB_K_EDGE_KEV) {
    const production = leadPhotoelectric(energyKeV) * 0.789 * 0.963;
    for (const [x, f] of PB_XRAYS) {
      out.push({
        energyKeV: x,
        yieldPerPrimary: production * f * slabIntegral(muE, massAttenuation('lead', x), arealDensityGcm2),
        kind: 'x-ray',
      });
    }
  }
  if (energyKeV > 2 * ELECTRON_REST_KEV) {
    const production = 2 * pairAttenuation(material, energyKeV);
    if (production > 0) {
      out.push({
        energyKeV: ELECTRON_REST_KEV,
        yieldPerPrimary: production * slabIntegral(muE, massAttenuation(material, ELECTRON_REST_KEV), arealDensityGcm2),
        kind: 'annihilation',
      });
    }
  }
  return out;
}
