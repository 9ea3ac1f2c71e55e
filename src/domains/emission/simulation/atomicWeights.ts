import { WorkbenchError } from '../../../core/errors';

/**
 * Standard atomic weights (g mol⁻¹; abridged values to 5 significant figures or the interval's
 * conventional value) of the elements the simulator knows, from the IUPAC Commission on Isotopic
 * Abundances and Atomic Weights, "Standard atomic weights of the elements 2021" (Pure Appl. Chem.
 * 94 (2022) 573, table of abridged values). Used for mg/L → number density and Doppler widths,
 * where 4 digits are plenty. Not in any shipped table, so listed here.
 */
export const ATOMIC_WEIGHTS: Readonly<Record<string, number>> = {
  H: 1.008,
  Li: 6.94,
  B: 10.81,
  C: 12.011,
  N: 14.007,
  O: 15.999,
  Na: 22.99,
  Mg: 24.305,
  Al: 26.982,
  Si: 28.085,
  P: 30.974,
  S: 32.06,
  Cl: 35.45,
  K: 39.098,
  Ca: 40.078,
  Cr: 51.996,
  Mn: 54.938,
  Fe: 55.845,
  Co: 58.933,
  Ni: 58.693,
  Cu: 63.546,
  Zn: 65.38,
  Rb: 85.468,
  Sr: 87.62,
  Cd: 112.41,
  Cs: 132.91,
  Ba: 137.33,
  Pb: 207.2,
};

/** The standard atomic weight (g mol⁻¹) of `element`; INVALID_OPTION when unknown. */
export function atomicWeight(element: string): number {
  const value = ATOMIC_WEIGHTS[element];
  if (value === undefined) {
    throw new WorkbenchError('INVALID_OPTION', `no atomic weight for element "${element}" (atomicWeights.ts)`);
  }
  return value;
}
