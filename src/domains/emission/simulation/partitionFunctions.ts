import { WorkbenchError } from '../../../core/errors';
import tablesJson from './plasmaTables.json';
import type { PlasmaTables } from './plasmaTableTypes';

/** The tables built by `scripts/emission/buildPlasmaTables.ts` (sources in their `sources` field). */
export const PLASMA_TABLES: PlasmaTables = tablesJson;

/** Highest temperature (K) the simulator accepts; the partition table itself stops at 10 000 K. */
export const MAX_PLASMA_TEMPERATURE_K = 20000;

const ROMAN = ['I', 'II', 'III'] as const;

/** Spectroscopic species key of the tables: `Na I`, `Ca II`. Stage 1 = neutral. */
export function speciesKey(element: string, stage: number): string {
  const roman = ROMAN[stage - 1];
  if (roman === undefined) throw new WorkbenchError('INVALID_OPTION', `ion stage ${stage} is not 1, 2 or 3`);
  return `${element} ${roman}`;
}

/** Elements with partition functions and ionisation energies (25: H, B, C, N, O, Na … Pb). */
export function knownElements(): string[] {
  return Object.keys(PLASMA_TABLES.ionisationEnergiesEv);
}

/** Number of ion stages tabulated for `element` (3, or 2 for H); 0 when unknown. */
export function stageCount(element: string): number {
  let n = 0;
  while (n < ROMAN.length && PLASMA_TABLES.partitionFunctions.species[`${element} ${ROMAN[n]}`] !== undefined) n++;
  return n;
}

/**
 * Ionisation energy χ (eV) of stage `stage` of `element` (stage 1: X → X⁺), NIST ASD via mendeleev.
 * INVALID_OPTION when not tabulated.
 */
export function ionisationEnergyEv(element: string, stage: number): number {
  const value = PLASMA_TABLES.ionisationEnergiesEv[element]?.[stage - 1];
  if (value === undefined) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `no ionisation energy for ${element} stage ${stage} (plasmaTables.json)`,
    );
  }
  return value;
}

/** Effective-level continuation U(T) = U_base + g·exp(−E/kT) above the grid, per species. */
interface Continuation {
  readonly base: number;
  readonly weight: number;
  /** E/k (K). */
  readonly energyK: number;
}

const continuations = new Map<string, Continuation | null>();

/**
 * Fits U(T) − U(T₀) = g·exp(−E/kT) through the two hottest grid points (9000 and 10 000 K), with T₀ the
 * coolest kept point (1000 K), so that the continuation meets the table at its top, rises
 * monotonically and saturates at U(T₀) + g. `null` when U does not grow there (closed shells): U
 * is then held at its last value.
 */
function continuation(key: string, values: readonly number[]): Continuation | null {
  const cached = continuations.get(key);
  if (cached !== undefined) return cached;
  const grid = PLASMA_TABLES.partitionFunctions.temperaturesK;
  const n = grid.length;
  const base = values[0] as number;
  const dLow = (values[n - 2] as number) - base;
  const dHigh = (values[n - 1] as number) - base;
  let result: Continuation | null = null;
  if (dLow > 1e-9 * base && dHigh > dLow) {
    const tLow = grid[n - 2] as number;
    const tHigh = grid[n - 1] as number;
    const energyK = Math.log(dHigh / dLow) / (1 / tLow - 1 / tHigh);
    result = { base, weight: dHigh * Math.exp(energyK / tHigh), energyK };
  }
  continuations.set(key, result);
  return result;
}

/**
 * Internal partition function U(T) = Σ g_j exp(−E_j/k_BT) of `element` in ion stage `stage` (1 =
 * neutral) from Barklem & Collet 2016 table 8 (Nov-2022 bug-fixed): ln U interpolated linearly in
 * ln T between grid points (1000 K steps from 2000 to 10 000 K); held at its 1000 K value below.
 *
 * Above 10 000 K (the table's top) the effective-level continuation of {@link continuation}
 * is used (the extension the table's README recommends for LIBS temperatures), up to
 * {@link MAX_PLASMA_TEMPERATURE_K}. Caveat: the tabulated sums include all NIST levels up to the
 * ionisation limit with no plasma cut-off, so for neutral alkalis above ~8000 K they exceed what a
 * Debye-truncated sum would give (Na I: 5.85 at 10 000 K). In Saha–Boltzmann intensities of a
 * mostly ionised species the neutral U cancels (n_I/U_I ≈ n_e·n_II/(S·U_II)), which limits the harm.
 */
export function partitionFunction(element: string, stage: number, temperatureK: number): number {
  const key = speciesKey(element, stage);
  const values = PLASMA_TABLES.partitionFunctions.species[key];
  if (values === undefined) {
    throw new WorkbenchError('INVALID_OPTION', `no partition function for ${key} (plasmaTables.json)`);
  }
  if (!(temperatureK > 0) || temperatureK > MAX_PLASMA_TEMPERATURE_K) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `temperature ${temperatureK} K outside (0, ${MAX_PLASMA_TEMPERATURE_K}] K for the partition function of ${key}`,
    );
  }
  const grid = PLASMA_TABLES.partitionFunctions.temperaturesK;
  const n = grid.length;
  if (temperatureK <= (grid[0] as number)) return values[0] as number;
  const top = grid[n - 1] as number;
  if (temperatureK >= top) {
    const c = continuation(key, values);
    return c === null ? (values[n - 1] as number) : c.base + c.weight * Math.exp(-c.energyK / temperatureK);
  }
  let i = 1;
  while ((grid[i] as number) < temperatureK) i++;
  const t0 = grid[i - 1] as number;
  const t1 = grid[i] as number;
  const f = Math.log(temperatureK / t0) / Math.log(t1 / t0);
  const u0 = values[i - 1] as number;
  const u1 = values[i] as number;
  return u0 * (u1 / u0) ** f;
}
