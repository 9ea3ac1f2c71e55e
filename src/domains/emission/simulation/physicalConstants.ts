/**
 * Physical constants (CODATA 2018; the SI-defining ones are exact) and the Planck function, in SI
 * units unless the name says otherwise.
 */

/** Planck constant h (J s), exact. */
export const PLANCK_J_S = 6.62607015e-34;
/** Speed of light in vacuum c (m s⁻¹), exact. */
export const LIGHT_SPEED_M_S = 299792458;
/** Boltzmann constant k_B (J K⁻¹), exact. */
export const BOLTZMANN_J_K = 1.380649e-23;
/** Elementary charge e (C), exact. */
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;
/** Boltzmann constant in eV K⁻¹ (k_B / e). */
export const BOLTZMANN_EV_K = BOLTZMANN_J_K / ELEMENTARY_CHARGE_C;
/** Electron mass m_e (kg), CODATA 2018. */
export const ELECTRON_MASS_KG = 9.1093837015e-31;
/** Atomic mass constant u (kg), CODATA 2018. */
export const ATOMIC_MASS_KG = 1.6605390666e-27;
/** Avogadro constant N_A (mol⁻¹), exact. */
export const AVOGADRO_PER_MOL = 6.02214076e23;
/** Vacuum permittivity ε₀ (F m⁻¹), CODATA 2018. */
export const VACUUM_PERMITTIVITY_F_M = 8.8541878128e-12;

/**
 * Planck's law per unit wavelength, B_λ(T) = 2hc²/λ⁵ / (e^{hc/λk_BT} − 1), in W m⁻² sr⁻¹ nm⁻¹
 * (λ in nm, T in K). The air/vacuum difference of λ (3·10⁻⁴) is ignored.
 */
export function planckRadianceNm(wavelengthNm: number, temperatureK: number): number {
  const lambda = wavelengthNm * 1e-9;
  const x = (PLANCK_J_S * LIGHT_SPEED_M_S) / (lambda * BOLTZMANN_J_K * temperatureK);
  const perMetre = (2 * PLANCK_J_S * LIGHT_SPEED_M_S * LIGHT_SPEED_M_S) / lambda ** 5 / Math.expm1(x);
  return perMetre * 1e-9;
}
