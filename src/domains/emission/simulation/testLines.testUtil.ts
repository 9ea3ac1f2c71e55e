import type { EmissionLine } from '../lines/emissionLine';

/**
 * TEST DATA — not a line library. A few strong lines with the approximate A_ki / E_k / g_k of
 * optical-notes §3.6 (marked there [B]: "approximate values given only to bootstrap; re-pull from
 * NIST ASD before use"), completed with lower levels (g_i, E_i) and three Cu I lines from the same
 * source class (NIST ASD as remembered, [B]) so that self-absorption and a Boltzmann plot over
 * 2.4 eV can be tested. The simulator's tests need lines with known numbers, not exact ones.
 */
const SOURCE = 'TEST DATA: optical-notes §3.6 approximate values [B] (NIST ASD, not re-pulled)';

function line(
  element: string,
  ion: 1 | 2,
  wavelengthNm: number,
  aki: number,
  ekEv: number,
  gk: number,
  eiEv: number,
  gi: number,
): EmissionLine {
  return { element, ion, wavelengthNm, aki, ekEv, gk, eiEv, gi, resonance: eiEv === 0, source: SOURCE };
}

/** Na D2/D1, K 766/770, Ca II K/H, Li 670.78 doublet, Cu I 324.75/327.40, Mg II 279.55/280.27, Hα. */
export const TEST_LINES: readonly EmissionLine[] = [
  line('Na', 1, 588.995, 6.16e7, 2.104, 4, 0, 2),
  line('Na', 1, 589.592, 6.14e7, 2.102, 2, 0, 2),
  line('K', 1, 766.49, 3.8e7, 1.617, 4, 0, 2),
  line('K', 1, 769.896, 3.75e7, 1.61, 2, 0, 2),
  line('Ca', 2, 393.366, 1.47e8, 3.151, 4, 0, 2),
  line('Ca', 2, 396.847, 1.4e8, 3.123, 2, 0, 2),
  line('Ca', 1, 422.673, 2.18e8, 2.933, 3, 0, 1),
  line('Li', 1, 670.776, 3.69e7, 1.848, 4, 0, 2),
  line('Li', 1, 670.791, 3.69e7, 1.848, 2, 0, 2),
  line('Cu', 1, 324.754, 1.39e8, 3.817, 4, 0, 2),
  line('Cu', 1, 327.396, 1.37e8, 3.786, 2, 0, 2),
  line('Mg', 2, 279.553, 2.6e8, 4.434, 4, 0, 2),
  line('Mg', 2, 280.271, 2.57e8, 4.422, 2, 0, 2),
  line('Mg', 1, 285.213, 4.9e8, 4.346, 3, 0, 1),
  // Hα: the n = 3 → 2 multiplet as one line (A = 4.41e7 s⁻¹, g_k = 18, g_i = 8).
  line('H', 1, 656.279, 4.41e7, 12.0875, 18, 10.1988, 8),
  line('O', 1, 777.194, 3.69e7, 10.741, 7, 9.146, 5),
];

/** Cu I lines spanning 3.79–6.19 eV upper energies, for Boltzmann-plot tests. */
export const CU_BOLTZMANN_LINES: readonly EmissionLine[] = [
  line('Cu', 1, 324.754, 1.39e8, 3.817, 4, 0, 2),
  line('Cu', 1, 327.396, 1.37e8, 3.786, 2, 0, 2),
  line('Cu', 1, 510.554, 2.0e6, 3.817, 4, 1.389, 6),
  line('Cu', 1, 515.324, 6.0e7, 6.191, 4, 3.786, 2),
  line('Cu', 1, 521.82, 7.5e7, 6.192, 6, 3.817, 4),
];
