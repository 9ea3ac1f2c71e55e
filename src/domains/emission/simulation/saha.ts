import { WorkbenchError } from '../../../core/errors';
import { ionisationEnergyEv, partitionFunction, stageCount } from './partitionFunctions';
import {
  BOLTZMANN_EV_K,
  BOLTZMANN_J_K,
  ELECTRON_MASS_KG,
  ELEMENTARY_CHARGE_C,
  PLANCK_J_S,
  VACUUM_PERMITTIVITY_F_M,
} from './physicalConstants';

/** Options of the Saha balance. */
export interface SahaOptions {
  /**
   * Lower each ionisation energy by the Debye–Hückel amount {@link ionisationLoweringEv} (default
   * true). Off, the textbook Saha equation with the free-atom χ results.
   */
  readonly lowering?: boolean;
}

function checkPlasma(temperatureK: number, electronDensityCm3: number): void {
  if (!(temperatureK > 0) || !Number.isFinite(temperatureK)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `plasma temperature must be a positive number of K, got ${temperatureK}`,
    );
  }
  if (!(electronDensityCm3 > 0) || !Number.isFinite(electronDensityCm3)) {
    throw new WorkbenchError('INVALID_OPTION', `electron density must be positive (cm⁻³), got ${electronDensityCm3}`);
  }
}

/**
 * Debye–Hückel lowering of the ionisation energy (eV) for forming an ion of charge `charge` (1 for
 * X → X⁺): Δχ = charge·e/(4πε₀λ_D) with the electron Debye length λ_D = √(ε₀k_BT/(n_e e²))
 * (Griem, Plasma Spectroscopy, 1964; electrons only, ions' screening neglected). About 0.03 eV at
 * 5000 K and 10¹⁶ cm⁻³, 0.07 eV at 10⁴ K and 10¹⁷ cm⁻³: a small correction at discharge densities.
 */
export function ionisationLoweringEv(charge: number, temperatureK: number, electronDensityCm3: number): number {
  checkPlasma(temperatureK, electronDensityCm3);
  const ne = electronDensityCm3 * 1e6;
  const debyeM = Math.sqrt(
    (VACUUM_PERMITTIVITY_F_M * BOLTZMANN_J_K * temperatureK) / (ne * ELEMENTARY_CHARGE_C * ELEMENTARY_CHARGE_C),
  );
  return (charge * ELEMENTARY_CHARGE_C) / (4 * Math.PI * VACUUM_PERMITTIVITY_F_M * debyeM);
}

/**
 * Saha ratio n_{z+1}/n_z of `element` between stage `stage` (1 = neutral) and the next:
 * n_e·n_{z+1}/n_z = 2·(U_{z+1}/U_z)·(2πm_e k_BT/h²)^{3/2}·exp(−(χ_z − Δχ)/k_BT)
 * (≈ 4.83·10¹⁵·T^{3/2}·(U_{z+1}/U_z)·exp(−χ_z/k_BT) cm⁻³; optical-notes §3.1), with U from
 * {@link partitionFunction}, χ from NIST ASD and Δχ from {@link ionisationLoweringEv}.
 */
export function sahaRatio(
  element: string,
  stage: number,
  temperatureK: number,
  electronDensityCm3: number,
  options: SahaOptions = {},
): number {
  checkPlasma(temperatureK, electronDensityCm3);
  const chi = ionisationEnergyEv(element, stage);
  const lowering = options.lowering === false ? 0 : ionisationLoweringEv(stage, temperatureK, electronDensityCm3);
  const thermal = ((2 * Math.PI * ELECTRON_MASS_KG * BOLTZMANN_J_K * temperatureK) / (PLANCK_J_S * PLANCK_J_S)) ** 1.5;
  const ratioU = partitionFunction(element, stage + 1, temperatureK) / partitionFunction(element, stage, temperatureK);
  const exponent = Math.max(0, chi - lowering) / (BOLTZMANN_EV_K * temperatureK);
  return ((2 * ratioU * thermal) / (electronDensityCm3 * 1e6)) * Math.exp(-exponent);
}

/**
 * Fractions of `element` in each tabulated ion stage (index 0 = neutral; three stages, two for H)
 * in Saha equilibrium at temperature T (K) and electron density n_e (cm⁻³); they sum to 1.
 * Stages above III are not tabulated and are neglected (their fraction is < 10⁻⁴ below 10 000 K
 * for every tabulated element, since χ_II > 10 eV).
 */
export function ionStageFractions(
  element: string,
  temperatureK: number,
  electronDensityCm3: number,
  options: SahaOptions = {},
): number[] {
  const stages = stageCount(element);
  if (stages === 0) throw new WorkbenchError('INVALID_OPTION', `no Saha data for element "${element}"`);
  const relative = [1];
  for (let z = 1; z < stages; z++) {
    relative.push((relative[z - 1] as number) * sahaRatio(element, z, temperatureK, electronDensityCm3, options));
  }
  const total = relative.reduce((a, b) => a + b, 0);
  return relative.map((r) => r / total);
}
