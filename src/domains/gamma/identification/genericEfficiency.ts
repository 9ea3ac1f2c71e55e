/**
 * A rough, generic relative full-energy-peak efficiency (≈ 1 near 100–150 keV), the default prior
 * for how strong each library line should appear. It is only a shape:
 * ∝ (E/150 keV)^−0.8 above 150 keV (the usual log-log slope of coaxial HPGe and NaI(Tl) detectors
 * between 0.2 and 3 MeV is −0.6 to −1.0), times 1/(1 + (55 keV/E)⁴) for the loss at low energy
 * (entrance window, dead layer, sample self-absorption: 0.63 at 60 keV, 0.22 at 40 keV, 0.02 at
 * 20 keV). A real detector and sample can differ from it by a factor 2 or more at the ends of the
 * range; identification therefore learns a smooth correction from the nuclides it accepts and
 * only penalises area ratios that contradict it by more than a factor 4.
 *
 * @param energyKeV photon energy in keV
 * @returns relative efficiency, dimensionless (0 for E ≤ 0)
 */
export function genericRelativeEfficiency(energyKeV: number): number {
  if (!(energyKeV > 0)) return 0;
  const highEnergy = energyKeV > 150 ? (energyKeV / 150) ** -0.8 : 1;
  return highEnergy / (1 + (55 / energyKeV) ** 4);
}

/**
 * By how much the efficiency prior may be off at E, as a factor ≥ 1: 1 above 100 keV (where the
 * ×4 ratio tolerance and the learned correction cover it), (100 keV/E)³ below, where entrance
 * windows, dead layers and sample self-absorption make any generic curve unreliable (4.6 at
 * 60 keV, 16 at 40 keV: a pottery fragment measured in the HPGe fixtures shows its 40 keV Sm
 * X-rays at a tenth of what the prior expects). Identification widens its area-ratio tolerance and its claims by it and
 * counts a missing line only by its pessimistic expected area.
 */
export function priorUncertaintyFactor(energyKeV: number): number {
  return energyKeV >= 100 ? 1 : (100 / Math.max(energyKeV, 1)) ** 3;
}
