import {
  CRYSTAL_DENSITY_G_CM3,
  CRYSTAL_K_SHELLS,
  type CrystalMaterial,
  crystalCrossSections,
  kShellShare,
} from './crystalCrossSections';
import { ELECTRON_REST_KEV, kleinNishinaQuadrature } from './kleinNishina';

/**
 * Photon transport in a detector crystal in the mean-chord approximation: the quantities the
 * response model needs (attenuation, interaction-type fractions, probability that a secondary photon
 * escapes, full-energy absorption probability), tabulated once per crystal on a log-energy grid.
 *
 * Model (documented approximation, no Monte Carlo): a primary photon enters through the front face;
 * every secondary photon (Compton-scattered photon, annihilation quantum) is taken to travel an
 * effective escape length ℓ = k·4V/S through the crystal (4V/S is the mean chord of a convex body,
 * Cauchy's formula; k is a single constant, see {@link ESCAPE_LENGTH_FACTOR}). The probability F(E)
 * that a photon that interacts deposits all its energy then follows the recursion
 *   F(E) = τ/μ + σ/μ·⟨P(E′)·F(E′)⟩_KN + κ/μ·P₂·F(511)², with P(E) = 1 − exp(−μ(E)ℓ),
 * averaged over the Klein–Nishina distribution of E′ and evaluated upwards in energy (P₂: both
 * annihilation quanta interact). Full-energy events further need the electrons to stay in the
 * crystal ({@link CrystalPhysics.containment}: surface escape by the Katz–Penfold range and
 * bremsstrahlung escape). The three constants below were fitted once, jointly, to the GADRAS
 * NaI 3″×3″ peak/single-escape/double-escape table (grs-notes §4.2, 0.4–12 MeV; least squares in
 * log ratio): table/model ratios then lie between 0.79 and 1.38 (peak, escape peaks). That
 * remaining mismatch is corrected per energy by efficiency.ts for the NaI-based models; nothing was
 * fitted to measured spectra.
 */

/** Crystal shape: a right cylinder (axis towards the source) or a box (depth towards the source). */
export type CrystalGeometry =
  | { readonly kind: 'cylinder'; readonly diameterCm: number; readonly lengthCm: number }
  | { readonly kind: 'box'; readonly widthCm: number; readonly heightCm: number; readonly depthCm: number };

/** k in ℓ = k·4V/S (fitted with the two constants below; the same for every crystal). */
export const ESCAPE_LENGTH_FACTOR = 0.5;

/**
 * Both annihilation quanta leave the crystal (double escape) with probability exp(−μ₅₁₁·C), where C
 * is the chord through the pair vertex: C = PAIR_CHORD_FACTOR·4V/S (the two quanta fly back to back,
 * so their paths add up to a whole chord; fitted with {@link ESCAPE_LENGTH_FACTOR}).
 */
export const PAIR_CHORD_FACTOR = 1.4;

/**
 * Scale of the bremsstrahlung-escape loss of full-energy events, β in 1 − β·Y(Z_eff, T) with the
 * radiative yield Y ≈ 6·10⁻⁴·Z·T/(1 + 6·10⁻⁴·Z·T) (Attix, T in MeV) of an electron of T = E/2.
 */
export const BREMSSTRAHLUNG_LOSS_FACTOR = 3;

/** Optional overrides of the three model constants (for studies of the model's sensitivity). */
export interface CrystalModelTuning {
  readonly escapeLengthFactor?: number;
  readonly pairChordFactor?: number;
  readonly bremsstrahlungLossFactor?: number;
}

const GRID_MIN_KEV = 5;
const GRID_MAX_KEV = 20000;
const GRID_POINTS = 640;
const LOG_STEP = Math.log(GRID_MAX_KEV / GRID_MIN_KEV) / (GRID_POINTS - 1);
const KN_POINTS = 48;

/** The tabulated transport quantities of one crystal. */
export interface CrystalPhysics {
  readonly material: CrystalMaterial;
  readonly densityGcm3: number;
  /** Thickness along the source direction (cm). */
  readonly depthCm: number;
  /** Front-face area (cm²). */
  readonly faceAreaCm2: number;
  /** Effective path of secondary photons (cm). */
  readonly escapeLengthCm: number;
  /** Linear attenuation coefficient without coherent scattering (1/cm). */
  mu(energyKeV: number): number;
  /** Fractions τ/μ, σ/μ, κ/μ of the interactions. */
  photoFraction(energyKeV: number): number;
  comptonFraction(energyKeV: number): number;
  pairFraction(energyKeV: number): number;
  /** exp(−μℓ): a secondary photon leaves the crystal without interacting. */
  escapeProbability(energyKeV: number): number;
  /** F(E): an interacting photon's photons are all absorbed (no electron losses, no x-ray escape). */
  fullAbsorption(energyKeV: number): number;
  /** Annihilation quanta of a pair event: one escapes, both escape, an interacting one is absorbed. */
  readonly annihilation: { readonly escape: number; readonly bothEscape: number; readonly fullAbsorption: number };
  /**
   * Probability that an electron of kinetic energy T (keV) made in the crystal leaves it carrying
   * part of its energy: 0.25·R_CSDA(T)·S/V (Katz–Penfold range), at most 0.9.
   */
  electronEscape(kineticKeV: number): number;
  /** Probability that the charged particles of an event of total energy E deposit all of it. */
  containment(energyKeV: number): number;
  /** Per interacting photon: full-energy, single-escape and double-escape probabilities. */
  peakProbabilities(energyKeV: number): {
    readonly full: number;
    readonly singleEscape: number;
    readonly doubleEscape: number;
  };
  /** K x-ray escape: per interacting photon, probability of losing each Kα/Kβ line (keV). */
  xrayEscapes(energyKeV: number): readonly { readonly xrayKeV: number; readonly probability: number }[];
}

/** Volume, surface, depth and face area of a crystal shape. */
export function geometryMeasures(g: CrystalGeometry): {
  volumeCm3: number;
  surfaceCm2: number;
  depthCm: number;
  faceAreaCm2: number;
} {
  if (g.kind === 'cylinder') {
    const r = g.diameterCm / 2;
    const face = Math.PI * r * r;
    return {
      volumeCm3: face * g.lengthCm,
      surfaceCm2: 2 * face + 2 * Math.PI * r * g.lengthCm,
      depthCm: g.lengthCm,
      faceAreaCm2: face,
    };
  }
  const face = g.widthCm * g.heightCm;
  return {
    volumeCm3: face * g.depthCm,
    surfaceCm2: 2 * (face + g.widthCm * g.depthCm + g.heightCm * g.depthCm),
    depthCm: g.depthCm,
    faceAreaCm2: face,
  };
}

/** Effective atomic number for bremsstrahlung (√Σ wZ², mass fractions). */
const Z_EFFECTIVE: Readonly<Record<CrystalMaterial, number>> = { NaI: 49.6, CsI: 54.0, Ge: 32, LaBr3: 44.4, CZT: 50.2 };

/**
 * CSDA range of electrons (g/cm²), Katz & Penfold (1952): 0.412·T^(1.265 − 0.0954 ln T) below
 * 2.5 MeV, 0.530·T − 0.106 above (T in MeV).
 */
export function electronRangeGcm2(kineticMeV: number): number {
  if (kineticMeV <= 0) return 0;
  if (kineticMeV > 2.5) return 0.53 * kineticMeV - 0.106;
  return 0.412 * kineticMeV ** (1.265 - 0.0954 * Math.log(kineticMeV));
}

function gridEnergy(i: number): number {
  return GRID_MIN_KEV * Math.exp(i * LOG_STEP);
}

/** Linear interpolation in ln E on the shared grid. */
function lookup(values: Float64Array, energyKeV: number): number {
  const x = Math.log(energyKeV / GRID_MIN_KEV) / LOG_STEP;
  if (!(x > 0)) return values[0] as number;
  if (x >= GRID_POINTS - 1) return values[GRID_POINTS - 1] as number;
  const i = Math.floor(x);
  const t = x - i;
  return (values[i] as number) * (1 - t) + (values[i + 1] as number) * t;
}

/** Builds the transport tables of `material` in the shape `geometry` (a few ms; cache the result). */
export function buildCrystalPhysics(
  material: CrystalMaterial,
  geometry: CrystalGeometry,
  tuning: CrystalModelTuning = {},
): CrystalPhysics {
  const density = CRYSTAL_DENSITY_G_CM3[material];
  const m = geometryMeasures(geometry);
  const meanChord = (4 * m.volumeCm3) / m.surfaceCm2;
  const ell = (tuning.escapeLengthFactor ?? ESCAPE_LENGTH_FACTOR) * meanChord;
  const pairChord = (tuning.pairChordFactor ?? PAIR_CHORD_FACTOR) * meanChord;
  const beta = tuning.bremsstrahlungLossFactor ?? BREMSSTRAHLUNG_LOSS_FACTOR;
  const mu = new Float64Array(GRID_POINTS);
  const photo = new Float64Array(GRID_POINTS);
  const compton = new Float64Array(GRID_POINTS);
  const pair = new Float64Array(GRID_POINTS);
  const absorb = new Float64Array(GRID_POINTS);
  for (let i = 0; i < GRID_POINTS; i++) {
    const xs = crystalCrossSections(material, gridEnergy(i));
    const total = xs.totalWithoutCoherent;
    mu[i] = total * density;
    photo[i] = xs.photoelectric / total;
    compton[i] = xs.incoherent / total;
    pair[i] = xs.pair / total;
  }
  // Annihilation quanta: each escapes with pe, both with pee (a whole chord), F511 once they interact.
  const mu511 = lookup(mu, ELECTRON_REST_KEV);
  const pe = Math.exp(-mu511 * ell);
  const pee = Math.min(pe * pe, Math.exp(-mu511 * pairChord));
  let f511 = 0;
  for (let i = 0; i < GRID_POINTS; i++) {
    const e = gridEnergy(i);
    let scatterTerm = 0;
    const c = compton[i] as number;
    if (c > 0) {
      const q = kleinNishinaQuadrature(e, KN_POINTS);
      for (let k = 0; k < KN_POINTS; k++) {
        const ep = q.scatteredKeV[k] as number;
        const interact = 1 - Math.exp(-lookup(mu, ep) * ell);
        // F is known below grid point i; within the last cell use F at i − 1 (it varies slowly
        // there), and below the grid F ≈ 1 (photoabsorption dominates at 5 keV).
        const f = i === 0 ? 1 : ep >= gridEnergy(i - 1) ? (absorb[i - 1] as number) : lookup(absorb, ep);
        scatterTerm += (q.weights[k] as number) * interact * f;
      }
    }
    if (f511 === 0 && e >= ELECTRON_REST_KEV) f511 = lookup(absorb, ELECTRON_REST_KEV);
    const p = pair[i] as number;
    absorb[i] = (photo[i] as number) + c * scatterTerm + (p > 0 ? p * (1 - 2 * pe + pee) * f511 * f511 : 0);
  }
  const zEff = Z_EFFECTIVE[material];
  const surfaceOverVolume = m.surfaceCm2 / m.volumeCm3;
  const electronEscape = (kineticKeV: number): number =>
    Math.min(0.9, (0.25 * electronRangeGcm2(kineticKeV / 1000) * surfaceOverVolume) / density);
  const containment = (e: number): number => {
    const t = e / 2000; // MeV, the energy of a typical electron of the event
    const yieldRad = (6e-4 * zEff * t) / (1 + 6e-4 * zEff * t);
    return (1 - electronEscape(e / 2)) * Math.max(0.1, 1 - beta * yieldRad);
  };
  const shells = CRYSTAL_K_SHELLS[material];
  return {
    material,
    densityGcm3: density,
    depthCm: m.depthCm,
    faceAreaCm2: m.faceAreaCm2,
    escapeLengthCm: ell,
    mu: (e) => lookup(mu, e),
    photoFraction: (e) => lookup(photo, e),
    comptonFraction: (e) => lookup(compton, e),
    pairFraction: (e) => lookup(pair, e),
    escapeProbability: (e) => Math.exp(-lookup(mu, e) * ell),
    fullAbsorption: (e) => lookup(absorb, e),
    annihilation: { escape: pe, bothEscape: pee, fullAbsorption: f511 },
    electronEscape,
    containment,
    peakProbabilities(e) {
      const contain = containment(e);
      const p = e > 2 * ELECTRON_REST_KEV ? lookup(pair, e) : 0;
      return {
        full: lookup(absorb, e) * contain,
        singleEscape: p * 2 * (pe - pee) * f511 * containment(e - ELECTRON_REST_KEV),
        doubleEscape: p * pee * containment(e - 2 * ELECTRON_REST_KEV),
      };
    },
    xrayEscapes(e) {
      const out: { xrayKeV: number; probability: number }[] = [];
      for (const shell of shells) {
        const share = kShellShare(shell, e);
        if (share === 0) continue;
        // Exact cross-sections here: the K edge must not be smeared by the grid.
        const xs = crystalCrossSections(material, e);
        const tauOverMu = xs.photoelectric / xs.totalWithoutCoherent;
        const mu0 = xs.totalWithoutCoherent;
        for (const [xray, weight] of [
          [shell.kAlphaKeV, 1 - shell.kBetaFraction],
          [shell.kBetaKeV, shell.kBetaFraction],
        ] as const) {
          const muX = crystalCrossSections(material, xray).totalWithoutCoherent;
          // Semi-infinite slab, normal incidence (Axel 1953): ½[1 − (μx/μ0)·ln(1 + μ0/μx)].
          const slab = 0.5 * (1 - (muX / mu0) * Math.log1p(mu0 / muX));
          out.push({ xrayKeV: xray, probability: tauOverMu * share * shell.fluorescenceYield * weight * slab });
        }
      }
      return out;
    },
  };
}
