import { BOLTZMANN_J_K, LIGHT_SPEED_M_S, PLANCK_J_S } from './physicalConstants';
import { addGaussian, type PixelGrid } from './renderLines';
import { airToVacuumNm } from './starkWidths';

/**
 * Approximate molecular band envelopes of water and air discharges (optical-notes §3.4): each band is
 * drawn as its rotational lines from a rigid-rotor Fortrat parabola with one Boltzmann rotational
 * temperature, single P/Q/R branches (no spin or Λ splitting) and Hönl–London factors J+1 (R), J (P),
 * 2J+1 (Q). Band heads sit where the tables below put them; the shapes between heads are
 * approximate (envelopes, not line-by-line spectra: good enough for a background a model must
 * learn to ignore, not for rotational thermometry).
 */

/** Band systems the simulator draws. */
export type BandSystem = 'OH' | 'N2' | 'N2+';

/** One vibrational band. */
export interface MolecularBand {
  readonly system: BandSystem;
  /** Vibrational transition v′–v″. */
  readonly label: string;
  /** Band head, air wavelength (nm). */
  readonly headNm: number;
  /** Rotational constants of the upper and lower vibrational levels B′, B″ (cm⁻¹). */
  readonly upperB: number;
  readonly lowerB: number;
  /** Share of the system's radiance in this band. */
  readonly share: number;
  readonly branches: readonly ('P' | 'Q' | 'R')[];
}

/**
 * The bands. Heads: N₂ second positive C³Πu–B³Πg 315.9 (1-0), 337.1 (0-0), 357.7 (0-1), 380.5 (0-2)
 * and N₂⁺ first negative B²Σu⁺–X²Σg⁺ 391.4 (0-0), 427.8 (0-1) as in optical-notes §3.4 (there
 * rounded to 0.1–0.3 nm) [B: Pearse & Gaydon, The Identification of Molecular Spectra]; OH A²Σ⁺–X²Π
 * (0,0) R head 306.4 nm, the Q heads near 309 nm follow from the constants. Rotational constants B_v
 * from Huber & Herzberg (Constants of Diatomic Molecules, 1979) [B]. Band shares are typical
 * relative intensities at vibrational temperatures of 2000–4000 K [B, approximate].
 */
export const MOLECULAR_BANDS: readonly MolecularBand[] = [
  { system: 'OH', label: '0-0', headNm: 306.36, upperB: 16.96, lowerB: 18.55, share: 1, branches: ['P', 'Q', 'R'] },
  { system: 'N2', label: '1-0', headNm: 315.93, upperB: 1.797, lowerB: 1.628, share: 0.2, branches: ['P', 'R'] },
  { system: 'N2', label: '0-0', headNm: 337.13, upperB: 1.815, lowerB: 1.628, share: 0.4, branches: ['P', 'R'] },
  { system: 'N2', label: '0-1', headNm: 357.69, upperB: 1.815, lowerB: 1.61, share: 0.27, branches: ['P', 'R'] },
  { system: 'N2', label: '0-2', headNm: 380.49, upperB: 1.815, lowerB: 1.592, share: 0.13, branches: ['P', 'R'] },
  { system: 'N2+', label: '0-0', headNm: 391.44, upperB: 2.073, lowerB: 1.922, share: 0.7, branches: ['P', 'R'] },
  { system: 'N2+', label: '0-1', headNm: 427.81, upperB: 2.073, lowerB: 1.903, share: 0.3, branches: ['P', 'R'] },
];

/** hc/k_B in cm K: converts a term value (cm⁻¹) to a temperature. */
const HC_OVER_K_CM_K = (PLANCK_J_S * LIGHT_SPEED_M_S * 100) / BOLTZMANN_J_K;

/**
 * Rotational lines of `band` at rotational temperature T_rot (K): air wavelengths (nm) and relative
 * intensities summing to 1. The band origin is placed so the head (the turning point of the
 * P branch when B′ > B″, of the R branch when B′ < B″) lies at `headNm`; lines below 10⁻⁴ of the
 * strongest are dropped.
 */
export function bandLines(
  band: MolecularBand,
  rotationalTemperatureK: number,
): { wavelengthNm: Float64Array; weight: Float64Array } {
  const bSum = band.upperB + band.lowerB;
  const bDiff = band.upperB - band.lowerB;
  const headVacuum = airToVacuumNm(band.headNm);
  const refraction = headVacuum / band.headNm;
  const headWavenumber = 1e7 / headVacuum;
  // ν_head − ν₀ = −(B′+B″)²/(4ΔB): the P head lies below ν₀ when ΔB > 0, the R head above when ΔB < 0.
  const origin = headWavenumber + (bSum * bSum) / (4 * bDiff);
  const jMax = Math.ceil(Math.sqrt((12 * rotationalTemperatureK) / (HC_OVER_K_CM_K * band.upperB))) + 2;
  const wavenumbers: number[] = [];
  const weights: number[] = [];
  const push = (nu: number, strength: number, upperJ: number): void => {
    const energy = band.upperB * upperJ * (upperJ + 1);
    wavenumbers.push(nu);
    weights.push(strength * Math.exp((-HC_OVER_K_CM_K * energy) / rotationalTemperatureK));
  };
  for (let j = 0; j <= jMax; j++) {
    for (const branch of band.branches) {
      if (branch === 'R') push(origin + bSum * (j + 1) + bDiff * (j + 1) ** 2, j + 1, j + 1);
      else if (branch === 'P' && j >= 1) push(origin - bSum * j + bDiff * j * j, j, j - 1);
      else if (branch === 'Q' && j >= 1) push(origin + bDiff * j * (j + 1), 2 * j + 1, j);
    }
  }
  const strongest = Math.max(...weights);
  const keep = weights.map((w, i) => (w >= 1e-4 * strongest ? i : -1)).filter((i) => i >= 0);
  const total = keep.reduce((s, i) => s + (weights[i] as number), 0);
  const wavelengthNm = new Float64Array(keep.length);
  const weight = new Float64Array(keep.length);
  keep.forEach((i, k) => {
    wavelengthNm[k] = 1e7 / (wavenumbers[i] as number) / refraction;
    weight[k] = (weights[i] as number) / total;
  });
  return { wavelengthNm, weight };
}

/**
 * Adds the bands of each system with its total radiance (W m⁻² sr⁻¹, shared among the system's
 * bands) to the pixels, each rotational line a Gaussian of the instrument's σ (molecular Doppler
 * widths, ~1 pm, are neglected), times `scale`.
 */
export function addMolecularBands(
  target: Float64Array,
  grid: PixelGrid,
  radiance: Partial<Record<BandSystem, number>>,
  rotationalTemperatureK: number,
  instrumentSigmaNm: number,
  scale = 1,
): void {
  const lo = grid.edges[0] as number;
  const hi = grid.edges[grid.edges.length - 1] as number;
  for (const band of MOLECULAR_BANDS) {
    const total = radiance[band.system];
    if (total === undefined || total <= 0) continue;
    if (band.headNm < lo - 20 || band.headNm > hi + 20) continue;
    const { wavelengthNm, weight } = bandLines(band, rotationalTemperatureK);
    const area = total * band.share * scale;
    for (let i = 0; i < wavelengthNm.length; i++) {
      addGaussian(target, grid, wavelengthNm[i] as number, instrumentSigmaNm, area * (weight[i] as number));
    }
  }
}
