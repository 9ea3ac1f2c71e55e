import type { EmissionLine } from '../lines/emissionLine';
import { partitionFunction } from './partitionFunctions';
import { BOLTZMANN_EV_K, LIGHT_SPEED_M_S, PLANCK_J_S, planckRadianceNm } from './physicalConstants';

/** The LTE emission and absorption strength of one line in a plasma of given composition. */
export interface LineEmission {
  readonly line: EmissionLine;
  /** Excitation temperature used (K). */
  readonly temperatureK: number;
  /** Number density of the line's species (element in that ion stage), cm⁻³. */
  readonly speciesDensityCm3: number;
  /** Population of the upper level n_k (cm⁻³). */
  readonly upperDensityCm3: number;
  /**
   * Emissivity integrated over the line, ε = (hc/4πλ)·A_ki·n_k (W m⁻³ sr⁻¹); the optically thin
   * radiance of a slab of length ℓ is ε·ℓ.
   */
  readonly emissivity: number;
  /**
   * Absorption coefficient integrated over the line, K = ∫κ dλ (m⁻¹·nm; stimulated emission
   * included), so that τ(λ) = K·ℓ·P(λ) with P the normalised profile (nm⁻¹). From Kirchhoff's law
   * in LTE, K = ε/B_λ(T): the same as the Einstein-relation form (λ⁴/8πc)·(g_k/g_i)·A_ki·n_i·
   * (1 − e^{−hc/λk_BT}) with E_i = E_k − hc/λ, and consistent with ε even when tabulated level
   * energies are rounded (so the thin limit of the slab is exactly ε·ℓ).
   */
  readonly absorptionNm: number;
}

/** Why a line could not be used. */
export interface SkippedLine {
  readonly line: EmissionLine;
  readonly reason: string;
}

/** What a line needs for LTE intensities: A_ki, E_k and g_k. */
export function hasIntensityData(line: EmissionLine): boolean {
  return line.aki !== undefined && line.ekEv !== undefined && line.gk !== undefined;
}

/**
 * Boltzmann factor of a level: n_level/n_species = g·exp(−E/k_BT)/U(T) (E in eV, T in K).
 */
export function boltzmannFraction(g: number, energyEv: number, partition: number, temperatureK: number): number {
  return (g * Math.exp(-energyEv / (BOLTZMANN_EV_K * temperatureK))) / partition;
}

/**
 * LTE emissivity and absorption of one line (optical-notes §3.1): Boltzmann population
 * n_k = n_s·g_k·exp(−E_k/k_BT)/U_s(T) with Barklem & Collet partition functions, emissivity
 * ε = (hc/4πλ)·A_ki·n_k (the CF-LIBS form of Ciucci et al., Appl. Spectrosc. 53 (1999) 960), and
 * the absorption coefficient by Kirchhoff's law (Thorne, Spectrophysics; optical-notes §3.3), so
 * the slab's source function is B_λ(T). `null` when the line lacks A_ki, E_k or g_k (g_i and E_i
 * are not needed). λ is taken as given (air above 200 nm): the 3·10⁻⁴ air/vacuum difference is
 * ignored. `partition` may pass U(T) when the caller already has it (lineEmissions does, per species).
 */
export function lineEmission(
  line: EmissionLine,
  speciesDensityCm3: number,
  temperatureK: number,
  partition: number = partitionFunction(line.element, line.ion, temperatureK),
): LineEmission | null {
  if (!hasIntensityData(line)) return null;
  const aki = line.aki as number;
  const gk = line.gk as number;
  const u = partition;
  const upperDensityCm3 = speciesDensityCm3 * boltzmannFraction(gk, line.ekEv as number, u, temperatureK);
  const lambdaM = line.wavelengthNm * 1e-9;
  const emissivity = ((PLANCK_J_S * LIGHT_SPEED_M_S) / (4 * Math.PI * lambdaM)) * aki * upperDensityCm3 * 1e6;
  const absorptionNm = emissivity / planckRadianceNm(line.wavelengthNm, temperatureK);
  return { line, temperatureK, speciesDensityCm3, upperDensityCm3, emissivity, absorptionNm };
}

/** Number density (cm⁻³) of each species, keyed `Na I`, `Ca II` (see speciesKey). */
export type SpeciesDensities = ReadonlyMap<string, number>;

/**
 * {@link lineEmission} of every line whose species has a density in `densities` (missing species
 * count as absent and are skipped silently: they are simply not in the plasma); lines without
 * A_ki/E_k/g_k are listed in `skipped`. `temperatureOf(element)` gives each element's excitation
 * temperature (K).
 */
export function lineEmissions(
  lines: readonly EmissionLine[],
  densities: SpeciesDensities,
  temperatureOf: (element: string) => number,
): { emissions: LineEmission[]; skipped: SkippedLine[] } {
  const emissions: LineEmission[] = [];
  const skipped: SkippedLine[] = [];
  const partitions = new Map<string, number>();
  for (const line of lines) {
    const key = `${line.element} ${line.ion === 1 ? 'I' : 'II'}`;
    const density = densities.get(key);
    if (density === undefined || density <= 0) continue;
    const temperatureK = temperatureOf(line.element);
    let u = partitions.get(key);
    if (u === undefined) {
      u = partitionFunction(line.element, line.ion, temperatureK);
      partitions.set(key, u);
    }
    const emission = lineEmission(line, density, temperatureK, u);
    if (emission === null) skipped.push({ line, reason: 'no A_ki, E_k or g_k' });
    else emissions.push(emission);
  }
  return { emissions, skipped };
}
